/**
 * Burst scores in the spirit of MIDAS-R (Bhatia et al., 2020): per edge, the
 * chi-square of the current tick's count against the edge's own history,
 * with the current count decayed rather than reset between ticks. As in
 * MIDAS-F, a count scored anomalous is held out of the history so an attack
 * cannot teach the sketch that bursts are normal.
 */
import { cmsAdd, cmsEstimate, cmsScale, createCountMin } from "./count-min";
import type { CountMinSketch } from "./count-min";

export interface BurstScorer {
  tickMs: number;
  /** Factor applied to current counts at each new tick (MIDAS-R's alpha). */
  decay: number;
  /** Scores above this are anomalous and not learnt into the history. */
  holdOutScore: number;
  /** Absolute tick number of the current tick; -1 before the first edge. */
  tick: number;
  /** Ticks elapsed since the first edge, plus one (MIDAS's t). */
  ticksSeen: number;
  current: CountMinSketch;
  total: CountMinSketch;
}

export function createBurstScorer(tickMs: number, options: { decay?: number; holdOutScore?: number; width?: number; depth?: number } = {}): BurstScorer {
  if (!(tickMs > 0)) throw new RangeError(`burst scorer tickMs must be > 0, got ${tickMs}`);
  const width = options.width ?? 64;
  const depth = options.depth ?? 2;
  return {
    tickMs,
    decay: options.decay ?? 0.5,
    holdOutScore: options.holdOutScore ?? 100,
    tick: -1,
    ticksSeen: 0,
    current: createCountMin(width, depth),
    total: createCountMin(width, depth),
  };
}

/** MIDAS's chi-square statistic for current count a, total s at tick t. */
export function chiSquareScore(a: number, s: number, t: number): number {
  if (s <= 0 || t <= 1) return 0;
  const d = (a - s / t) * t;
  return (d * d) / (s * (t - 1));
}

/** Records one edge (by key hash) at `timeMs`, returns its burst score. */
export function burstAdd(b: BurstScorer, keyHash: number, timeMs: number, amount = 1): number {
  const tick = Math.floor(timeMs / b.tickMs);
  if (b.tick < 0) {
    b.tick = tick;
    b.ticksSeen = 1;
  } else if (tick > b.tick) {
    const steps = tick - b.tick;
    cmsScale(b.current, steps > 50 ? 0 : b.decay ** steps);
    b.ticksSeen += steps;
    b.tick = tick;
  }
  const a = cmsAdd(b.current, keyHash, amount);
  const s = cmsEstimate(b.total, keyHash) + amount;
  const score = chiSquareScore(a, s, b.ticksSeen);
  if (score <= b.holdOutScore) cmsAdd(b.total, keyHash, amount);
  return score;
}
