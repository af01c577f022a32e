/**
 * Per-room state of the falsification cohorts: for each kind of engagement,
 * the accounts that acted in it recently (in order of their last action, so
 * the window is pruned from the front), and the room's shared keys — /24s,
 * payment accounts and addresses — with the accounts seen on each.
 */
import { boundedUpsert, setMostRecent } from "@redline/common";
import { createBuyerRings, type BuyerRings } from "./buyer-rings";
import { linkEntry, newWindowEntry, retire } from "../account-refs";
import type { AccountSlot } from "../room-state";

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
  /**
   * The accounts: the one id while the key has carried one (nearly every /24 of an ordinary room), an array
   * from the second (#15: an array of one was 56 bytes a key). Read through `keyCount` and `keyAccountList`.
   */
  ids: string | string[];
  fresh: number;
  /** Arrival cadence of the key's accounts (joins on a /24), kept once the key carries a few accounts. */
  cadence?: Cadence;
}

/** The latest gaps between a room's consecutive arrivals of one kind (joins, follows or orders). */
export interface Cadence {
  lastMs: number;
  gapsMs: number[];
}

/**
 * A room's cohort state. What most ordinary rooms never use (a follows or orders window, cadences, payment
 * accounts, addresses, buyer rings, creation hours) is made on first use (#15: 1.5 KB of every room made up
 * front); snapshots hold every part, made empty where absent (room-codec.ts), as before.
 */
export interface CohortState {
  windows: { views: Map<string, WindowEntry>; likes: Map<string, WindowEntry>; follows?: Map<string, WindowEntry>; orders?: Map<string, WindowEntry> };
  /** Arrival cadence of joins, follows and orders: a farm on a fixed schedule makes the room's gaps regular. */
  cadence: Partial<Record<"views" | "follows" | "orders", Cadence>>;
  /**
   * The same for fresh accounts only: a fleet on a schedule hidden among a busy room's organic arrivals keeps
   * its schedule in the sub-stream it belongs to (organic fresh arrivals, even a new-user campaign's, are Poisson).
   */
  freshCadence: Partial<Record<"views" | "follows" | "orders", Cadence>>;
  subnets: Map<string, KeyAccounts>;
  payments?: Map<string, KeyAccounts>;
  addresses?: Map<string, KeyAccounts>;
  /** Buyers linked by a shared payment account or device. */
  rings?: BuyerRings;
  /** Fresh accounts seen here per creation hour (absent in rules-6 snapshots): a farm registers in batches. */
  freshCreatedHours?: Map<number, number>;
}

export function createCohortState(): CohortState {
  return { windows: { views: new Map(), likes: new Map() }, cadence: {}, freshCadence: {}, subnets: new Map() };
}

/** The cohort state as snapshots hold it (and as it was made before #15): every part present, in this order. */
export function plainCohortState(c: CohortState): Required<CohortState> {
  const cadences = (of: CohortState["cadence"]) => ({ views: of.views ?? newCadence(), follows: of.follows ?? newCadence(), orders: of.orders ?? newCadence() });
  return {
    windows: { views: c.windows.views, likes: c.windows.likes, follows: c.windows.follows ?? new Map(), orders: c.windows.orders ?? new Map() },
    cadence: cadences(c.cadence),
    freshCadence: cadences(c.freshCadence),
    subnets: plainKeys(c.subnets) as Map<string, KeyAccounts>,
    payments: plainKeys(c.payments ?? new Map()) as Map<string, KeyAccounts>,
    addresses: plainKeys(c.addresses ?? new Map()) as Map<string, KeyAccounts>,
    rings: c.rings ?? createBuyerRings(),
    freshCreatedHours: c.freshCreatedHours ?? new Map(),
  };
}

const NO_ENTRIES: ReadonlyMap<string, WindowEntry> = new Map();

/** The accounts that acted in `kind` recently (none when the room never saw it). */
export function cohortWindow(cohort: CohortState, kind: CohortKind): ReadonlyMap<string, WindowEntry> {
  return cohort.windows[kind] ?? NO_ENTRIES;
}

/** `kind`'s window, made on the room's first action of the kind. */
export function windowToTouch(cohort: CohortState, kind: CohortKind): Map<string, WindowEntry> {
  return (cohort.windows[kind] ??= new Map());
}

/** `kind`'s arrival cadence (the fresh accounts' when `fresh`), made on the room's first such arrival. */
export function cadenceOf(cohort: CohortState, kind: "views" | "follows" | "orders", fresh: boolean): Cadence {
  const cadences = fresh ? cohort.freshCadence : cohort.cadence;
  return (cadences[kind] ??= newCadence());
}

