import { EnvReader } from "@redline/common";
import { DEFAULT_LIMITS, type ValidationLimits } from "./limits";

/**
 * The input limits of a deployment, from `REDLINE_MAX_TEXT_CHARS`,
 * `REDLINE_MAX_ID_CHARS`, `REDLINE_MAX_PAST_SKEW_MS` and
 * `REDLINE_MAX_FUTURE_SKEW_MS`. Every service that reads the input topics
 * (risk engine, archiver) loads them here, so they refuse the same records.
 */
export function loadValidationLimits(env: Readonly<Record<string, string | undefined>>): Readonly<ValidationLimits> {
  const r = new EnvReader(env);
  return Object.freeze({
    maxTextChars: r.int("REDLINE_MAX_TEXT_CHARS", DEFAULT_LIMITS.maxTextChars, { min: 1 }),
    maxIdChars: r.int("REDLINE_MAX_ID_CHARS", DEFAULT_LIMITS.maxIdChars, { min: 1 }),
    maxPastSkewMs: r.int("REDLINE_MAX_PAST_SKEW_MS", DEFAULT_LIMITS.maxPastSkewMs!, { min: 0 }),
    maxFutureSkewMs: r.int("REDLINE_MAX_FUTURE_SKEW_MS", DEFAULT_LIMITS.maxFutureSkewMs!, { min: 0 }),
  });
}
