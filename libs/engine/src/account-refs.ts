/**
 * Direct references to what the detectors' per-account loops would otherwise find by hashing a string
 * per account: the slot behind a window entry, the accounts on a slot's device, the /24 a slot sits on.
 * Every measure walks a kind's whole window, and the three lookups an entry (maps of thousands of string
 * keys) were the largest lines of the engine's profile (#15, #12: the seed-7 bench stream).
 *
 * A reference is held only while it is what the lookup would return: a map value the room drops (the
 * only way one leaves: eviction past a cap) is marked retired, and a retired or missing reference falls
 * back to the lookup. The references live under symbol keys, which snapshots never see (msgpackr walks
 * string keys): a restored room starts without them and finds them again on first use. New slots and
 * entries are made with them inside the object (`DEVICE_ACCOUNTS` and `SUBNET` as fields of the
 * `AccountSlot` class, `newWindowEntry`): added later, in varying
 * orders, they gave slots many hidden classes, and every slot read in the engine slowed down with them;
 * added later in one order, they cost an out-of-object property store each (1.1 KB per room of 20).
 */
import type { AccountSlot, RoomState } from "./room-state";
import type { AccountColumns } from "./account-slot";
import type { KeyAccounts, WindowEntry } from "./detectors/cohort-state";

const SLOT = Symbol("slot");
export const DEVICE_ACCOUNTS = Symbol("deviceAccounts");
export const SUBNET = Symbol("subnet");
const RETIRED = Symbol("retired");

interface Retirable {
  [RETIRED]?: true;
}

type EntryRef = WindowEntry & { [SLOT]?: AccountSlot & Retirable };
/**
 * A lone device is one whose entry is its one account's id, not a list. Its entry changes only when it gains a second
 * account or the room drops it (`loneDevicesChanged`, room-state.ts), and the room counts those changes in its slots'
 * columns (`AccountColumns.loneDeviceChanges`): a live slot that found its device lone holds the count as of then, and
 * holds the truth while the count has not moved. Read through the slot, not the room, whose many hidden classes made
 * a load from it a slow one.
 */
type SlotRefs = AccountSlot & Retirable & { [DEVICE_ACCOUNTS]?: (string[] & Retirable) | number; [SUBNET]?: KeyAccounts & Retirable };

/** A window entry made holding the slot of the account that acted. */
export function newWindowEntry(lastMs: number, weight: number, eventId: string, slot: AccountSlot): WindowEntry {
  const entry: EntryRef = { lastMs, weight, eventId, [SLOT]: slot };
  return entry;
}

/** Marks a value a room's bounded map dropped: references to it are no longer what a lookup finds. */
export function retire(value: object): void {
  (value as Retirable)[RETIRED] = true;
}

/** Points a window entry at the slot of the account that just acted (the slot a lookup finds now). */
export function linkEntry(entry: WindowEntry, slot: AccountSlot): void {
  (entry as EntryRef)[SLOT] = slot;
}

/** `room.accounts.get(userId)` for the account behind `entry`. */
export function slotOfEntry(room: RoomState, userId: string, entry: WindowEntry): AccountSlot | undefined {
  const e = entry as EntryRef;
  const held = e[SLOT];
  if (held !== undefined && held[RETIRED] !== true) return held;
  const slot = room.accounts.get(userId);
  if (slot !== undefined) e[SLOT] = slot;
  return slot;
}

/** How many accounts the slot's device has carried in the room (undefined without a device or once the room dropped it). */
export function deviceCount(room: RoomState, slot: AccountSlot): number | undefined {
  if (slot.deviceId === "") return undefined;
  const s = slot as SlotRefs;
  const held = s[DEVICE_ACCOUNTS];
  if (typeof held === "number") {
    if (held === slot.loneDeviceChanges && s[RETIRED] !== true) return 1;
  } else if (held !== undefined && held[RETIRED] !== true) return held.length;
  const accounts = room.devices.get(slot.deviceId);
  if (accounts === undefined) return undefined;
  if (typeof accounts === "string") {
    s[DEVICE_ACCOUNTS] = slot.loneDeviceChanges;
    return 1;
  }
  s[DEVICE_ACCOUNTS] = accounts;
  return accounts.length;
}

/**
 * `room.devices.get(slot.deviceId)` as a list: the accounts seen on the slot's device, if the room still tracks it.
 * A lone account's list is made for the call: read where a device is shared (count it with `deviceCount` first).
 */
export function deviceAccountsOf(room: RoomState, slot: AccountSlot): readonly string[] | undefined {
  if (slot.deviceId === "") return undefined;
  const s = slot as SlotRefs;
  const held = s[DEVICE_ACCOUNTS];
  if (held !== undefined && typeof held !== "number" && held[RETIRED] !== true) return held;
  const accounts = room.devices.get(slot.deviceId);
  if (typeof accounts === "string") return [accounts];
  if (accounts !== undefined) s[DEVICE_ACCOUNTS] = accounts;
  return accounts;
}

/** A lone device of the room gained a second account or was dropped: every slot that found its device lone looks it up again. */
export function loneDevicesChanged(columns: AccountColumns): void {
  columns.loneDeviceChanges++;
}

/** `room.cohort.subnets.get(slot.ipPrefix)`: the slot's /24 with its accounts, if the room still tracks it. */
export function subnetOf(room: RoomState, slot: AccountSlot): KeyAccounts | undefined {
  if (slot.ipPrefix === "") return undefined;
  const s = slot as SlotRefs;
  const held = s[SUBNET];
  if (held !== undefined && held[RETIRED] !== true) return held;
  const subnet = room.cohort.subnets.get(slot.ipPrefix);
  if (subnet !== undefined) s[SUBNET] = subnet;
  return subnet;
}
