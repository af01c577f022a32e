/**
 * The falsification decision for one kind of engagement: among the accounts
 * that acted in it within the window, those whose tells reach the suspicious
 * weight form the cohort; the room alerts when the cohort is large enough
 * and carries enough of the kind's activity (docs/threat-model.md: an attack
 * at 5 % of a room's activity is the smallest worth selling). Severity grows
 * with the cohort's share, its size and how many different tells it shows,
 * starting at MEDIUM: a cohort of accounts that each show two tells is an
 * attack the policy should act on, and one kind of tell alone never makes a
 * cohort at all.
 */
import type { Signal } from "@redline/proto";
import { slotOfEntry } from "../account-refs";
import { addEvidence } from "../evidence";
import type { EvidenceItem } from "../evidence";
import type { AccountSlot, RoomState } from "../room-state";
import { cohortWindow, pruneWindow, windowOf, type CohortKind, type WindowEntry } from "./cohort-state";
import type { FalsificationConfig } from "./falsification-config";
import { FAKE_FOLLOWS, FAKE_LIKES, FAKE_ORDERS, FAKE_VIEWS } from "./finding";
import type { Finding } from "./finding";
import { ramp } from "./scoring";
import { markScriptedFollowers } from "./scripted-follows";
import { onMostlySilentFarm } from "./view-farm-cover";
import { LIKE_SPECIFIC_TELLS, NO_CROWD, REFUND_TELLS, TELLS, tellsOf, type CrowdContext } from "./tells";
import { CrowdTally } from "./crowd";
import type { WindowFeatureSums } from "./window-features";

export const SUBCATEGORY_OF: Readonly<Record<CohortKind, string>> = { views: FAKE_VIEWS, likes: FAKE_LIKES, follows: FAKE_FOLLOWS, orders: FAKE_ORDERS };

const ACTIVITY_UNIT: Readonly<Record<CohortKind, string>> = { views: "joins", likes: "taps", follows: "follows", orders: "orders" };

/** Base score of any alerting cohort (MEDIUM), and the room each of share, size and tell diversity has above it. */
const BASE_SCORE = 0.7;
const PART = 0.1;
/** A tell counts towards diversity when this share of the cohort shows it. */
const DIVERSITY_PREVALENCE = 0.25;

export function minCohort(kind: CohortKind, f: Readonly<FalsificationConfig>): number {
  if (kind === "views") return f.minSuspiciousViewers;
  if (kind === "likes") return f.minSuspiciousLikers;
  if (kind === "follows") return f.minSuspiciousFollowers;
  return f.minSuspiciousBuyers;
}

interface CohortMeasure {
  active: number;
  suspicious: number;
  /** Suspicious accounts whose tells without the household ones still reach the suspicious weight. */
  beyondHousehold: number;
  share: number;
  /** Per tell (TELLS order), how many suspicious accounts show it. */
  tellCounts: number[];
  evidence: EvidenceItem[];
}

/** A suspicious account of the window as judged now: its decayed activity, tell weight and mask. */
interface JudgedAccount {
  userId: string;
  entry: WindowEntry;
  weight: number;
  tellWeight: number;
  beyondHousehold: number;
  mask: number;
}

interface JudgedWindow {
  /** Accounts at or above the suspicious weight (few: the rest are only counted, not kept). */
  suspicious: JudgedAccount[];
  /** Likes only: the activity of each liker below the suspicious weight, the room's ordinary fans. */
  ordinaryWeights: number[];
  /** The window's decayed activity; NaN until `windowTotal` sums it, when nothing in the pass needed every weight. */
  total: number;
  active: number;
}

/** An entry's activity decayed to `timeMs`. One expression for every caller, so a weight summed later is the same double. */
function decayed(entry: WindowEntry, timeMs: number, decayPerMs: number): number {
  return entry.weight * Math.exp(-Math.max(0, timeMs - entry.lastMs) * decayPerMs);
}

/**
 * The window's total decayed activity at `timeMs`, summed in the order the pass met the entries (the window is not
 * changed between): the same double the pass would have summed. Read only for a cohort that reaches its floor.
 */
function windowTotal(room: RoomState, kind: CohortKind, timeMs: number, f: Readonly<FalsificationConfig>): number {
  const decayPerMs = Math.LN2 / windowOf(kind, f).halfLifeMs;
  let total = 0;
  cohortWindow(room.cohort, kind).forEach((entry) => {
    total += decayed(entry, timeMs, decayPerMs);
  });
  return total;
}

/**
 * Whether the views cohort judges the account at `timeMs`: a like, follow or order bot that joined first is
 * judged there; the views cohort is accounts that only watch: those that left, or stayed long enough without
 * engaging that they were not about to. Everything that counts viewers (room signals, known crews) asks this.
 */
