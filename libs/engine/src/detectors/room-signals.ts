/**
 * A room's composition signals for one kind of engagement: shares of the
 * accounts active in the kind's window that are fresh, sit on a device
 * shared with others here, on a crowded /24, on the room's largest /24,
 * never interacted, or made short visits. Each is ordinary for some room
 * (a campus is one /24, a new-user campaign is fresh), so none is a tell on
 * its own; what matters is how far a room sits from comparable rooms now
 * (issue 12, item 1). These are the values a room contributes, once per
 * event-time minute, to its peer group's sketches (`@redline/baselines`),
 * and the values judged against them. Pure: reads the room, changes nothing.
 */
import type { AccountSlot, RoomState } from "../room-state";
import { isSettledWatcher } from "./cohort";
import { cohortWindow, windowOf, type CohortKind, type WindowEntry } from "./cohort-state";
import { slotOfEntry } from "../account-refs";
import type { FalsificationConfig } from "./falsification-config";
import { NO_CROWD, type CrowdContext } from "./tells";
import { CrowdTally, freshAt, onCrowdedSubnet, onSharedPhone } from "./crowd";

export const ROOM_SIGNALS = [
  "fresh_share",
  "shared_device_share",
  "dense_subnet_share",
  "top_subnet_share",
  "silent_share",
  "short_visit_share",
  "stacked_identity_share",
] as const;

export type RoomSignalName = (typeof ROOM_SIGNALS)[number];

export interface RoomSignals {
  kind: CohortKind;
  /** Accounts the shares are over: the kind's window, settled viewers only for views (as the cohort judges them). */
  accounts: number;
  values: Record<RoomSignalName, number>;
}

/**
 * The signals of `kind` at `timeMs`, or null when fewer than `minAccounts` accounts are in the window: a share
 * of three accounts says nothing a peer comparison could use. Reads the window as it stands (pruning is the
 * cohort detector's job), so calling it never changes what the detectors see.
 */
export function roomSignalsOf(room: RoomState, kind: CohortKind, timeMs: number, f: Readonly<FalsificationConfig>, minAccounts = 5): RoomSignals | null {
  const window = cohortWindow(room.cohort, kind);
  const since = timeMs - windowOf(kind, f).windowMs;
  let accounts = 0;
  let fresh = 0;
  let sharedDevice = 0;
  let denseSubnet = 0;
  let silent = 0;
  let shortVisits = 0;
  let stacked = 0;
  const perSubnet = new Map<string, number>();
  for (const [userId, entry] of window) {
    const slot = judgedSlot(room, kind, userId, entry, since, timeMs, f);
    if (slot === undefined) continue;
    accounts++;
    const isFresh = freshAt(slot, timeMs, f);
    const onSharedDevice = onSharedPhone(room, slot, f);
    const onDenseSubnet = onCrowdedSubnet(room, slot, f);
    if (isFresh) fresh++;
    if (onSharedDevice) sharedDevice++;
    if (onDenseSubnet) denseSubnet++;
    if (onSharedDevice && (isFresh || onDenseSubnet)) stacked++;
    if (slot.ipPrefix !== "") perSubnet.set(slot.ipPrefix, (perSubnet.get(slot.ipPrefix) ?? 0) + 1);
    if (!slot.interacted && !slot.engaged) silent++;
    if (slot.shortVisits > 0) shortVisits++;
  }
  if (accounts < minAccounts) return null;
  let top = 0;
  for (const n of perSubnet.values()) top = Math.max(top, n);
  const share = (n: number) => n / accounts;
  return {
    kind,
    accounts,
    values: {
      fresh_share: share(fresh),
      shared_device_share: share(sharedDevice),
      dense_subnet_share: share(denseSubnet),
      top_subnet_share: share(top),
      silent_share: share(silent),
      short_visit_share: share(shortVisits),
      stacked_identity_share: share(stacked),
    },
  };
}

/** The account behind a window entry, if the kind's cohort judges it now (views: settled watchers only). */
export function judgedSlot(room: RoomState, kind: CohortKind, userId: string, entry: WindowEntry, since: number, timeMs: number, f: Readonly<FalsificationConfig>): AccountSlot | undefined {
  if (entry.lastMs < since) return undefined;
  const slot = slotOfEntry(room, userId, entry);
  if (slot === undefined || (kind === "views" && !isSettledWatcher(slot, timeMs, f.viewerSettleMs))) return undefined;
  return slot;
}

/**
 * What the views crowd shows as a whole (tells.ts): most settled viewers on a shared phone and fresh or on a
 * crowded /24, or most of them back for a few seconds again and again. Its own pass over the window, without
 * the other shares; the engine tallies it inside the cohort's own pass instead (`CrowdTally`, cohort.ts).
 */
export function crowdOf(room: RoomState, kind: CohortKind, timeMs: number, f: Readonly<FalsificationConfig>): Readonly<CrowdContext> {
  const tally = CROWD_TALLY;
  if (!tally.start(room, kind, timeMs, f)) return NO_CROWD;
  // forEach, not for-of: V8 allocated a [key, value] pair per entry (#15).
  cohortWindow(room.cohort, kind).forEach((entry, userId) => {
    const slot = judgedSlot(room, kind, userId, entry, tally.since, timeMs, f);
    if (slot !== undefined) tally.note(room, slot, timeMs, f);
  });
  return tally.crowd(f);
}

const CROWD_TALLY = new CrowdTally();
