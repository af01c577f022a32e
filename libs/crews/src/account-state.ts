/**
 * What the detector keeps per account, with hard caps (the "bounded
 * per-account state"): its recent room visits, the accounts it was in sync
 * with and where, the device and payment keys it used, and its group.
 */
import type { CrewConfig } from "./config";

export interface Visit {
  roomId: string;
  streamerId: string;
  category: string;
  /** 0 when the room's start was not seen. */
  roomStartedMs: number;
  arrivedMs: number;
  lastMs: number;
  /** 0 while the visit is open. */
  leftMs: number;
  ipPrefix: string;
  /** The account was active in another room during this visit (watching two rooms at once). */
  concurrent: boolean;
  /** The visit began with a join (its stay can be measured once it leaves). */
  joined: boolean;
  /** Join to leave, once both were seen; 0 otherwise. */
  dwellMs: number;
  /** Join to the visit's first like (the crew script's offset, §6.1); -1 when it did not join or has not liked. */
  firstLikeOffsetMs: number;
  /** Join to the visit's first comment, as the first like; -1 when none (script-cohorts.ts). */
  firstCommentOffsetMs: number;
  /** Join to the first like of the visit's second like burst (a like `LIKE_BURST_GAP_MS` after the one before); -1 when none. */
  secondBurstOffsetMs: number;
  /** The visit's latest like; 0 before any. */
  lastLikeMs: number;
  /** Accounts whose script marks matched this visit's in the room, at most `maxScriptPartnersPerVisit` (script-cohorts.ts). */
  scriptPartners: string[];
  /** Another of the account's visits ran the same script with a cohort of its own: this visit's cohort is linked. */
  scriptConfirmed: boolean;
}

/** One room in which two accounts arrived and left together. */
export interface CoVisit {
  roomId: string;
  streamerId: string;
  category: string;
  /** The earlier of the two arrivals and the later of the two departures. */
  arrivedMs: number;
  leftMs: number;
  arrivalGapMs: number;
  /** Mean stay of the two visits (join to leave), 0 when not known for both: the crew's script (script-dwell.ts). */
  dwellMs: number;
}

export interface AccountState {
  accountId: string;
  lastMs: number;
  /** Time order, at most `maxVisitsPerAccount`. */
  visits: Visit[];
  /** Partner account → the rooms the two were in sync, at most `maxPartnersPerAccount` × `maxCoVisitsPerPartner`. */
  partners: Map<string, CoVisit[]>;
  /** Device ("d:") and payment ("p:") keys, at most `maxKeysPerAccount`, most recent last. */
  keys: string[];
  /** /24s used, at most `maxKeysPerAccount`, most recent last. */
  ipPrefixes: string[];
  /** The group (candidate crew) the account is linked into; empty when none. */
  groupId: string;
  /** When the account was created (its records' `accountCreatedMs`); 0 or absent (older snapshots) when unknown (registration-batch.ts). */
  createdMs?: number;
}

export function newAccountState(accountId: string, nowMs: number): AccountState {
  return { accountId, lastMs: nowMs, visits: [], partners: new Map(), keys: [], ipPrefixes: [], groupId: "", createdMs: 0 };
}

/** Distinct streamers of a list of co-visits: sessions of one streamer count once (§6.3 streamer_fans). */
export function distinctStreamers(coVisits: readonly CoVisit[]): number {
  const streamers = new Set<string>();
  for (const c of coVisits) streamers.add(c.streamerId === "" ? `room:${c.roomId}` : c.streamerId);
  return streamers.size;
}

/** Appends `value` to a most-recent-last list capped at `cap`, moving it to the end if present. */
export function rememberRecent(list: string[], value: string, cap: number): void {
  const at = list.indexOf(value);
  if (at >= 0) list.splice(at, 1);
  list.push(value);
  if (list.length > cap) list.splice(0, list.length - cap);
}

/** Records that `state` and `partnerId` were in sync in a room; keeps the caps by dropping the weakest partner. */
export function addCoVisit(state: AccountState, partnerId: string, coVisit: CoVisit, config: CrewConfig): CoVisit[] {
  let list = state.partners.get(partnerId);
  if (list === undefined) {
    list = [];
    state.partners.set(partnerId, list);
    if (state.partners.size > config.maxPartnersPerAccount) dropWeakestPartner(state, partnerId);
  }
  if (!list.some((c) => c.roomId === coVisit.roomId)) {
    list.push(coVisit);
    if (list.length > config.maxCoVisitsPerPartner) list.splice(0, list.length - config.maxCoVisitsPerPartner);
  }
  return list;
}

function dropWeakestPartner(state: AccountState, keep: string): void {
  let weakest: string | undefined;
  let weakestRank = Infinity;
  for (const [partner, coVisits] of state.partners) {
    if (partner === keep) continue;
    // Fewest streamers first, then the oldest: a one-off coincidence goes before a repeated sync.
    const rank = distinctStreamers(coVisits) * 1e15 + (coVisits[coVisits.length - 1]?.leftMs ?? 0);
    if (rank < weakestRank) {
      weakestRank = rank;
      weakest = partner;
    }
  }
  if (weakest !== undefined) state.partners.delete(weakest);
}

/** The account's open visit of `roomId`, if any. */
export function findOpenVisit(account: AccountState, roomId: string): Visit | undefined {
  for (let i = account.visits.length - 1; i >= 0; i--) {
    const v = account.visits[i]!;
    if (v.roomId === roomId && v.leftMs === 0) return v;
  }
  return undefined;
}

/** Forgets visits and co-visits that ended before `horizonMs`. */
export function forgetBefore(state: AccountState, horizonMs: number): void {
  if (state.visits.length > 0 && state.visits[0]!.lastMs < horizonMs) {
    state.visits = state.visits.filter((v) => v.leftMs === 0 || v.lastMs >= horizonMs);
  }
  for (const [partner, coVisits] of state.partners) {
    const kept = coVisits.filter((c) => c.leftMs >= horizonMs);
    if (kept.length === 0) state.partners.delete(partner);
    else if (kept.length < coVisits.length) state.partners.set(partner, kept);
  }
}

/** The most this state can hold, in bytes, under `config` (ids of `idChars` characters). */
export function maxAccountStateBytes(config: CrewConfig, idChars = 16): number {
  const id = 2 * idChars + 16;
  const visit = 64 + 3 * id + 12 * 8 + 16 + config.maxScriptPartnersPerVisit * id;
  const coVisit = 48 + 2 * id + 4 * 8;
  const partner = 48 + id + config.maxCoVisitsPerPartner * coVisit;
  return 168 + id + config.maxVisitsPerAccount * visit + config.maxPartnersPerAccount * partner + 2 * config.maxKeysPerAccount * id;
}

/** This state's size in bytes, estimated the same way as `maxAccountStateBytes`. */
export function accountStateBytes(state: AccountState): number {
  const str = (s: string) => 2 * s.length + 16;
  let bytes = 168 + str(state.accountId) + str(state.groupId);
  for (const v of state.visits) {
    bytes += 64 + str(v.roomId) + str(v.streamerId) + str(v.ipPrefix) + 12 * 8 + 16;
    for (const p of v.scriptPartners ?? []) bytes += str(p);
  }
  for (const [partner, coVisits] of state.partners) {
    bytes += 48 + str(partner);
    for (const c of coVisits) bytes += 48 + str(c.roomId) + str(c.streamerId) + 4 * 8;
  }
  for (const k of state.keys) bytes += str(k);
  for (const p of state.ipPrefixes) bytes += str(p);
  return bytes;
}