export function isSettledWatcher(slot: AccountSlot, timeMs: number, viewerSettleMs: number): boolean {
  return !slot.engaged && !(slot.joinMs >= 0 && timeMs - slot.joinMs < viewerSettleMs);
}

/** The account's slot if its tells are read in this kind's window now: not for a viewer still settling or judged in another kind. */
export function judgedSlotOf(room: RoomState, kind: CohortKind, userId: string, entry: WindowEntry, timeMs: number, f: Readonly<FalsificationConfig>): AccountSlot | undefined {
  const slot = slotOfEntry(room, userId, entry);
  return slot === undefined || (kind === "views" && !isSettledWatcher(slot, timeMs, f.viewerSettleMs)) ? undefined : slot;
}

const ORDINARY_WEIGHTS: number[] = [];

/** Something else counted over the window's judged accounts in the cohort's own pass (`judgeCohort`): one visit each, not two. */
export interface WindowVisitor {
  /** Accounts whose entry is older than this are not visited (the window's own bound: a late entry may outlive it). */
  readonly since: number;
  visit(room: RoomState, slot: AccountSlot, entry: WindowEntry, timeMs: number, f: Readonly<FalsificationConfig>): void;
}

/**
 * The window's accounts judged by their tells; views skip accounts judged in another kind or not yet settled.
 * `tally` and `visitor`, when given, count the views crowd and whatever else the visitor counts among the
 * accounts met (see `judgeCohort`).
 */
function judgeWindow(room: RoomState, kind: CohortKind, timeMs: number, f: Readonly<FalsificationConfig>, crowd: Readonly<CrowdContext>, features?: WindowFeatureSums, tally?: CrowdTally, visitor?: WindowVisitor): JudgedWindow {
  const { windowMs, halfLifeMs } = windowOf(kind, f);
  pruneWindow(room.cohort.windows[kind], timeMs - windowMs);
  const window = cohortWindow(room.cohort, kind);
  if (kind === "follows") markScriptedFollowers(room, window, timeMs - windowMs, f);
  const decayPerMs = Math.LN2 / halfLifeMs;
  // The ordinary likers' weights go to a reused array (read once by `measure`, before the next judgement): one grown per measure showed as garbage (#15).
  ORDINARY_WEIGHTS.length = 0;
  // Every account's weight is needed only for the combiner's features and the likers' median; otherwise only the
  // suspicious accounts' and, when a cohort reaches its floor, the total (`windowTotal`): Math.exp per entry was the
  // top line of the engine's profile, and the views window is nearly every visit (#12, #15).
  const eager = features !== undefined || kind === "likes";
  const out: JudgedWindow = { suspicious: [], ordinaryWeights: ORDINARY_WEIGHTS, total: eager ? 0 : NaN, active: window.size };
  // forEach, not for-of: V8 allocated a [key, value] pair per entry, the largest garbage of all (#15).
  window.forEach((entry, userId) => {
    const weight = eager ? decayed(entry, timeMs, decayPerMs) : 0;
    out.total += weight;
    const slot = judgedSlotOf(room, kind, userId, entry, timeMs, f);
    if (slot === undefined) {
      features?.addUnjudged(weight);
      return;
    }
    if (tally !== undefined && entry.lastMs >= tally.since) tally.note(room, slot, timeMs, f);
    if (visitor !== undefined && entry.lastMs >= visitor.since) visitor.visit(room, slot, entry, timeMs, f);
    const tells = tellsOf(kind, userId, slot, room, timeMs, f, crowd);
    features?.add(weight, tells.mask & ~REFUND_TELLS, tells.weight >= f.suspiciousTellWeight, slot.joinMs < 0, slot.maxTapsPerEvent > 0);
    if (tells.weight >= f.suspiciousTellWeight) {
      out.suspicious.push({ userId, entry, weight: eager ? weight : decayed(entry, timeMs, decayPerMs), tellWeight: tells.weight, beyondHousehold: tells.beyondHousehold, mask: tells.mask });
    } else if (kind === "likes") out.ordinaryWeights.push(weight);
  });
  return out;
}

/**
 * The most an ordinary liker of this room carries (the median of likers below the suspicious weight), or
 * Infinity when the room has no ordinary likers to compare with. A fake account bought for views or follows
 * taps a few cover likes; one bought for likes carries more than the room's typical fan (threat model §2.2:
 * the farm is there to move the count). Judged against this room's own fans, not a fixed tap count.
 */
function typicalLikerWeight(ordinaryWeights: number[]): number {
  if (ordinaryWeights.length === 0) return Infinity;
  ordinaryWeights.sort((a, b) => a - b);
  return ordinaryWeights[Math.floor((ordinaryWeights.length - 1) / 2)]!;
}