const HOUR_MS = 3_600_000;
/** Creation hours tracked per room: 15 days of fresh accounts, one key per hour; past it, new hours are not counted. */
const MAX_CREATION_HOURS = 400;

/** Counts a fresh account's creation hour in the room. */
export function noteFreshCreation(cohort: CohortState, createdMs: number): void {
  const hours = (cohort.freshCreatedHours ??= new Map());
  const hour = Math.floor(createdMs / HOUR_MS);
  const n = hours.get(hour);
  if (n !== undefined) hours.set(hour, n + 1);
  else if (hours.size < MAX_CREATION_HOURS) hours.set(hour, 1);
}

/** Fresh accounts created within an hour either side of `hour`... */
const BATCH_SPAN_HOURS = 1;
/** ...compared with the two days around them (threat model §2.3: a farm registers its accounts within hours; a new-user campaign's accounts spread over days). */
const BATCH_CONTEXT_HOURS = 24;
const BATCH_MIN_ACCOUNTS = 5;
const BATCH_CONCENTRATION = 3;

/**
 * Whether the room's fresh accounts created around `createdMs` form a registration batch: at least five within
 * three hours, and three times as dense as the room's fresh accounts created in the two days around them.
 * Judged against this room's own fresh accounts, so a campaign that brings hundreds of new users evenly is no batch.
 */
export function isBatchCreated(cohort: CohortState, createdMs: number): boolean {
  const hours = cohort.freshCreatedHours;
  if (hours === undefined || createdMs <= 0) return false;
  const hour = Math.floor(createdMs / HOUR_MS);
  let inBatch = 0;
  let around = 0;
  for (let h = hour - BATCH_CONTEXT_HOURS; h <= hour + BATCH_CONTEXT_HOURS; h++) {
    const n = hours.get(h) ?? 0;
    if (Math.abs(h - hour) <= BATCH_SPAN_HOURS) inBatch += n;
    else around += n;
  }
  const batchHours = 2 * BATCH_SPAN_HOURS + 1;
  const aroundPerBatch = (around / (2 * BATCH_CONTEXT_HOURS + 1 - batchHours)) * batchHours;
  return inBatch >= BATCH_MIN_ACCOUNTS && inBatch >= BATCH_CONCENTRATION * aroundPerBatch;
}

export const newCadence = (): Cadence => ({ lastMs: -1, gapsMs: [] });

/** Gaps looked at, the share of them within ±10 % of their median that makes a schedule, and the shortest median that counts. */
const CADENCE_GAPS = 12;
const CADENCE_SHARE = 0.6;
const CADENCE_MIN_MEDIAN_MS = 100;

/**
 * Adds an arrival at `timeMs`; true when most of the latest gaps sit within 10 % of their median — a
 * scheduler's fixed interval. A median is used, not a variance, so the odd organic arrival slipped in
 * between a farm's does not hide the schedule; Poisson arrivals put ~7 % of gaps in that band.
 */
const SORTED_GAPS: number[] = new Array<number>(CADENCE_GAPS).fill(0);

export function cadenceAdd(c: Cadence, timeMs: number): boolean {
  if (c.lastMs >= 0 && timeMs >= c.lastMs) {
    c.gapsMs.push(timeMs - c.lastMs);
    if (c.gapsMs.length > CADENCE_GAPS) c.gapsMs.shift();
  }
  if (timeMs > c.lastMs) c.lastMs = timeMs;
  if (c.gapsMs.length < CADENCE_GAPS) return false;
  // Sorted by insertion into a reused array: a copy and Array.prototype.sort's own work array per arrival showed as garbage (#15).
  const sorted = SORTED_GAPS;
  for (let i = 0; i < CADENCE_GAPS; i++) {
    const g = c.gapsMs[i]!;
    let j = i;
    for (; j > 0 && sorted[j - 1]! > g; j--) sorted[j] = sorted[j - 1]!;
    sorted[j] = g;
  }
  const median = sorted[CADENCE_GAPS >> 1]!;
  if (median < CADENCE_MIN_MEDIAN_MS) return false;
  let near = 0;
  for (let i = 0; i < CADENCE_GAPS; i++) if (Math.abs(c.gapsMs[i]! - median) <= median / 10) near++;
  return near >= CADENCE_SHARE * CADENCE_GAPS;
}

