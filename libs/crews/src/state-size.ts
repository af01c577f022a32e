/**
 * What the detector holds, in entries and estimated bytes (#21: state bounded
 * and reported in bytes per account).
 */
import { type AccountState, accountStateBytes } from "./account-state";

export interface CrewStateSize {
  accounts: number;
  rooms: number;
  groups: number;
  keys: number;
  accountBytes: number;
  totalBytes: number;
  /** accountBytes / accounts. */
  bytesPerAccount: number;
  /** The largest single account's state. */
  maxAccountBytes: number;
}

/** A table the detector keeps beside its accounts: its entries and their estimated bytes. */
export interface SizedTable {
  readonly size: number;
  bytes(): number;
}

export function measureState(accounts: ReadonlyMap<string, AccountState>, rooms: { size: number; values(): Iterable<{ bytes(): number }> }, groups: SizedTable, keys: SizedTable, dispatches?: SizedTable): CrewStateSize {
  let accountBytes = 0;
  let maxAccountBytes = 0;
  for (const state of accounts.values()) {
    const bytes = accountStateBytes(state);
    accountBytes += bytes;
    maxAccountBytes = Math.max(maxAccountBytes, bytes);
  }
  let roomBytes = 0;
  for (const room of rooms.values()) roomBytes += room.bytes();
  const n = accounts.size;
  return {
    accounts: n,
    rooms: rooms.size,
    groups: groups.size,
    keys: keys.size,
    accountBytes,
    totalBytes: accountBytes + roomBytes + groups.bytes() + keys.bytes() + (dispatches?.bytes() ?? 0),
    bytesPerAccount: n === 0 ? 0 : Math.round(accountBytes / n),
    maxAccountBytes,
  };
}
