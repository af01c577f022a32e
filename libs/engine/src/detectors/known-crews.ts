/**
 * Known crew accounts in a room (issue 21, step 3). The crew detector names
 * accounts that work many rooms in lockstep; its account-risk table reaches
 * the engine as `EngineDeps.accountRiskAt`, read at each event's time (a
 * version from an earlier minute only, so service and replay read the same:
 * libs/minute-table). A crew rented to a room works it lightly, under every
 * single-room floor; once it is known, its accounts acting here are the
 * tell. The room's falsification finding for the kind they act in gains a
 * `known_crew_accounts` signal, and reaches MEDIUM on its own once
 * `MIN_KNOWN_CREW_ACCOUNTS` accounts of one crew act in the kind's window.
 * The summary names the crew and its accounts seen here. Without a lookup
 * (no table) nothing changes.
 */
import type { Signal } from "@redline/proto";
import type { LiveEvent } from "@redline/proto";
import { actingAccount } from "../acting-account";
import type { EngineConfig } from "../config";
import { addEvidence, type EvidenceItem } from "../evidence";
import type { RoomState } from "../room-state";
import { isSettledWatcher, SUBCATEGORY_OF } from "./cohort";
import { windowOf, type CohortKind } from "./cohort-state";
import type { Finding } from "./finding";
import { ramp } from "./scoring";

/** What the engine needs of an account-risk version: the crew that named the account, at what severity (`Severity`). */
export interface KnownCrewAccount {
  crewId: string;
  severity: number;
  /** The crew finding's score, 0..1. */
  score: number;
}

/** The account's crew at an event time, or undefined: the account-risk table's version in force then. */
export type AccountRiskAt = (accountId: string, eventTimeMs: number) => KnownCrewAccount | undefined;

/** A known crew account's latest action in one kind here. */
interface Sighting {
  accountId: string;
  crewId: string;
  severity: number;
  lastMs: number;
  eventId: string;
}

/** Per cohort kind, the known crew accounts that acted in it, oldest action first. */
export type KnownCrewSightings = Partial<Record<CohortKind, Sighting[]>>;

/** Accounts of one known crew acting in a kind's window that make a finding alone (MEDIUM). */
export const MIN_KNOWN_CREW_ACCOUNTS = 3;
/** Sightings kept per room and kind: a crew is a handful of accounts; more are a crowd of crews, already enough. */
const MAX_SIGHTINGS_PER_KIND = 64;
/** Accounts named in a summary. */
const MAX_NAMED_ACCOUNTS = 8;
/** Score of a finding made by known crew accounts alone (MEDIUM), and what their count adds (to HIGH at 2.5 times the floor). */
const BASE_SCORE = 0.7;
const PART = 0.1;

/** Notes the event's actor when the table names it in a crew at the event's time. */
export function noteKnownCrewAccount(room: RoomState, kind: CohortKind, event: LiveEvent, accountRiskAt: AccountRiskAt): void {
  const accountId = actingAccount(event)?.userId;
  if (accountId === undefined) return;
  const known = accountRiskAt(accountId, event.eventTimeMs);
  if (known === undefined) return;
  const list = ((room.knownCrews ??= {})[kind] ??= []);
  const at = list.findIndex((s) => s.accountId === accountId);
  if (at >= 0) list.splice(at, 1);
  list.push({ accountId, crewId: known.crewId, severity: known.severity, lastMs: event.eventTimeMs, eventId: event.eventId });
  if (list.length > MAX_SIGHTINGS_PER_KIND) list.shift();
}

/** The crew with the most accounts acting in the window (ties to the smaller id), with those accounts. */
function largestCrew(sightings: readonly Sighting[]): { crewId: string; accounts: Sighting[] } | undefined {
  const byCrew = new Map<string, Sighting[]>();
  for (const s of sightings) {
    let list = byCrew.get(s.crewId);
    if (list === undefined) byCrew.set(s.crewId, (list = []));
    list.push(s);
  }
  let best: { crewId: string; accounts: Sighting[] } | undefined;
  for (const [crewId, accounts] of byCrew) {
    if (best === undefined || accounts.length > best.accounts.length || (accounts.length === best.accounts.length && crewId < best.crewId)) best = { crewId, accounts };
  }
  return best;
}

/**
 * The kind's finding with known crews read in: the cohort's finding (null
 * when its cohort does not alert) raised by the crew accounts acting in the
 * window (the kind's cohort window), or a finding of their own when enough of
 * one crew act here. A room with no sighting in the kind (every room without
 * an account-risk table) returns at once, reading and making nothing: this
 * runs on every evaluation.
 */
export function withKnownCrews(finding: Finding | null, room: RoomState, kind: CohortKind, timeMs: number, cfg: Readonly<EngineConfig>): Finding | null {
  const list = room.knownCrews?.[kind];
  if (list === undefined) return finding;
  const { windowMs } = windowOf(kind, cfg.falsification);
  while (list.length > 0 && list[0]!.lastMs < timeMs - windowMs) list.shift();
  // Views count only the accounts the views cohort judges (a crew that likes is judged in likes).
  const onlyWatching = (s: Sighting): boolean => {
    const slot = room.accounts.get(s.accountId);
    return slot !== undefined && isSettledWatcher(slot, timeMs, cfg.falsification.viewerSettleMs);
  };
  const acting = kind === "views" ? list.filter(onlyWatching) : list;
  const crew = largestCrew(acting);
  if (crew === undefined || (finding === null && crew.accounts.length < MIN_KNOWN_CREW_ACCOUNTS)) return finding;
  const n = crew.accounts.length;
  const contribution = Math.round(PART * ramp(n, 1, 2.5 * MIN_KNOWN_CREW_ACCOUNTS) * 10_000) / 10_000;
  const signal: Signal = { name: "known_crew_accounts", value: n, contribution };
  const named = crew.accounts.slice(-MAX_NAMED_ACCOUNTS).map((s) => s.accountId);
  const about = `${n} account${n === 1 ? "" : "s"} of ${crew.crewId}, a crew known from other rooms (${named.join(", ")}${n > named.length ? ", ..." : ""})`;
  const evidence: EvidenceItem[] = [...(finding?.evidence ?? [])];
  for (const s of crew.accounts) addEvidence(evidence, { eventId: s.eventId, weight: 1, timeMs: s.lastMs }, cfg.maxEvidenceIds);
  if (finding === null) {
    return { subcategory: SUBCATEGORY_OF[kind]!, score: BASE_SCORE + contribution, summary: `${about} acted in ${kind} within ${Math.round(windowMs / 60_000)} min`, signals: [signal], evidence };
  }
  return {
    ...finding,
    score: Math.min(1, Math.round((finding.score + contribution) * 10_000) / 10_000),
    summary: `${finding.summary}; ${about} also acting here`,
    signals: [...finding.signals, signal].sort((a, b) => b.contribution - a.contribution || (a.name < b.name ? -1 : 1)),
    evidence,
  };
}
