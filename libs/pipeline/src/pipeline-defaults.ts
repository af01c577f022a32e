/**
 * The settings the risk-engine service runs with, in one place. `redline
 * replay` and the eval take them from here too: when each assembled its own
 * pipeline, the service allowed 10 s of lateness and the other two the
 * engine's 5 s, so a replay did not reproduce the service on late data and
 * the eval measured a setting production did not run (issue 13).
 */
export const PIPELINE_DEFAULTS = Object.freeze({
  /** Watermark lag: cross-topic skew and producer retries arrive within this. */
  allowedLatenessMs: 10_000,
  /**
   * Wall time without new input after which a partition's held events are
   * applied up to the newest event time seen (issue 16). Replay does the same
   * at the end of its input.
   */
  idleTimeoutMs: 5_000,
});
