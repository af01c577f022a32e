/**
 * FAKE_VIEWS: viewer bots that join and leave within seconds to pump the
 * view count. Real feeds have swipe-through viewers too (a few seconds,
 * nothing done), so the signal is their share of joins and its excess over
 * what a room normally sees, backed by a join burst against the room's own
 * history (MIDAS-R style), fresh accounts and farm devices among the ghosts,
 * and scheduler-like regularity of joins.
 */
import { burstAdd, createBurstScorer } from "../primitives/burst-score";
import type { BurstScorer } from "../primitives/burst-score";
import { createRunningStats, rsAdd, rsCoefficientOfVariation } from "../primitives/running-stats";
import type { RunningStats } from "../primitives/running-stats";
import { createSlidingWindow, swAdd, swSum } from "../primitives/sliding-window";
import type { SlidingWindow } from "../primitives/sliding-window";
import { createHyperLogLog, hllAdd } from "../primitives/hyperloglog";
import type { HyperLogLog } from "../primitives/hyperloglog";
import { hash32 } from "../primitives/hash";
import { addEvidence } from "../evidence";
import type { EvidenceItem } from "../evidence";
import { combine, ramp, ratio } from "./scoring";
import { FAKE_VIEWS } from "./finding";
import type { Finding } from "./finding";
import type { FalsificationConfig } from "./falsification-config";

const JOIN_EDGE = hash32("join");
const REGULARITY_PERIOD_MS = 60_000;

export interface ViewFeatures {
  joins: SlidingWindow;
  ghosts: SlidingWindow;
  freshGhosts: SlidingWindow;
  farmGhosts: SlidingWindow;
  joinBurst: BurstScorer;
  /** Highest join burst score in the window's recent ticks (decays by half per 10 s). */
  peakBurst: number;
  peakBurstMs: number;
  /** Join inter-arrival stats for the current minute and the last complete one. */
  joinGaps: RunningStats;
  lastJoinMs: number;
  gapsPeriodStartMs: number;
  lastPeriodCv: number;
  lastPeriodJoins: number;
  viewers: HyperLogLog;
  evidence: EvidenceItem[];
}

export function createViewFeatures(): ViewFeatures {
  const w = (): SlidingWindow => createSlidingWindow(10_000, 12);
  return {
    joins: w(),
    ghosts: w(),
    freshGhosts: w(),
    farmGhosts: w(),
    joinBurst: createBurstScorer(10_000, { width: 8, depth: 1 }),
    peakBurst: 0,
    peakBurstMs: -1,
    joinGaps: createRunningStats(),
    lastJoinMs: -1,
    gapsPeriodStartMs: -1,
    lastPeriodCv: 1,
    lastPeriodJoins: 0,
    viewers: createHyperLogLog(10),
    evidence: [],
  };
}

export function observeJoin(f: ViewFeatures, timeMs: number, userId: string): void {
  swAdd(f.joins, timeMs, 1);
  hllAdd(f.viewers, hash32(userId));
  const burst = burstAdd(f.joinBurst, JOIN_EDGE, timeMs);
  const decayed = f.peakBurst * 0.5 ** ((timeMs - f.peakBurstMs) / 10_000);
  if (burst >= decayed) {
    f.peakBurst = burst;
    f.peakBurstMs = timeMs;
  }
  const period = Math.floor(timeMs / REGULARITY_PERIOD_MS) * REGULARITY_PERIOD_MS;
  if (period > f.gapsPeriodStartMs) {
    f.lastPeriodCv = rsCoefficientOfVariation(f.joinGaps);
    f.lastPeriodJoins = f.joinGaps.n + 1;
    f.joinGaps = createRunningStats();
    f.gapsPeriodStartMs = period;
  }
  if (f.lastJoinMs >= 0 && timeMs >= f.lastJoinMs) rsAdd(f.joinGaps, timeMs - f.lastJoinMs);
  if (timeMs > f.lastJoinMs) f.lastJoinMs = timeMs;
}

export interface LeaveObservation {
  eventId: string;
  timeMs: number;
  dwellMs: number;
  interacted: boolean;
  fresh: boolean;
  accountsOnDevice: number;
}

export function observeLeave(f: ViewFeatures, o: LeaveObservation, cfg: Readonly<FalsificationConfig>, maxEvidence: number): void {
  if (o.dwellMs < 0 || o.dwellMs >= cfg.ghostDwellMs || o.interacted) return;
  swAdd(f.ghosts, o.timeMs, 1);
  if (o.fresh) swAdd(f.freshGhosts, o.timeMs, 1);
  const farm = o.accountsOnDevice >= cfg.farmAccountsPerDevice;
  if (farm) swAdd(f.farmGhosts, o.timeMs, 1);
  const weight = (o.fresh ? 1 : 0) + (farm ? 1 : 0) + 1 - o.dwellMs / cfg.ghostDwellMs;
  addEvidence(f.evidence, { eventId: o.eventId, weight, timeMs: o.timeMs }, maxEvidence);
}

export function detectFakeViews(f: ViewFeatures, timeMs: number, cfg: Readonly<FalsificationConfig>): Finding | null {
  const ghosts = swSum(f.ghosts, timeMs);
  if (ghosts < cfg.minGhostViews) return null;
  const joins = swSum(f.joins, timeMs);
  const ghostShare = ratio(ghosts, joins);
  const freshShare = ratio(swSum(f.freshGhosts, timeMs), ghosts);
  const farmShare = ratio(swSum(f.farmGhosts, timeMs), ghosts);
  const burst = f.peakBurstMs >= 0 ? f.peakBurst * 0.5 ** ((timeMs - f.peakBurstMs) / 10_000) : 0;
  const regularity = f.lastPeriodJoins >= 20 ? Math.max(0, 1 - f.lastPeriodCv) : 0;
  const { score, signals } = combine([
    { name: "ghost_view_share", value: ghostShare, strength: ramp(ghostShare, 0.35, 0.65), weight: 0.85 },
    { name: "fresh_account_ghost_share", value: freshShare, strength: ramp(freshShare, 0.2, 0.6), weight: 0.35 },
    { name: "farm_device_ghost_share", value: farmShare, strength: ramp(farmShare, 0.1, 0.4), weight: 0.35 },
    { name: "join_burst_chi2", value: burst, strength: ramp(Math.log10(1 + burst), 1, 3), weight: 0.25 },
    { name: "join_regularity", value: regularity, strength: ramp(regularity, 0.4, 0.8), weight: 0.25 },
  ]);
  if (score < cfg.alertScore) return null;
  return {
    subcategory: FAKE_VIEWS,
    score,
    summary: `views in the last 2 min: ${Math.round(joins)} joins, ${Math.round(ghosts)} left within ${cfg.ghostDwellMs / 1000} s without interacting`,
    signals,
    evidence: f.evidence,
  };
}
