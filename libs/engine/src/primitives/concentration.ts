/**
 * Concentration of a distribution: how much of the mass sits on a few keys
 * (devices, IP prefixes, payment accounts, shipping addresses).
 */

/** Share of `total` held by the `n` largest of `counts`; 0 for an empty total. */
export function topShare(counts: readonly number[], total: number, n: number): number {
  if (total <= 0) return 0;
  const sorted = [...counts].sort((a, b) => b - a);
  let top = 0;
  for (let i = 0; i < Math.min(n, sorted.length); i++) top += sorted[i]!;
  return Math.min(1, top / total);
}

/**
 * Shannon entropy of `counts` normalised to [0, 1] by log(number of keys).
 * Mass in `total` beyond the tracked counts is treated as spread over
 * singletons, which is what a heavy-hitter sketch leaves untracked.
 */
export function normalizedEntropy(counts: readonly number[], total: number): number {
  const tracked = counts.reduce((a, b) => a + b, 0);
  const untracked = Math.max(0, total - tracked);
  const keys = counts.length + untracked;
  if (total <= 0 || keys <= 1) return 0;
  let h = 0;
  for (const c of counts) if (c > 0) h -= (c / total) * Math.log(c / total);
  if (untracked > 0) h -= untracked * (1 / total) * Math.log(1 / total);
  return Math.min(1, h / Math.log(keys));
}