/**
 * A liker with no tell in how it likes (only identity tells: fresh, farm device, a farm's /24) counts as a bought
 * liker only when its likes are more than cover: not a follow bot's (judged with its follow), and more than the
 * room's typical fan taps.
 */
function isCoverLiker(a: JudgedAccount, room: RoomState, typical: () => number, f: Readonly<FalsificationConfig>): boolean {
  if ((a.mask & LIKE_SPECIFIC_TELLS) !== 0) return false;
  const slot = slotOfEntry(room, a.userId, a.entry);
  if (slot !== undefined && f.viewFarmCoverAccounts > 0 && onMostlySilentFarm(room, slot, f)) return true;
  return cohortWindow(room.cohort, "follows").has(a.userId) || a.weight <= typical();
}

function measure(room: RoomState, kind: CohortKind, timeMs: number, f: Readonly<FalsificationConfig>, maxEvidence: number, crowd: Readonly<CrowdContext>, features?: WindowFeatureSums): CohortMeasure {
  return measureJudged(room, kind, timeMs, f, maxEvidence, judgeWindow(room, kind, timeMs, f, crowd, features));
}

function measureJudged(room: RoomState, kind: CohortKind, timeMs: number, f: Readonly<FalsificationConfig>, maxEvidence: number, judged: JudgedWindow): CohortMeasure {
  const m: CohortMeasure = { active: judged.active, suspicious: 0, beyondHousehold: 0, share: 0, tellCounts: TELLS.map(() => 0), evidence: [] };
  // Sorted for the median only when a liker needs it: most measures find no suspicious liker at all.
  let typicalWeight: number | undefined;
  const typical = (): number => (typicalWeight ??= typicalLikerWeight(judged.ordinaryWeights));
  let suspiciousWeight = 0;
  for (const a of judged.suspicious) {
    if (kind === "likes" && isCoverLiker(a, room, typical, f)) continue;
    m.suspicious++;
    if (a.beyondHousehold >= f.suspiciousTellWeight) m.beyondHousehold++;
    suspiciousWeight += a.weight;
    for (let i = 0; i < TELLS.length; i++) if ((a.mask & (1 << i)) !== 0) m.tellCounts[i]!++;
    addEvidence(m.evidence, { eventId: a.entry.eventId, weight: a.tellWeight, timeMs: a.entry.lastMs }, maxEvidence);
  }
  // The share is read only past the floor (`findingOf`): below it the total is never summed.
  if (!Number.isNaN(judged.total) || reachesFloor(kind, m, f)) {
    const total = Number.isNaN(judged.total) ? windowTotal(room, kind, timeMs, f) : judged.total;
    m.share = total > 0 ? suspiciousWeight / total : 0;
  }
  return m;
}

function round4(x: number): number {
  return Math.round(x * 10_000) / 10_000;
}

/** Scores a cohort that alerts, with signals whose contributions add up to the score. */
function explain(kind: CohortKind, m: CohortMeasure, f: Readonly<FalsificationConfig>): { score: number; signals: Signal[] } {
  const min = minCohort(kind, f);
  const prevalence = m.tellCounts.map((c) => c / m.suspicious);
  // A registration batch qualifies the fresh tell (threat model: "fresh or batch-created accounts" is one tell).
  const diverse = prevalence.filter((p, i) => i !== BATCH_CREATED && p >= DIVERSITY_PREVALENCE).length;
  const parts = {
    shareStrength: ramp(m.share, f.minSuspiciousShare, 0.3),
    sizeStrength: ramp(m.suspicious, min, 4 * min),
    diversity: ramp(diverse, 1, 3),
  };
  const score = BASE_SCORE + PART * (parts.shareStrength + parts.sizeStrength + parts.diversity);
  const prevalenceSum = prevalence.reduce((a, b) => a + b, 0);
  const signals: Signal[] = [
    { name: "suspicious_activity_share", value: round4(m.share), contribution: round4(PART * parts.shareStrength) },
    { name: "suspicious_accounts", value: m.suspicious, contribution: round4(PART * parts.sizeStrength) },
    { name: "distinct_tells", value: diverse, contribution: round4(PART * parts.diversity) },
    ...TELLS.flatMap((name, i) =>
      m.tellCounts[i]! === 0 ? [] : [{ name: `tell_${name}`, value: round4(prevalence[i]!), contribution: round4((BASE_SCORE * prevalence[i]!) / prevalenceSum) }],
    ),
  ].sort((a, b) => b.contribution - a.contribution || (a.name < b.name ? -1 : 1));
  return { score: round4(Math.min(1, score)), signals };
}

const REPEAT_REFUNDS = TELLS.indexOf("repeat_refunds");
const BATCH_CREATED = TELLS.indexOf("batch_created");

