/**
 * One-sided Fisher exact test for a 2x2 table, in log space so rooms with
 * thousands of comments neither overflow nor lose the tail.
 */

// Lanczos approximation (g = 7, n = 9): ~15 significant digits for x > 0.
const LANCZOS = [
  0.99999999999980993, 676.5203681218851, -1259.1392167224028, 771.32342877765313, -176.61502916214059,
  12.507343278686905, -0.13857109526572012, 9.9843695780195716e-6, 1.5056327351493116e-7,
];

export function logGamma(x: number): number {
  if (x < 0.5) return Math.log(Math.PI / Math.sin(Math.PI * x)) - logGamma(1 - x);
  const z = x - 1;
  let a = LANCZOS[0]!;
  const t = z + 7.5;
  for (let i = 1; i < 9; i++) a += LANCZOS[i]! / (z + i);
  return 0.5 * Math.log(2 * Math.PI) + (z + 0.5) * Math.log(t) - t + Math.log(a);
}

function logChoose(n: number, k: number): number {
  return logGamma(n + 1) - logGamma(k + 1) - logGamma(n - k + 1);
}

/**
 * P(X >= a) where X is the number of removed items in group A when
 * `removedA + removedB` removals fall at random over `totalA + totalB` items:
 * the chance that group A loses at least this many by luck alone.
 */
export function fisherGreater(removedA: number, totalA: number, removedB: number, totalB: number): number {
  const n = totalA + totalB;
  const k = removedA + removedB;
  if (totalA <= 0 || k <= 0 || removedA <= 0) return 1;
  const top = Math.min(k, totalA);
  const logDenominator = logChoose(n, totalA);
  let p = 0;
  for (let x = removedA; x <= top; x++) {
    if (k - x > totalB) continue;
    p += Math.exp(logChoose(k, x) + logChoose(n - k, totalA - x) - logDenominator);
  }
  return Math.min(1, p);
}
