/** Binary classification metrics at a 0.5 threshold on calibrated scores. */
export interface BinaryMetrics {
  n: number;
  positives: number;
  accuracy: number;
  precision: number;
  recall: number;
  f1: number;
  /** Area under the ROC curve (null when one class is absent). */
  auc: number | null;
  /** Expected calibration error over 10 equal-width bins. */
  ece: number;
}

const round4 = (x: number): number => Math.round(x * 10000) / 10000;

export function binaryMetrics(scores: readonly number[], targets: readonly number[], threshold = 0.5): BinaryMetrics {
  let tp = 0;
  let fp = 0;
  let tn = 0;
  let fn = 0;
  scores.forEach((s, i) => {
    const predicted = s >= threshold;
    const actual = targets[i] === 1;
    if (predicted && actual) tp++;
    else if (predicted) fp++;
    else if (actual) fn++;
    else tn++;
  });
  const n = scores.length;
  const precision = tp + fp === 0 ? 0 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return {
    n,
    positives: tp + fn,
    accuracy: round4(n === 0 ? 0 : (tp + tn) / n),
    precision: round4(precision),
    recall: round4(recall),
    f1: round4(f1),
    auc: auc(scores, targets),
    ece: round4(expectedCalibrationError(scores, targets)),
  };
}

function auc(scores: readonly number[], targets: readonly number[]): number | null {
  const pairs = scores.map((s, i) => [s, targets[i] as number] as const).sort((x, y) => x[0] - y[0]);
  const positives = pairs.filter((p) => p[1] === 1).length;
  const negatives = pairs.length - positives;
  if (positives === 0 || negatives === 0) return null;
  // Rank-sum (Mann–Whitney) with average ranks for ties.
  let rankSum = 0;
  for (let i = 0; i < pairs.length; ) {
    let j = i;
    while (j < pairs.length && (pairs[j] as readonly [number, number])[0] === (pairs[i] as readonly [number, number])[0]) j++;
    const averageRank = (i + j + 1) / 2;
    for (let k = i; k < j; k++) if ((pairs[k] as readonly [number, number])[1] === 1) rankSum += averageRank;
    i = j;
  }
  return round4((rankSum - (positives * (positives + 1)) / 2) / (positives * negatives));
}

export function expectedCalibrationError(scores: readonly number[], targets: readonly number[], bins = 10): number {
  const count = new Array<number>(bins).fill(0);
  const scoreSum = new Array<number>(bins).fill(0);
  const positiveSum = new Array<number>(bins).fill(0);
  scores.forEach((s, i) => {
    const b = Math.min(bins - 1, Math.floor(s * bins));
    count[b] = (count[b] as number) + 1;
    scoreSum[b] = (scoreSum[b] as number) + s;
    positiveSum[b] = (positiveSum[b] as number) + (targets[i] as number);
  });
  let ece = 0;
  for (let b = 0; b < bins; b++) {
    const c = count[b] as number;
    if (c > 0) ece += (c / scores.length) * Math.abs((scoreSum[b] as number) / c - (positiveSum[b] as number) / c);
  }
  return ece;
}

/** Mean of recall on positives and recall on negatives: chance is 0.5 whatever the class balance (some review categories are 80% positive). */
export function balancedAccuracy(scores: readonly number[], targets: readonly number[], threshold: number): number | null {
  let tp = 0;
  let positives = 0;
  let tn = 0;
  let negatives = 0;
  scores.forEach((s, i) => {
    if (targets[i] === 1) {
      positives++;
      if (s >= threshold) tp++;
    } else {
      negatives++;
      if (s < threshold) tn++;
    }
  });
  if (positives === 0 || negatives === 0) return null;
  return round4((tp / positives + tn / negatives) / 2);
}

/**
 * Expected calibration error over `bins` equal-mass bins (examples sorted by
 * score, cut into bins of as equal size as possible): unlike equal-width bins,
 * every bin holds enough examples when scores pile up near 0 or 1.
 */
export function equalMassEce(scores: readonly number[], targets: readonly number[], bins = 15): number {
  const n = scores.length;
  if (n === 0) return 0;
  const order = scores.map((_, i) => i).sort((a, b) => (scores[a] as number) - (scores[b] as number));
  let ece = 0;
  for (let b = 0; b < bins; b++) {
    const start = Math.floor((b * n) / bins);
    const end = Math.floor(((b + 1) * n) / bins);
    if (end <= start) continue;
    let scoreSum = 0;
    let positiveSum = 0;
    for (let k = start; k < end; k++) {
      const i = order[k] as number;
      scoreSum += scores[i] as number;
      positiveSum += targets[i] as number;
    }
    ece += Math.abs(scoreSum - positiveSum) / n;
  }
  return round4(ece);
}

export { round4 };