/**
 * The smaller floor for accounts no household explains, except for likes: a like's own tells (taps beyond a
 * thumb for a moment, a like whose JOIN was lost, a steady rhythm) turn up among a few real viewers of a busy
 * room by chance. On the independent generator (rules-7, run once) a floor of 3 there put FAKE_LIKES on 13
 * rooms without an attack (4 before); rules-4 had seen the same with two decisive likers.
 */
function beyondHouseholdFloor(kind: CohortKind, f: Readonly<FalsificationConfig>): number {
  return kind === "likes" ? Infinity : f.minBeyondHouseholdAccounts;
}

/** Enough suspicious accounts: the kind's floor, or (orders) enough buyers with a decisive tell of their own. */
function reachesFloor(kind: CohortKind, m: CohortMeasure, f: Readonly<FalsificationConfig>): boolean {
  if (m.suspicious >= minCohort(kind, f) || m.beyondHousehold >= beyondHouseholdFloor(kind, f)) return true;
  return kind === "orders" && m.tellCounts[REPEAT_REFUNDS]! >= f.minDecisiveBuyers;
}

/**
 * The room's finding for `kind` now, or null when no cohort of suspicious accounts carries enough of it.
 * `features`, when given, is filled with what the judged window shows as a whole (left empty when the window is
 * too small to judge), for the fitted combiner to read after.
 */
export function detectCohort(
  room: RoomState,
  kind: CohortKind,
  timeMs: number,
  f: Readonly<FalsificationConfig>,
  maxEvidence: number,
  crowd: Readonly<CrowdContext> = NO_CROWD,
  features?: WindowFeatureSums,
): Finding | null {
  features?.reset();
  if (!judgeable(room, kind, f)) return null;
  return findingOf(kind, measure(room, kind, timeMs, f, maxEvidence, crowd, features), f);
}

/** What `judgeCohort` found, the crowd it judged the window with (the combiner reads the same), and whether it judged the window at all. */
export interface CohortJudgement {
  finding: Finding | null;
  crowd: Readonly<CrowdContext>;
  /** False when the window was too small to judge: then it was neither pruned nor visited. */
  judged: boolean;
}

const TALLY = new CrowdTally();

/**
 * `detectCohort` with the crowd (`crowdOf`) counted in the same pass as the tells, judged first as if there were
 * no crowd: nearly always there is none, and then those tells are the tells. When the tally shows a crowd, the
 * window is judged again with it. The crowd's own pass was a third of the engine's window visits (#12, #15).
 * `visitor` visits each judged account once, in the first pass, when the window is judged.
 */
export function judgeCohort(room: RoomState, kind: CohortKind, timeMs: number, f: Readonly<FalsificationConfig>, maxEvidence: number, features?: WindowFeatureSums, visitor?: WindowVisitor): CohortJudgement {
  features?.reset();
  const tally = TALLY.start(room, kind, timeMs, f) ? TALLY : undefined;
  // Unjudged, the window gives the combiner nothing to read (no features), and nothing else reads the crowd.
  if (!judgeable(room, kind, f)) return { finding: null, crowd: NO_CROWD, judged: false };
  let judged = judgeWindow(room, kind, timeMs, f, NO_CROWD, features, tally, visitor);
  const crowd = tally?.crowd(f) ?? NO_CROWD;
  if (crowd !== NO_CROWD) {
    features?.reset();
    judged = judgeWindow(room, kind, timeMs, f, crowd, features);
  }
  return { finding: findingOf(kind, measureJudged(room, kind, timeMs, f, maxEvidence, judged), f), crowd, judged: true };
}

/** Whether the window holds enough accounts to reach any floor. */
function judgeable(room: RoomState, kind: CohortKind, f: Readonly<FalsificationConfig>): boolean {
  const floor = Math.min(minCohort(kind, f), beyondHouseholdFloor(kind, f), kind === "orders" ? f.minDecisiveBuyers : Infinity);
  return cohortWindow(room.cohort, kind).size >= floor;
}

function findingOf(kind: CohortKind, m: CohortMeasure, f: Readonly<FalsificationConfig>): Finding | null {
  if (!reachesFloor(kind, m, f) || m.share < f.minSuspiciousShare) return null;
  const { score, signals } = explain(kind, m, f);
  const top = signals.filter((s) => s.name.startsWith("tell_")).slice(0, 3).map((s) => `${s.name.slice(5).replace(/_/g, " ")} ${Math.round(s.value * 100)}%`);
  return {
    subcategory: SUBCATEGORY_OF[kind],
    score,
    summary: `${m.suspicious} of ${m.active} accounts active in ${kind} over the last ${Math.round(windowOf(kind, f).windowMs / 60_000)} min show two or more tells (${top.join(", ")}), carrying ${Math.round(m.share * 100)}% of the room's ${ACTIVITY_UNIT[kind]}`,
    signals,
    evidence: m.evidence,
  };
}
