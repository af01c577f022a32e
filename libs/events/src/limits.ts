/** Bounds an input event must respect; configurable per deployment. */
export interface ValidationLimits {
  /** Longest comment, barrage or room title accepted, in UTF-16 code units. */
  maxTextChars: number;
  /** Longest id (event, room, user, order…) accepted. */
  maxIdChars: number;
  /**
   * How far an event time may lie before / after the wall clock at decode.
   * `undefined` disables the check (replay of recorded traffic).
   */
  maxPastSkewMs: number | undefined;
  maxFutureSkewMs: number | undefined;
}

export const DEFAULT_LIMITS: Readonly<ValidationLimits> = Object.freeze({
  maxTextChars: 2000,
  maxIdChars: 256,
  maxPastSkewMs: 7 * 24 * 3600 * 1000,
  maxFutureSkewMs: 5 * 60 * 1000,
});

/** Limits for offline replay, where events are old by design. */
export const REPLAY_LIMITS: Readonly<ValidationLimits> = Object.freeze({
  ...DEFAULT_LIMITS,
  maxPastSkewMs: undefined,
  maxFutureSkewMs: undefined,
});
