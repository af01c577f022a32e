/**
 * Scores crew findings against a scenario's truth. Pure: findings and truth
 * in, numbers out, so the rules are unit-tested.
 *
 * Rules (stated in docs/eval/crews.md):
 * - only the latest finding of each crewId counts (a finding is updated as
 *   its crew's evidence grows), and only at MEDIUM or above (the default
 *   policy takes no action below MEDIUM);
 * - a finding is correct when more than half of the accounts it names belong
 *   to one crew;
 * - a crew is found when one correct finding names at least half of its
 *   active accounts (those in its visits); "touched" when a correct finding
 *   names at least two of them;
 * - a room finding is correct when a crew worked the room.
 */
import type { CrewOutput } from "@redline/crews";
import type { CrewScenarioTruth, CrewTruth, HardNegativeKind } from "@redline/crew-scenarios";
import { Severity } from "@redline/proto";
import { missKind, type MissKind } from "./miss-kinds";

export interface CrewScore {
  crews: number;
  crewsFound: number;
  crewsTouched: number;
  findings: number;
  correctFindings: number;
  crewRecall: number;
  crewTouchedRecall: number;
  precision: number;
  /** Share of a found crew's active accounts its best finding names (mean over found crews). */
  meanAccountCoverage: number;
  workedRooms: number;
  roomFindings: number;
  correctRoomFindings: number;
  roomRecall: number;
  roomPrecision: number;
  /** MEDIUM+ account findings naming at least one account of each hard-negative kind. */
  hardNegativeFindings: Record<HardNegativeKind, number>;
  /** Distinct accounts the MEDIUM+ account findings name, and of them those in no crew and no hard-negative group (organic viewers). */
  accountsNamed: number;
  organicNamed: number;
  /** MEDIUM+ room findings on rooms no crew worked, by room role. */
  roomFalsePositivesByRole: Record<string, number>;
  /** Found/total per bin of each linkage measure and per style. */
  perBin: BinRecall[];
  /** Per crew, for the report's detail table. */
  perCrew: CrewOutcome[];
}

export interface BinRecall {
  measure: string;
  bin: string;
  crews: number;
  found: number;
}

export interface CrewOutcome {
  crewId: string;
  style: string;
  activeAccounts: number;
  rooms: number;
  bestNamed: number;
  found: boolean;
  /** Where a missed crew's evidence is (miss-kinds.ts); absent when found. */
  missKind?: MissKind;
  /** The generator's drawn parameters, for reading misses on development seeds. */
  params: Record<string, number | string>;
}

const MEDIUM = Severity.SEVERITY_MEDIUM;

export function scoreCrews(outputs: readonly CrewOutput[], truth: CrewScenarioTruth): CrewScore {
  const latest = new Map<string, CrewOutput & { level: "account" }>();
  for (const o of outputs) if (o.level === "account") latest.set(o.crewId, o);
  const findings = [...latest.values()].filter((f) => f.severity >= MEDIUM);
  const crewOf = new Map<string, string>();
  for (const c of truth.crews) for (const a of c.accounts) crewOf.set(a, c.crewId);
  const active = new Map(truth.crews.map((c) => [c.crewId, activeAccounts(c)]));

  const bestNamed = new Map<string, number>();
  let correct = 0;
  for (const f of findings) {
    const counts = new Map<string, number>();
    for (const a of f.accounts) {
      const crew = crewOf.get(a);
      if (crew !== undefined) counts.set(crew, (counts.get(crew) ?? 0) + 1);
    }
    const [majority, n] = [...counts].sort((x, y) => y[1] - x[1])[0] ?? ["", 0];
    if (n * 2 <= f.accounts.length) continue;
    correct++;
    const named = f.accounts.filter((a) => active.get(majority)!.has(a)).length;
    bestNamed.set(majority, Math.max(bestNamed.get(majority) ?? 0, named));
  }

  const perCrew: CrewOutcome[] = truth.crews.map((c) => {
    const n = active.get(c.crewId)!.size;
    const best = bestNamed.get(c.crewId) ?? 0;
    const found = best * 2 >= n && best >= 2;
    const outcome: CrewOutcome = { crewId: c.crewId, style: c.style, activeAccounts: n, rooms: c.visits.length, bestNamed: best, found, params: c.params };
    if (!found) outcome.missKind = missKind(active.get(c.crewId)!, c.crewId, [...latest.values()], crewOf);
    return outcome;
  });
  const found = perCrew.filter((c) => c.found);
  const rooms = scoreRooms(outputs, truth);
  return {
    crews: truth.crews.length,
    crewsFound: found.length,
    crewsTouched: perCrew.filter((c) => c.bestNamed >= 2).length,
    findings: findings.length,
    correctFindings: correct,
    crewRecall: ratio(found.length, truth.crews.length),
    crewTouchedRecall: ratio(perCrew.filter((c) => c.bestNamed >= 2).length, truth.crews.length),
    precision: findings.length === 0 ? 1 : ratio(correct, findings.length),
    meanAccountCoverage: found.length === 0 ? 0 : round(found.reduce((s, c) => s + c.bestNamed / c.activeAccounts, 0) / found.length),
    ...rooms,
    hardNegativeFindings: hardNegativeHits(findings, truth),
    ...namedByOrigin(findings, truth),
    perBin: binRecall(truth.crews, new Set(found.map((c) => c.crewId))),
    perCrew,
  };
}

function activeAccounts(crew: CrewTruth): Set<string> {
  return new Set(crew.visits.flatMap((v) => v.accounts));
}

