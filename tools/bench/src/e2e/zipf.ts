/**
 * Draws ranks 0..n-1 with probability proportional to 1/(rank+1)^s: a few
 * huge rooms and a long tail, the shape of live-commerce traffic (issue 15).
 * Inverse-CDF on a precomputed cumulative table, so a draw is one binary search.
 */
export class ZipfSampler {
  private readonly cumulative: Float64Array;

  constructor(
    readonly n: number,
    readonly s: number,
    private readonly random: () => number,
  ) {
    if (!Number.isInteger(n) || n < 1) throw new RangeError(`ZipfSampler needs n >= 1 ranks, got ${n}`);
    this.cumulative = new Float64Array(n);
    let total = 0;
    for (let k = 0; k < n; k++) {
      total += 1 / Math.pow(k + 1, s);
      this.cumulative[k] = total;
    }
    for (let k = 0; k < n; k++) this.cumulative[k]! /= total;
  }

  /** Probability of rank k. */
  share(k: number): number {
    return this.cumulative[k]! - (k === 0 ? 0 : this.cumulative[k - 1]!);
  }

  next(): number {
    return this.rankAt(this.random());
  }

  /** The rank whose cumulative share first reaches `u` in [0, 1): a uniform `u` gives Zipf-distributed ranks. */
  rankAt(u: number): number {
    let lo = 0;
    let hi = this.n - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (this.cumulative[mid]! < u) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
