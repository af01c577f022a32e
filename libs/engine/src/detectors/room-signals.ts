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
import type { RoomState } from "../room-state";
import { isSettledWatcher } from "./cohort";
import { windowOf, type CohortKind } from "./cohort-state";
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
    if (entry.lastMs < since) continue;
    const slot = room.accounts.get(userId);
    if (slot === undefined) continue;
    if (kind === "views" && !isSettledWatcher(slot, timeMs, f.viewerSettleMs)) continue;
    accounts++;
    const isFresh = slot.createdMs > 0 && timeMs - slot.createdMs < f.freshAccountAgeMs;
    const onSharedDevice = slot.deviceId !== "" && (room.devices.get(slot.deviceId)?.length ?? 1) >= f.sharedDeviceAccounts;
    const onDenseSubnet = slot.ipPrefix !== "" && (room.cohort.subnets.get(slot.ipPrefix)?.accounts.length ?? 0) >= f.denseIpAccounts;
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

/** What the views crowd shows as a whole (tells.ts): most settled viewers stacking two identity tells. */
export function crowdOf(room: RoomState, kind: CohortKind, timeMs: number, f: Readonly<FalsificationConfig>): Readonly<CrowdContext> {
  if (kind !== "views") return NO_CROWD;
  const signals = roomSignalsOf(room, kind, timeMs, f, f.stackedCrowdMinViewers);
  return signals !== null && signals.values.stacked_identity_share >= f.stackedCrowdShare ? STACKED_CROWD : NO_CROWD;
}

const STACKED_CROWD: Readonly<CrowdContext> = Object.freeze({ stackedIdentity: true });