/** Accounts tracked per key; a key beyond it counts as this many. */
export const MAX_ACCOUNTS_PER_KEY = 64;

/** How many accounts the key has carried. */
export function keyCount(key: KeyAccounts): number {
  return typeof key.ids === "string" ? 1 : key.ids.length;
}

/** The key's accounts in the order first seen (an array made for a key of one: read where a few keys are). */
export function keyAccountList(key: KeyAccounts): readonly string[] {
  return typeof key.ids === "string" ? [key.ids] : key.ids;
}

/** Adds `userId` to the key's accounts (once); returns how many accounts the key has carried. */
export function addToKey(map: Map<string, KeyAccounts>, key: string, userId: string, fresh: boolean, capacity: number): number {
  if (key === "") return 1;
  let created = false;
  const entry = boundedUpsert(map, key, capacity, (): KeyAccounts => {
    created = true;
    return { ids: userId, fresh: fresh ? 1 : 0 };
  }, retire);
  if (created) return 1;
  const ids = entry.ids;
  if (typeof ids === "string") {
    if (ids === userId) return 1;
    entry.ids = [ids, userId];
  } else if (ids.length < MAX_ACCOUNTS_PER_KEY && !ids.includes(userId)) ids.push(userId);
  else return ids.length;
  if (fresh) entry.fresh++;
  return keyCount(entry);
}

/** A key as snapshots hold it (and as it was in memory before #15): its accounts always an array. */
function plainKeys(keys: Map<string, KeyAccounts>): Map<string, unknown> {
  const plain = new Map<string, unknown>();
  keys.forEach((k, key) => plain.set(key, { accounts: keyAccountList(k), fresh: k.fresh, ...(k.cadence !== undefined ? { cadence: k.cadence } : {}) }));
  return plain;
}

/** Keys restored from a snapshot, in memory's form. */
export function keysFromPlain(plain: Map<string, { accounts: string[]; fresh: number; cadence?: Cadence }>): Map<string, KeyAccounts> {
  const keys = new Map<string, KeyAccounts>();
  plain.forEach((p, key) => keys.set(key, { ids: p.accounts.length === 1 ? p.accounts[0]! : p.accounts, fresh: p.fresh, ...(p.cadence !== undefined ? { cadence: p.cadence } : {}) }));
  return keys;
}

/** Records an action of `kind` by `userId` (its slot: `slot`) in its window, moving the account to the recent end. */
export function touchWindow(window: Map<string, WindowEntry>, userId: string, slot: AccountSlot, timeMs: number, amount: number, eventId: string, halfLifeMs: number, capacity: number): void {
  const prev = window.get(userId);
  if (prev === undefined) {
    setMostRecent(window, userId, newWindowEntry(timeMs, amount, eventId, slot), capacity);
    return;
  }
  // Updated in place and moved to the recent end: a new entry per event showed as garbage-collection time.
  prev.weight = prev.weight * 0.5 ** (Math.max(0, timeMs - prev.lastMs) / halfLifeMs) + amount;
  prev.lastMs = Math.max(timeMs, prev.lastMs);
  prev.eventId = eventId;
  linkEntry(prev, slot);
  setMostRecent(window, userId, prev, capacity);
}

/** Drops accounts whose last action is older than the window. */
export function pruneWindow(window: Map<string, WindowEntry> | undefined, oldestMs: number): void {
  if (window === undefined) return;
  for (const [userId, entry] of window) {
    if (entry.lastMs >= oldestMs) return;
    window.delete(userId);
  }
}

/** `windowOf(kind, f).halfLifeMs` without the object: it is read for every event (#15). */
export function halfLifeMsOf(kind: CohortKind, f: Parameters<typeof windowOf>[1]): number {
  const windowMs = kind === "views" ? f.viewsWindowMs : kind === "likes" ? f.likesWindowMs : kind === "follows" ? f.followsWindowMs : f.ordersWindowMs;
  return windowMs * f.activityHalfLifeShare;
}

/** How long an account stays in its kind's cohort after acting, and the half-life of its activity weight there. */
export function windowOf(kind: CohortKind, f: { viewsWindowMs: number; likesWindowMs: number; followsWindowMs: number; ordersWindowMs: number; activityHalfLifeShare: number }): { windowMs: number; halfLifeMs: number } {
  const windowMs = kind === "views" ? f.viewsWindowMs : kind === "likes" ? f.likesWindowMs : kind === "follows" ? f.followsWindowMs : f.ordersWindowMs;
  return { windowMs, halfLifeMs: windowMs * f.activityHalfLifeShare };
}
