/**
 * Which accounts used a device or payment key. A key few accounts share links
 * them (a phone farm's handsets, a brushing crew's wallets); a key past
 * `maxAccountsPerKey` is a shared terminal or a locker and links nobody new
 * (§6.3 campus_network, household_device stays small and never syncs).
 */
import { setMostRecent } from "@redline/common";
import type { CrewConfig } from "./config";

export interface KeyUsers {
  accounts: string[];
  saturated: boolean;
}

export class KeyIndex {
  private readonly keys = new Map<string, KeyUsers>();

  constructor(private readonly config: CrewConfig) {}

  get size(): number {
    return this.keys.size;
  }

  /** Records that `accountId` used `key`; returns the other accounts it is now linked to (empty when saturated). */
  add(key: string, accountId: string): readonly string[] {
    let users = this.keys.get(key);
    if (users === undefined) users = { accounts: [], saturated: false };
    setMostRecent(this.keys, key, users, this.config.maxKeys);
    if (users.saturated || users.accounts.includes(accountId)) return [];
    if (users.accounts.length >= this.config.maxAccountsPerKey) {
      users.saturated = true;
      users.accounts = [];
      return [];
    }
    users.accounts.push(accountId);
    return users.accounts.filter((a) => a !== accountId);
  }

  /** More than `maxAccountsPerKey` accounts used `key`: a shared terminal, a locker or a NAT. */
  saturated(key: string): boolean {
    return this.keys.get(key)?.saturated === true;
  }

  /** Keys least recently used first (the eviction order), for a snapshot. */
  entries(): Array<[string, KeyUsers]> {
    return [...this.keys];
  }

  restore(entries: ReadonlyArray<[string, KeyUsers]>): void {
    this.keys.clear();
    for (const [key, users] of entries) this.keys.set(key, users);
  }

  bytes(): number {
    let bytes = 0;
    for (const [key, users] of this.keys) bytes += 80 + 2 * key.length + users.accounts.length * 40;
    return bytes;
  }
}
