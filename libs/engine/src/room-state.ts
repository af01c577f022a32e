/**
 * Per-room state: the accounts and devices seen in the room (bounded maps)
 * and each detector's features. Plain data throughout, so a snapshot is a
 * straight serialisation and a restored room behaves exactly the same.
 */
import type { Actor, LiveEvent } from "@redline/proto";
import { boundedUpsert, evictOldest } from "@redline/common";
import { loneDevicesChanged, retire } from "./account-refs";
import { AccountColumns, AccountSlot } from "./account-slot";
import { joinedBeforeEviction, noteEvictedJoiner, type EvictedJoiners } from "./evicted-joiners";
import { createCohortState } from "./detectors/cohort-state";
import type { CohortState } from "./detectors/cohort-state";
import type { EngineConfig } from "./config";
import type { ContentFeatures } from "./detectors/content-state";
import type { KnownCrewSightings } from "./detectors/known-crews";
import type { LikeBeat } from "./detectors/like-waves";
import type { BatchedLiker } from "./detectors/batched-likers";
import type { KeptRefunds } from "./detectors/kept-refunds";

export { AccountSlot } from "./account-slot";

/** The rows behind a room's account slots (`account-slot.ts`): under a symbol key, which snapshots never see. */
export const ACCOUNT_COLUMNS = Symbol("accountColumns");

export interface RoomState {
  roomId: string;
  firstEventMs: number;
  lastEventMs: number;
  /** Event time the room last moved to the recently-active end of the engine's room map (absent in old snapshots). */
  movedToFrontMs?: number;
  /** Event time of ROOM_ENDED; -1 while live. */
  endedMs: number;
  accounts: Map<string, AccountSlot>;
  [ACCOUNT_COLUMNS]: AccountColumns;
  /** Accounts seen on each device in this room (capped): the id while one, an array from the second (read through `account-refs.ts`). */
  devices: Map<string, string | string[]>;
  /** Falsification cohorts: who acted in each kind recently, and the room's shared keys. */
  cohort: CohortState;
  /** Accounts liking per second, for a fleet's waves (absent before rules-9 and until the first like). */
  likeBeat?: LikeBeat;
  /** Per subcategory: event time the current alert episode opened, its highest severity, and when it may next be evaluated. */
  episodeStartMs: Record<string, number>;
  episodeSeverity: Record<string, number>;
  nextEvaluationMs: Record<string, number>;
  /**
   * Per cohort kind: until when its accounts' time-dependent tells may still ripen (see
   * `falsification.ts`, `maturityMs`), so the kind is re-judged on the room's other events meanwhile.
   * Absent in snapshots of rules-4 and earlier.
   */
  maturingUntilMs?: Partial<Record<string, number>>;
  /** Texts, moderation and minor-protection features; created on the room's first text, moderation or minor fact. */
  content?: ContentFeatures;
  /** Accounts of crews known from other rooms (#21) acting here, per kind; created on the first one. */
  knownCrews?: KnownCrewSightings;
  /**
   * Accounts seen here on a phone shared by `sharedDeviceAccounts` or more (never less than the room's
   * devices now show: evicted devices keep their count): lets `crowdOf` skip rooms without phone farms.
   */
  sharedPhoneAccounts?: number;
  /** Accounts that left or commented here without a JOIN of their own: the platform loses JOINs (absent before rules-11). */
  unjoinedPresences?: number;
  /** Accounts that sent more taps in one like event than a thumb makes, oldest first (absent before rules-12 and in rooms without any). */
  batchedLikers?: BatchedLiker[];
  /** The room's orders and the buyers holding refunds they did not order again after (absent before rules-14, and until the first order). */
  keptRefunds?: KeptRefunds;
  /** Accounts with `ghostCrowdVisits` short visits or more here: lets `crowdOf` skip rooms without ghosts (absent before rules-10). */
  repeatGhostAccounts?: number;
  /** Accounts that had joined before the account map evicted their slots (`evicted-joiners.ts`); made on the first. */
  evictedJoiners?: EvictedJoiners;
  /** The platform and product category the room's events state: with its size, its peer group (#12). */
  platform?: string;
  category?: string;
}

/** Notes the platform and category an event states for its room. */
export function noteRoomFacts(room: RoomState, event: LiveEvent): void {
  if (event.platform !== "" && event.platform !== room.platform) room.platform = event.platform;
  if (event.body?.$case === "room" && event.body.value.category !== "") room.category = event.body.value.category;
}

