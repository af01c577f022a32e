/**
 * The views crowd (tells.ts, `CrowdContext`), counted as a pass over the views window meets its settled viewers:
 * `crowdOf`'s own pass (room-signals.ts) or the cohort's judgement of the window (cohort.ts, `judgeCohort`).
 */
import type { AccountSlot, RoomState } from "../room-state";
import { deviceCount, subnetOf } from "../account-refs";
import { isFreshAccount } from "../primitives/account-age";
import { cohortWindow, keyCount, windowOf, type CohortKind } from "./cohort-state";
import type { FalsificationConfig } from "./falsification-config";
import { NO_CROWD, type CrowdContext } from "./tells";

export const freshAt = (slot: AccountSlot, timeMs: number, f: Readonly<FalsificationConfig>): boolean => isFreshAccount(slot.createdMs, timeMs, f.freshAccountAgeMs);
export const onSharedPhone = (room: RoomState, slot: AccountSlot, f: Readonly<FalsificationConfig>): boolean =>
  slot.deviceId !== "" && (deviceCount(room, slot) ?? 1) >= f.sharedDeviceAccounts;
export const onCrowdedSubnet = (room: RoomState, slot: AccountSlot, f: Readonly<FalsificationConfig>): boolean =>
  slot.ipPrefix !== "" && subnetCount(room, slot) >= f.denseIpAccounts;

/** Accounts on the slot's /24 (0 when the room does not track it). */
export function subnetCount(room: RoomState, slot: AccountSlot): number {
  const subnet = subnetOf(room, slot);
  return subnet === undefined ? 0 : keyCount(subnet);
}

/**
 * Counts the crowd's settled viewers as a pass over the views window meets them: `crowdOf`'s own pass, or the
 * cohort's judgement of the window (cohort.ts), which saves a second visit of every viewer (#12, #15: the crowd
 * pass was a third of the engine's window visits). `start` says whether the room can have a crowd at all; `note`
 * takes a settled viewer whose entry is within the window (`since`).
 */
export class CrowdTally {
  since = 0;
  private phones = false;
  private ghosts = false;
  private accounts = 0;
  private stacked = 0;
  private ghostly = 0;

  start(room: RoomState, kind: CohortKind, timeMs: number, f: Readonly<FalsificationConfig>): boolean {
    // A crowd needs stackedCrowdShare of at least stackedCrowdMinViewers accounts on shared phones, or ghosts.
    const fewest = f.stackedCrowdShare * f.stackedCrowdMinViewers;
    this.phones = (room.sharedPhoneAccounts ?? 0) >= fewest;
    this.ghosts = (room.repeatGhostAccounts ?? 0) >= fewest;
    this.accounts = 0;
    this.stacked = 0;
    this.ghostly = 0;
    this.since = timeMs - windowOf(kind, f).windowMs;
    return kind === "views" && cohortWindow(room.cohort, kind).size >= f.stackedCrowdMinViewers && (this.phones || this.ghosts);
  }

  note(room: RoomState, slot: AccountSlot, timeMs: number, f: Readonly<FalsificationConfig>): void {
    this.accounts++;
    if (this.phones && onSharedPhone(room, slot, f) && (freshAt(slot, timeMs, f) || onCrowdedSubnet(room, slot, f))) this.stacked++;
    if (slot.shortVisits >= f.ghostCrowdVisits) this.ghostly++;
  }

  crowd(f: Readonly<FalsificationConfig>): Readonly<CrowdContext> {
    if (this.accounts < f.stackedCrowdMinViewers) return NO_CROWD;
    return CROWDS[(this.stacked / this.accounts >= f.stackedCrowdShare ? 1 : 0) + (this.ghosts && this.ghostly / this.accounts >= f.stackedCrowdShare ? 2 : 0)]!;
  }
}

/** The four crowd contexts, indexed by stacked identity (1) and ghost crowd (2). */
const CROWDS: readonly Readonly<CrowdContext>[] = [
  NO_CROWD,
  Object.freeze({ stackedIdentity: true, ghostCrowd: false }),
  Object.freeze({ stackedIdentity: false, ghostCrowd: true }),
  Object.freeze({ stackedIdentity: true, ghostCrowd: true }),
];
