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
import { windowOf, type CohortKind, type WindowEntry } from "./cohort-state";
import { deviceAccountsOf, slotOfEntry, subnetOf } from "../account-refs";
import type { FalsificationConfig } from "./falsification-config";
import { NO_CROWD, type CrowdContext } from "./tells";

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
  const window = room.cohort.windows[kind];
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

const freshAt = (slot: AccountSlot, timeMs: number, f: Readonly<FalsificationConfig>): boolean => slot.createdMs > 0 && timeMs - slot.createdMs < f.freshAccountAgeMs;
const onSharedPhone = (room: RoomState, slot: AccountSlot, f: Readonly<FalsificationConfig>): boolean =>
  slot.deviceId !== "" && (deviceAccountsOf(room, slot)?.length ?? 1) >= f.sharedDeviceAccounts;
const onCrowdedSubnet = (room: RoomState, slot: AccountSlot, f: Readonly<FalsificationConfig>): boolean =>
  slot.ipPrefix !== "" && (subnetOf(room, slot)?.accounts.length ?? 0) >= f.denseIpAccounts;

/**
 * What the views crowd shows as a whole (tells.ts): most settled viewers on a shared phone and fresh or on a
 * crowded /24, or most of them back for a few seconds again and again. Its own pass over the window, without
 * the other shares: it runs at every views measure, and only in rooms with enough of either to make a crowd.
 */
export function crowdOf(room: RoomState, kind: CohortKind, timeMs: number, f: Readonly<FalsificationConfig>): Readonly<CrowdContext> {
  const window = room.cohort.windows[kind];
  // A crowd needs stackedCrowdShare of at least stackedCrowdMinViewers accounts on shared phones, or ghosts.
  const fewest = f.stackedCrowdShare * f.stackedCrowdMinViewers;
  const phones = (room.sharedPhoneAccounts ?? 0) >= fewest;
  const ghosts = (room.repeatGhostAccounts ?? 0) >= fewest;
  if (kind !== "views" || window.size < f.stackedCrowdMinViewers || (!phones && !ghosts)) return NO_CROWD;
  const since = timeMs - windowOf(kind, f).windowMs;
  let accounts = 0;
  let stacked = 0;
  let ghostly = 0;
  // forEach, not for-of: V8 allocated a [key, value] pair per entry (#15).
  window.forEach((entry, userId) => {
    const slot = judgedSlot(room, kind, userId, entry, since, timeMs, f);
    if (slot === undefined) return;
    accounts++;
    if (phones && onSharedPhone(room, slot, f) && (freshAt(slot, timeMs, f) || onCrowdedSubnet(room, slot, f))) stacked++;
    if (slot.shortVisits >= f.ghostCrowdVisits) ghostly++;
  });
  if (accounts < f.stackedCrowdMinViewers) return NO_CROWD;
  return CROWDS[(stacked / accounts >= f.stackedCrowdShare ? 1 : 0) + (ghosts && ghostly / accounts >= f.stackedCrowdShare ? 2 : 0)]!;
}

/** The four crowd contexts, indexed by stacked identity (1) and ghost crowd (2). */
const CROWDS: readonly Readonly<CrowdContext>[] = [
  NO_CROWD,
  Object.freeze({ stackedIdentity: true, ghostCrowd: false }),
  Object.freeze({ stackedIdentity: false, ghostCrowd: true }),
  Object.freeze({ stackedIdentity: true, ghostCrowd: true }),
];