/** Accounts per device beyond this are not tracked individually: the device is a farm either way. */
const MAX_ACCOUNTS_TRACKED_PER_DEVICE = 32;

export function createRoomState(roomId: string, timeMs: number): RoomState {
  return {
    roomId,
    firstEventMs: timeMs,
    lastEventMs: timeMs,
    movedToFrontMs: timeMs,
    endedMs: -1,
    accounts: new Map(),
    [ACCOUNT_COLUMNS]: new AccountColumns(),
    devices: new Map(),
    cohort: createCohortState(),
    episodeStartMs: {},
    episodeSeverity: {},
    nextEvaluationMs: {},
    maturingUntilMs: {},
  };
}

/** The room's slot for `actor`, created on first sight with its identity as seen then. */
export function accountSlot(room: RoomState, actor: Actor, cfg: Readonly<EngineConfig>): AccountSlot {
  // Looked up first: the creating closure below would otherwise be allocated for every event (#15).
  const existing = room.accounts.get(actor.userId);
  return existing !== undefined ? existing : newAccountSlot(room, actor, cfg);
}

/**
 * A first-seen account's slot. Its own function: closures over `room` and `actor` in `accountSlot` made V8
 * allocate their context on every call, a seen account's too (#15: 72 B an event, the engine's largest item).
 */
function newAccountSlot(room: RoomState, actor: Actor, cfg: Readonly<EngineConfig>): AccountSlot {
  const create = (): AccountSlot => {
    const slot = AccountSlot.create(room[ACCOUNT_COLUMNS], actor.accountCreatedMs > 0 ? actor.accountCreatedMs : 0, actor.deviceId, actor.ipPrefix);
    // Its JOIN came before the bound dropped the slot: the count is all that is known of it (its time is not).
    if (joinedBeforeEviction(room.evictedJoiners, actor.userId)) slot.joins = 1;
    return slot;
  };
  return boundedUpsert(room.accounts, actor.userId, cfg.maxAccountsPerRoom, create, (slot, userId) => retireSlot(room, slot, userId));
}

/** An evicted slot: references to it fall back to the lookup, its row goes back to the room, and a JOIN it made is remembered. */
function retireSlot(room: RoomState, slot: AccountSlot, userId: string): void {
  if (slot.joins > 0) room.evictedJoiners = noteEvictedJoiner(room.evictedJoiners, userId);
  retire(slot);
  slot.detach();
}

/** Records that `actor` used its device here; returns how many accounts the device has carried in this room. */
export function accountsOnDevice(room: RoomState, actor: Actor, cfg: Readonly<EngineConfig>): number {
  if (actor.deviceId === "") return 1;
  const devices = room.devices;
  const held = devices.get(actor.deviceId);
  let accounts: string | string[];
  if (held === undefined) {
    // A device's lone account is held as its id, an array from the second (#15: nearly every device of an
    // ordinary room carries one account, and an array of one took 56 bytes a device).
    accounts = actor.userId;
    devices.set(actor.deviceId, accounts);
    if (devices.size > cfg.maxDevicesPerRoom) evictOldest(devices, cfg.maxDevicesPerRoom, (dropped) => dropDevice(room, dropped));
  } else if (typeof held === "string") {
    if (held === actor.userId) return 1;
    accounts = [held, actor.userId];
    devices.set(actor.deviceId, accounts);
    loneDevicesChanged(room[ACCOUNT_COLUMNS]);
  } else if (held.length < MAX_ACCOUNTS_TRACKED_PER_DEVICE && !held.includes(actor.userId)) {
    held.push(actor.userId);
    accounts = held;
  } else return held.length;
  const count = typeof accounts === "string" ? 1 : accounts.length;
  const shared = cfg.falsification.sharedDeviceAccounts;
  if (count >= shared) room.sharedPhoneAccounts = (room.sharedPhoneAccounts ?? 0) + (count === shared ? shared : 1);
  return count;
}

/** A device the room's cap dropped: references to its list or to it being lone no longer hold. */
function dropDevice(room: RoomState, accounts: string | string[]): void {
  if (typeof accounts === "string") loneDevicesChanged(room[ACCOUNT_COLUMNS]);
  else retire(accounts);
}
