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
import type { KeyAccounts, WindowEntry } from "./detectors/cohort-state";

const SLOT = Symbol("slot");
export const DEVICE_ACCOUNTS = Symbol("deviceAccounts");
export const SUBNET = Symbol("subnet");
const RETIRED = Symbol("retired");

interface Retirable {
  [RETIRED]?: true;
}

type EntryRef = WindowEntry & { [SLOT]?: AccountSlot & Retirable };
type SlotRefs = AccountSlot & Retirable & { [DEVICE_ACCOUNTS]?: string[] & Retirable; [SUBNET]?: KeyAccounts & Retirable };

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

/** `room.devices.get(slot.deviceId)`: the accounts seen on the slot's device, if the room still tracks it. */
export function deviceAccountsOf(room: RoomState, slot: AccountSlot): string[] | undefined {
  if (slot.deviceId === "") return undefined;
  const s = slot as SlotRefs;
  const held = s[DEVICE_ACCOUNTS];
  if (held !== undefined && held[RETIRED] !== true) return held;
  const accounts = room.devices.get(slot.deviceId);
  if (accounts !== undefined) s[DEVICE_ACCOUNTS] = accounts;
  return accounts;
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
