import { isRetriable, RetriesExhaustedError } from "./errors";

export interface RetryOptions {
  /** Attempts in all, the first included (`Infinity` with `maxElapsedMs`: as many as its time allows). */
  maxAttempts: number;
  /**
   * Time budget from the start of the first attempt: no attempt starts after it, and a backoff that would end
   * past it is cut short so that the last attempt starts at it. Used up, the last failure is rethrown as
   * `RetriesExhaustedError`, as when the attempts run out. Unset: attempts only.
   */
  maxElapsedMs?: number;
  initialDelayMs: number;
  maxDelayMs: number;
  /** Multiplier applied to the delay after each failure. */
  factor?: number;
  /** Decides what is retried; defaults to `isRetriable`. */
  shouldRetry?: (err: unknown) => boolean;
  /** Uniform random in [0, 1); injected so tests are deterministic. */
  random?: () => number;
  sleep?: (ms: number) => Promise<void>;
  /** Clock for `maxElapsedMs`, in ms; injected so tests are deterministic. */
  now?: () => number;
  onRetry?: (err: unknown, attempt: number, delayMs: number) => void;
  /** Stops retrying: the wait in progress ends at once and the last failure is rethrown. */
  signal?: AbortSignal;
}

const defaultSleep = (ms: number): Promise<void> => new Promise((resolve) => setTimeout(resolve, ms));

/** Exponential backoff with full jitter: delay ∈ [0, min(max, initial·factor^n)). */
export function backoffDelayMs(attempt: number, opts: RetryOptions, random: () => number): number {
  const cap = Math.min(opts.maxDelayMs, opts.initialDelayMs * (opts.factor ?? 2) ** (attempt - 1));
  return Math.floor(random() * cap);
}

/**
 * Runs `fn` until it succeeds, a failure is not retriable (rethrown as is), or
 * the attempts or the time run out (`RetriesExhaustedError` with the last
 * failure as cause).
 */
export async function retry<T>(fn: (attempt: number) => Promise<T>, opts: RetryOptions): Promise<T> {
  const shouldRetry = opts.shouldRetry ?? isRetriable;
  const random = opts.random ?? Math.random;
  const sleep = opts.sleep ?? defaultSleep;
  const now = opts.now ?? Date.now;
  const deadlineMs = opts.maxElapsedMs === undefined ? Infinity : now() + opts.maxElapsedMs;
  for (let attempt = 1; ; attempt++) {
    try {
      return await fn(attempt);
    } catch (err) {
      if (!shouldRetry(err) || opts.signal?.aborted) throw err;
      const leftMs = deadlineMs - now();
      if (attempt >= opts.maxAttempts || leftMs <= 0) throw new RetriesExhaustedError(attempt, err);
      const delayMs = Math.min(backoffDelayMs(attempt, opts, random), leftMs);
      opts.onRetry?.(err, attempt, delayMs);
      await sleepUnlessAborted(sleep, delayMs, opts.signal);
      if (opts.signal?.aborted) throw err;
    }
  }
}

/** `sleep(ms)`, cut short when `signal` aborts (shutdown should not wait out a backoff). */
export async function sleepUnlessAborted(sleep: (ms: number) => Promise<void>, ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (signal === undefined) return sleep(ms);
  if (signal.aborted) return;
  let onAbort = (): void => {};
  const aborted = new Promise<void>((resolve) => {
    onAbort = resolve;
    signal.addEventListener("abort", onAbort, { once: true });
  });
  try {
    await Promise.race([sleep(ms), aborted]);
  } finally {
    signal.removeEventListener("abort", onAbort);
  }
}
