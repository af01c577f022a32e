/**
 * Event-time sliding window sum over a ring of fixed buckets: O(1) amortised
 * per add, fixed memory. The window covers the newest bucket and the
 * `bucketCount - 1` before it, so its span is `bucketMs * bucketCount`.
 * Out-of-order adds land in their own bucket while it is still in the window;
 * older ones are reported as dropped so the caller can count them.
 */
export interface SlidingWindow {
  bucketMs: number;
  buckets: Float64Array;
  /** Absolute bucket number (floor(t / bucketMs)) of the newest bucket; -1 before the first add. */
  head: number;
  sum: number;
}

export function createSlidingWindow(bucketMs: number, bucketCount: number): SlidingWindow {
  if (!(bucketMs > 0) || !Number.isInteger(bucketCount) || bucketCount < 1) {
    throw new RangeError(`sliding window needs bucketMs > 0 and an integer bucketCount >= 1, got ${bucketMs}, ${bucketCount}`);
  }
  return { bucketMs, buckets: new Float64Array(bucketCount), head: -1, sum: 0 };
}

/** Moves the window's end to event time `timeMs` (never backwards). */
export function swAdvance(w: SlidingWindow, timeMs: number): void {
  const bucket = Math.floor(timeMs / w.bucketMs);
  if (bucket <= w.head) return;
  const n = w.buckets.length;
  if (w.head < 0 || bucket - w.head >= n) {
    w.buckets.fill(0);
    w.sum = 0;
  } else {
    for (let b = w.head + 1; b <= bucket; b++) {
      const i = b % n;
      w.sum -= w.buckets[i]!;
      w.buckets[i] = 0;
    }
  }
  w.head = bucket;
  // Repeated float subtraction drifts; snap tiny residues back to zero.
  if (Math.abs(w.sum) < 1e-9) w.sum = 0;
}

/** Adds `amount` at event time `timeMs`; returns false if that time has already left the window. */
export function swAdd(w: SlidingWindow, timeMs: number, amount = 1): boolean {
  swAdvance(w, timeMs);
  const bucket = Math.floor(timeMs / w.bucketMs);
  if (w.head - bucket >= w.buckets.length) return false;
  w.buckets[bucket % w.buckets.length]! += amount;
  w.sum += amount;
  return true;
}

/** Sum over the window ending at `timeMs` (advances the window). */
export function swSum(w: SlidingWindow, timeMs: number): number {
  swAdvance(w, timeMs);
  return w.sum;
}
