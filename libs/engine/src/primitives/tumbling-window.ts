/**
 * Event-time tumbling window counter: counts within aligned windows of
 * `sizeMs`, starting over at each boundary. Used for per-account rates.
 */
export interface TumblingWindow {
  sizeMs: number;
  /** Start of the current window; -1 before the first add. */
  startMs: number;
  count: number;
}

export function createTumblingWindow(sizeMs: number): TumblingWindow {
  if (!(sizeMs > 0)) throw new RangeError(`tumbling window sizeMs must be > 0, got ${sizeMs}`);
  return { sizeMs, startMs: -1, count: 0 };
}

/** Adds at `timeMs` and returns the count of the window it fell in (late adds to a closed window count in the current one). */
export function twAdd(w: TumblingWindow, timeMs: number, amount = 1): number {
  const start = Math.floor(timeMs / w.sizeMs) * w.sizeMs;
  if (start > w.startMs) {
    w.startMs = start;
    w.count = 0;
  }
  w.count += amount;
  return w.count;
}
