/**
 * How unusual a room's value is among its peers, robustly. The score is
 * (value - median) / (median - lower quartile): attacked peers sit in the
 * upper tail, so the lower half of the distribution, which sets the scale, is
 * the part they move least, where a mean and standard deviation (or an upper
 * quartile) would follow them (issue 12: "robust to a minority of attacked
 * peers"). With fewer than `minPeers` room-minutes in the window,
 * the shipped prior for the signal answers instead, and the judgement says so.
 */
import type { QuantileSketch } from "./quantile-sketch";

/** A signal's shipped prior: its lower quartile and median on ordinary rooms. */
export interface SignalPrior {
  lowerQuartile: number;
  median: number;
}

export interface PeerJudgement {
  value: number;
  /** Share of peers below the value (mid-rank); under a prior, read from a logistic with the prior's median and quartile. */
  quantile: number;
  /** (value - median) / spread; 0 at the median, -1 at the lower quartile. */
  robustScore: number;
  lowerQuartile: number;
  median: number;
  /** Room-minutes the peers' window holds (0 under a prior without peers). */
  peers: number;
  source: "peers" | "prior";
}

export interface JudgementOptions {
  /** Below this many room-minutes in the peers' window, the prior answers. */
  minPeers: number;
  /**
   * The spread never counts as less than this share of the prior's (lower quartile to median): a group whose
   * rooms all show the same value would otherwise make any difference look infinitely unusual.
   */
  minSpreadShareOfPrior: number;
}

export const DEFAULT_JUDGEMENT_OPTIONS: Readonly<JudgementOptions> = Object.freeze({ minPeers: 30, minSpreadShareOfPrior: 0.25 });

export function judgeAgainstPeers(
  value: number,
  peers: QuantileSketch | undefined,
  prior: Readonly<SignalPrior>,
  options: Readonly<JudgementOptions> = DEFAULT_JUDGEMENT_OPTIONS,
): PeerJudgement {
  const priorSpread = Math.max(prior.median - prior.lowerQuartile, Number.EPSILON);
  if (peers === undefined || peers.count < options.minPeers) {
    const robustScore = (value - prior.median) / priorSpread;
    // A logistic puts its quartiles ln 3 scales either side of its median.
    const quantile = 1 / (1 + Math.exp(-robustScore * Math.log(3)));
    return { value, quantile, robustScore, lowerQuartile: prior.lowerQuartile, median: prior.median, peers: peers?.count ?? 0, source: "prior" };
  }
  const lowerQuartile = peers.quantile(0.25);
  const median = peers.quantile(0.5);
  const spread = Math.max(median - lowerQuartile, options.minSpreadShareOfPrior * priorSpread);
  return { value, quantile: peers.rankOf(value), robustScore: (value - median) / spread, lowerQuartile, median, peers: peers.count, source: "peers" };
}
