/**
 * FAKE_FOLLOWS: follow bursts from fresh accounts or farm devices. A viral
 * spike brings follows too, but from ordinary, aged accounts on their own
 * phones, so the burst alone only supports an alert.
 */
import { burstAdd, createBurstScorer } from "../primitives/burst-score";
import type { BurstScorer } from "../primitives/burst-score";
import { createSlidingWindow, swAdd, swSum } from "../primitives/sliding-window";
import type { SlidingWindow } from "../primitives/sliding-window";
import { hash32 } from "../primitives/hash";
import { addEvidence } from "../evidence";
import type { EvidenceItem } from "../evidence";
import { combine, ramp, ratio } from "./scoring";
import { FAKE_FOLLOWS } from "./finding";
import type { Finding } from "./finding";
import type { FalsificationConfig } from "./falsification-config";

const FOLLOW_EDGE = hash32("follow");

export interface FollowFeatures {
  follows: SlidingWindow;
  freshFollows: SlidingWindow;
  farmFollows: SlidingWindow;
  burst: BurstScorer;
  peakBurst: number;
  peakBurstMs: number;
  evidence: EvidenceItem[];
}

export function createFollowFeatures(): FollowFeatures {
  const w = (): SlidingWindow => createSlidingWindow(10_000, 12);
  return {
    follows: w(),
    freshFollows: w(),
    farmFollows: w(),
    burst: createBurstScorer(10_000, { width: 8, depth: 1 }),
    peakBurst: 0,
    peakBurstMs: -1,
    evidence: [],
  };
}

export interface FollowObservation {
  eventId: string;
  timeMs: number;
  fresh: boolean;
  accountsOnDevice: number;
}

export function observeFollow(f: FollowFeatures, o: FollowObservation, cfg: Readonly<FalsificationConfig>, maxEvidence: number): void {
  swAdd(f.follows, o.timeMs, 1);
  const burst = burstAdd(f.burst, FOLLOW_EDGE, o.timeMs);
  const decayed = f.peakBurst * 0.5 ** ((o.timeMs - f.peakBurstMs) / 10_000);
  if (burst >= decayed) {
    f.peakBurst = burst;
    f.peakBurstMs = o.timeMs;
  }
  const farm = o.accountsOnDevice >= cfg.farmAccountsPerDevice;
  if (o.fresh) swAdd(f.freshFollows, o.timeMs, 1);
  if (farm) swAdd(f.farmFollows, o.timeMs, 1);
  if (o.fresh || farm) {
    const weight = (o.fresh ? 1 : 0) + (farm ? o.accountsOnDevice / cfg.farmAccountsPerDevice : 0);
    addEvidence(f.evidence, { eventId: o.eventId, weight, timeMs: o.timeMs }, maxEvidence);
  }
}

export function detectFakeFollows(f: FollowFeatures, timeMs: number, cfg: Readonly<FalsificationConfig>): Finding | null {
  const fresh = swSum(f.freshFollows, timeMs);
  const farm = swSum(f.farmFollows, timeMs);
  if (Math.max(fresh, farm) < cfg.minSuspiciousFollows) return null;
  const follows = swSum(f.follows, timeMs);
  const freshShare = ratio(fresh, follows);
  const farmShare = ratio(farm, follows);
  const burst = f.peakBurstMs >= 0 ? f.peakBurst * 0.5 ** ((timeMs - f.peakBurstMs) / 10_000) : 0;
  const { score, signals } = combine([
    { name: "fresh_account_follow_share", value: freshShare, strength: ramp(freshShare, 0.25, 0.55), weight: 0.85 },
    { name: "farm_device_follow_share", value: farmShare, strength: ramp(farmShare, 0.1, 0.35), weight: 0.85 },
    { name: "follow_burst_chi2", value: burst, strength: ramp(Math.log10(1 + burst), 1, 3), weight: 0.3 },
  ]);
  if (score < cfg.alertScore) return null;
  return {
    subcategory: FAKE_FOLLOWS,
    score,
    summary: `follows in the last 2 min: ${Math.round(follows)}, ${Math.round(fresh)} from accounts under ${Math.round(cfg.freshAccountAgeMs / 86_400_000)} days old, ${Math.round(farm)} from farm devices`,
    signals,
    evidence: f.evidence,
  };
}