function scoreRooms(outputs: readonly CrewOutput[], truth: CrewScenarioTruth) {
  const flagged = new Set<string>();
  for (const o of outputs) if (o.level === "room" && o.severity >= MEDIUM) flagged.add(o.roomId);
  const worked = new Set(truth.rooms.filter((r) => r.crewIds.length > 0).map((r) => r.roomId));
  const roleOf = new Map(truth.rooms.map((r) => [r.roomId, r.role]));
  const falsePositivesByRole: Record<string, number> = {};
  let correctRooms = 0;
  for (const roomId of flagged) {
    if (worked.has(roomId)) correctRooms++;
    else {
      const role = roleOf.get(roomId) ?? "unknown";
      falsePositivesByRole[role] = (falsePositivesByRole[role] ?? 0) + 1;
    }
  }
  return {
    workedRooms: worked.size,
    roomFindings: flagged.size,
    correctRoomFindings: correctRooms,
    roomRecall: ratio(correctRooms, worked.size),
    roomPrecision: flagged.size === 0 ? 1 : ratio(correctRooms, flagged.size),
    roomFalsePositivesByRole: falsePositivesByRole,
  };
}

function namedByOrigin(findings: readonly { accounts: string[] }[], truth: CrewScenarioTruth): { accountsNamed: number; organicNamed: number } {
  const known = new Set([...truth.crews.flatMap((c) => c.accounts), ...truth.hardNegatives.flatMap((g) => g.accounts)]);
  const named = new Set(findings.flatMap((f) => f.accounts));
  return { accountsNamed: named.size, organicNamed: [...named].filter((a) => !known.has(a)).length };
}

function hardNegativeHits(findings: readonly { accounts: string[] }[], truth: CrewScenarioTruth): Record<HardNegativeKind, number> {
  const kindOf = new Map<string, HardNegativeKind>();
  for (const g of truth.hardNegatives) for (const a of g.accounts) kindOf.set(a, g.kind);
  const hits: Record<string, number> = {};
  for (const g of truth.hardNegatives) hits[g.kind] = 0;
  for (const f of findings) {
    const kinds = new Set(f.accounts.map((a) => kindOf.get(a)).filter((k) => k !== undefined));
    for (const k of kinds) hits[k] = (hits[k] ?? 0) + 1;
  }
  return hits as Record<HardNegativeKind, number>;
}

const BINS: readonly { measure: string; of: (c: CrewTruth) => number | string; edges?: number[] }[] = [
  { measure: "style", of: (c) => c.style },
  { measure: "accountPairRoomsMax", of: (c) => c.linkage.accountPairRoomsMax, edges: [2, 3, 5] },
  { measure: "devicePairRoomsMax", of: (c) => c.linkage.devicePairRoomsMax, edges: [2, 3, 5] },
  { measure: "accountRoomsMax", of: (c) => c.linkage.accountRoomsMax, edges: [3, 5, 8] },
  { measure: "rooms worked", of: (c) => c.visits.length, edges: [5, 8, 11] },
];

/** Numeric measures in bins "≤ e0", "e0+1–e1", ..., "> last". */
export function binOf(value: number, edges: readonly number[]): string {
  let low = -Infinity;
  for (const edge of edges) {
    if (value <= edge) return low === -Infinity ? `≤ ${edge}` : low + 1 === edge ? `${edge}` : `${low + 1}–${edge}`;
    low = edge;
  }
  return `> ${low}`;
}

function binRecall(crews: readonly CrewTruth[], found: ReadonlySet<string>): BinRecall[] {
  const rows = new Map<string, BinRecall>();
  for (const { measure, of, edges } of BINS) {
    const keyed = crews.map((c) => ({ c, v: of(c) })).sort((a, b) => (typeof a.v === "number" && typeof b.v === "number" ? a.v - b.v : String(a.v) < String(b.v) ? -1 : 1));
    for (const { c, v } of keyed) {
      const bin = typeof v === "number" && edges !== undefined ? binOf(v, edges) : String(v);
      const key = `${measure}\u0000${bin}`;
      let row = rows.get(key);
      if (row === undefined) rows.set(key, (row = { measure, bin, crews: 0, found: 0 }));
      row.crews++;
      if (found.has(c.crewId)) row.found++;
    }
  }
  return [...rows.values()];
}

function ratio(n: number, d: number): number {
  return d === 0 ? 0 : round(n / d);
}

function round(x: number): number {
  return Math.round(x * 1000) / 1000;
}

/** A room alert of the engine's, as far as the table's part in it goes. */
export interface EngineRoomAlert {
  roomId: string;
  severity: Severity;
  /** The alert carries the `known_crew_accounts` signal: known crew accounts acted in the room (#21 step 3). */
  knownCrew: boolean;
}

/** Rooms whose MEDIUM+ falsification alerts the account-risk table had a part in, against the truth. */
export interface TableRoomScore {
  rooms: number;
  /** ...of which a crew worked. */
  worked: number;
  /** ...of which no crew worked, by room role (host: a hard-negative group's room). */
  notWorkedByRole: Record<string, number>;
}

export function scoreTableRooms(alerts: readonly EngineRoomAlert[], truth: CrewScenarioTruth): TableRoomScore {
  const rooms = new Set(alerts.filter((a) => a.knownCrew && a.severity >= MEDIUM).map((a) => a.roomId));
  const byId = new Map(truth.rooms.map((r) => [r.roomId, r]));
  const notWorkedByRole: Record<string, number> = {};
  let worked = 0;
  for (const roomId of rooms) {
    const room = byId.get(roomId);
    if (room !== undefined && room.crewIds.length > 0) worked++;
    else {
      const role = room?.role ?? "unknown";
      notWorkedByRole[role] = (notWorkedByRole[role] ?? 0) + 1;
    }
  }
  return { rooms: rooms.size, worked, notWorkedByRole };
}
