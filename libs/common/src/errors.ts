/**
 * Base of every Redline error. `retriable` tells the retry helper and the
 * Kafka adapter whether trying again can succeed; everything else is
 * dead-lettered or fails start-up. `context` carries the where (topic,
 * partition, variable name) so a log line explains itself.
 */
export class RedlineError extends Error {
  readonly retriable: boolean;
  readonly context: Readonly<Record<string, unknown>>;

  constructor(
    message: string,
    options: { retriable?: boolean; cause?: unknown; context?: Record<string, unknown> } = {},
  ) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = new.target.name;
    this.retriable = options.retriable ?? false;
    this.context = Object.freeze({ ...(options.context ?? {}) });
  }
}

/** Thrown at start-up when a configuration variable is missing or malformed. */
export class ConfigError extends RedlineError {
  constructor(
    readonly variable: string,
    problem: string,
  ) {
    super(`config: ${variable} ${problem}`, { context: { variable } });
  }
}

/**
 * A feed cursor that this service did not issue or cannot read (garbage,
 * truncated, another version). The caller sent it, so it maps to
 * INVALID_ARGUMENT; retrying the same cursor cannot succeed.
 */
export class InvalidCursorError extends RedlineError {
  constructor(problem: string) {
    super(`invalid cursor: ${problem}`, { context: { problem } });
  }
}

/** Thrown by `retry` when the attempts are used up; `cause` is the last failure. */
export class RetriesExhaustedError extends RedlineError {
  constructor(
    readonly attempts: number,
    cause: unknown,
  ) {
    super(`gave up after ${attempts} attempts: ${describeError(cause)}`, {
      cause,
      context: { attempts },
    });
  }
}

/** True only for errors that say they are worth retrying; programming errors never are. */
export function isRetriable(err: unknown): boolean {
  if (err instanceof TypeError || err instanceof RangeError || err instanceof SyntaxError) return false;
  return typeof err === "object" && err !== null && (err as { retriable?: unknown }).retriable === true;
}

export function describeError(err: unknown): string {
  if (err instanceof Error) return `${err.name}: ${err.message}`;
  return String(err);
}
