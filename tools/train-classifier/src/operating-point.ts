import { UNKNOWN, type Example } from "./example";
import { balancedAccuracy } from "./metrics";

/**
 * A label's decision threshold chosen by a rule fixed in advance (issue 14):
 * the cut that maximises balanced accuracy on the calibration split, the
 * in-domain mix the Platt map was fitted on. Held-out domains never see it,
 * so leave-one-domain-out can score the rule honestly: each fold picks its
 * own threshold from its own calibration split. Balanced accuracy, because a
 * score calibrated to a 3% prior puts 0.5 far into the high-precision tail,
 * while the held-out sets are 13–53% positive.
 */
export interface OperatingPoint {
  threshold: number;
  /** Balanced accuracy of that threshold on the scores it was chosen on. */
  balancedAccuracy: number;
}

/**
 * The threshold with the highest balanced accuracy on (scores, targets),
 * placed halfway between the two scores that bound the best cut so it does
 * not sit on a calibration example. Ties go to the lowest cut: of thresholds
 * equal in-domain, the one that misses fewer positives on a domain whose
 * scores sit lower (the failure the model card measures).
 */
export function balancedAccuracyThreshold(scores: readonly number[], targets: readonly number[]): OperatingPoint {
  const positives = targets.filter((t) => t === 1).length;
  const negatives = targets.length - positives;
  if (positives === 0 || negatives === 0) throw new RangeError("balancedAccuracyThreshold needs both classes");
  const order = scores.map((_, i) => i).sort((a, b) => (scores[a] as number) - (scores[b] as number));
  // Cutting below order[k] flags order[k..]: start with everything flagged, then move the cut up one distinct score at a time.
  let truePositives = positives;
  let trueNegatives = 0;
  let best = { threshold: scores[order[0] as number] as number, value: 0.5 };
  for (let k = 0; k < order.length; ) {
    const score = scores[order[k] as number] as number;
    const value = (truePositives / positives + trueNegatives / negatives) / 2;
    if (value > best.value) {
      const below = k === 0 ? score : (scores[order[k - 1] as number] as number);
      best = { threshold: k === 0 ? score : (below + score) / 2, value };
    }
    while (k < order.length && scores[order[k] as number] === score) {
      if (targets[order[k] as number] === 1) truePositives--;
      else trueNegatives++;
      k++;
    }
  }
  return { threshold: best.threshold, balancedAccuracy: balancedAccuracy(scores, targets, best.threshold) ?? best.value };
}

/**
 * The rows of `rows` that know label `l` and come from a source with
 * positives of it (for DIVERSION the spam sets and the seed lines). Sources
 * that are negatives only (reviews, COLD, tweets) are easy and numerous: left
 * in, they pull a balanced cut down to the rare label's prior.
 */
export function ownSourceRows(rows: readonly Example[], l: number): Example[] {
  const known = rows.filter((e) => e.targets[l] !== UNKNOWN);
  const withPositives = new Set(known.filter((e) => e.targets[l] === 1).map((e) => e.source));
  return known.filter((e) => withPositives.has(e.source));
}
