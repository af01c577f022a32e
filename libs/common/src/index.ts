/**
 * @redline/common — plumbing every Redline package shares: the error base
 * class with `retriable` and context, one retry helper, structured logging
 * and typed environment reads for `loadConfig(env)`.
 *
 * @example
 * const cfg = new EnvReader(process.env);
 * const port = cfg.int("PORT", 8080, { min: 1, max: 65535 });
 * await retry(() => send(), { maxAttempts: 5, initialDelayMs: 100, maxDelayMs: 5000 });
 */
export { RedlineError, ConfigError, InvalidCursorError, RetriesExhaustedError, isRetriable, describeError } from "./errors";
export { retry, backoffDelayMs, sleepUnlessAborted } from "./retry";
export type { RetryOptions } from "./retry";
export { createJsonLogger, silentLogger } from "./logger";
export type { Logger, LogLevel, JsonLoggerOptions } from "./logger";
export { EnvReader } from "./env-reader";
export { Mulberry32, mulberry32 } from "./seeded-random";
export { hash32, hashHex64 } from "./hash";
export { boundedUpsert, evictOldest, setMostRecent } from "./bounded-map";
export { decodeCursor, encodeCursor } from "./cursor";
export type { CursorPositions } from "./cursor";
export { RESTART_EXIT_CODE, runService } from "./service-runner";
export type { RunningService, ServiceRunnerOptions } from "./service-runner";
