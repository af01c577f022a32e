/**
 * Per-room state of the falsification cohorts: for each kind of engagement,
 * the accounts that acted in it recently (in order of their last action, so
 * the window is pruned from the front), and the room's shared keys — /24s,
 * payment accounts and addresses — with the accounts seen on each.
 */
export type CohortKind = "views" | "likes" | "follows" | "orders";

export const COHORT_KINDS: readonly CohortKind[] = ["views", "likes", "follows", "orders"];

export interface WindowEntry {
  lastMs: number;
  /** Activity (taps, joins, follows, orders) decayed with the configured half-life, as of `lastMs`. */
  weight: number;
  /** The account's latest event of this kind, cited as evidence. */
  eventId: string;
}

/** Accounts seen on one key (capped: past the cap the key is shared beyond doubt) and how many of them were fresh. */
export interface KeyAccounts {
  accounts: string[];
  fresh: number;
}

export interface CohortState {
  windows: Record<CohortKind, Map<string, WindowEntry>>;
  subnets: Map<string, KeyAccounts>;
  payments: Map<string, KeyAccounts>;
  addresses: Map<string, KeyAccounts>;
}

export function createCohortState(): CohortState {
  return {
    windows: { views: new Map(), likes: new Map(), follows: new Map(), orders: new Map() },
    subnets: new Map(),
    payments: new Map(),
    addresses: new Map(),
  };
}

/** Accounts tracked per key; a key beyond it counts as this many. */
export const MAX_ACCOUNTS_PER_KEY = 64;

/** Adds `userId` to the key's accounts (once); returns how many accounts the key has carried. */
export function addToKey(map: Map<string, KeyAccounts>, key: string, userId: string, fresh: boolean, capacity: number): number {
  if (key === "") return 1;
  let entry = map.get(key);
  if (entry === undefined) {
    if (map.size >= capacity) map.delete(map.keys().next().value as string);
    entry = { accounts: [], fresh: 0 };
    map.set(key, entry);
  }
  if (entry.accounts.length < MAX_ACCOUNTS_PER_KEY && !entry.accounts.includes(userId)) {
    entry.accounts.push(userId);
    if (fresh) entry.fresh++;
  }
  return entry.accounts.length;
}

/** Records an action of `kind` by `userId` in its window, moving the account to the recent end. */
export function touchWindow(window: Map<string, WindowEntry>, userId: string, timeMs: number, amount: number, eventId: string, halfLifeMs: number, capacity: number): void {
  const prev = window.get(userId);
  const decayed = prev === undefined ? 0 : prev.weight * 0.5 ** (Math.max(0, timeMs - prev.lastMs) / halfLifeMs);
  if (prev !== undefined) window.delete(userId);
  else if (window.size >= capacity) window.delete(window.keys().next().value as string);
  window.set(userId, { lastMs: Math.max(timeMs, prev?.lastMs ?? timeMs), weight: decayed + amount, eventId });
}

/** Drops accounts whose last action is older than the window. */
export function pruneWindow(window: Map<string, WindowEntry>, oldestMs: number): void {
  for (const [userId, entry] of window) {
    if (entry.lastMs >= oldestMs) return;
    window.delete(userId);
  }
}
