/**
 * A room as snapshots hold it: the plain state of `room-state.ts` with each account slot in its plain
 * form. Slots live as rows of per-room columns in memory (#15, `account-slot.ts`); snapshots keep the
 * plain layout, so their bytes and `SNAPSHOT_VERSION` do not change with the layout in memory.
 */
import { AccountColumns, AccountSlot, type PlainAccountSlot } from "./account-slot";
import { ACCOUNT_COLUMNS, type RoomState } from "./room-state";
import { decodeState, encodeState } from "./state-codec";

/** The room with plain slots, its other fields shared (not copied): encode it before the room changes. */
export function roomToPlain(room: RoomState): unknown {
  const accounts = new Map<string, PlainAccountSlot>();
  room.accounts.forEach((slot, userId) => accounts.set(userId, slot.toPlain()));
  return { ...room, accounts };
}

export function encodeRoom(room: RoomState): Uint8Array {
  return encodeState(roomToPlain(room));
}

/** A room decoded from a snapshot, its slots back in columns of their own. */
export function roomFromPlain(plain: unknown): RoomState {
  const room = plain as Omit<RoomState, "accounts"> & { accounts: Map<string, PlainAccountSlot> };
  const columns = new AccountColumns(Math.max(1, room.accounts.size));
  const accounts = new Map<string, AccountSlot>();
  room.accounts.forEach((slot, userId) => accounts.set(userId, AccountSlot.fromPlain(columns, slot)));
  return Object.assign(room, { accounts, [ACCOUNT_COLUMNS]: columns });
}

export function decodeRoom(bytes: Uint8Array): RoomState {
  return roomFromPlain(decodeState(bytes));
}
