/**
 * Errors thrown by @redline/engine. None are retriable: they mean bad
 * configuration or a corrupt snapshot, which retrying cannot fix.
 */
export class EngineError extends Error {
  readonly retriable: boolean = false;
  override readonly cause: unknown;
  constructor(message: string, cause?: unknown) {
    super(message);
    this.name = new.target.name;
    this.cause = cause;
  }
}

/** Thrown by `resolveEngineConfig` (and so the engine's constructor) for an invalid option; the message names it. */
export class EngineConfigError extends EngineError {
  constructor(readonly option: string, message: string) {
    super(`engine config '${option}': ${message}`);
  }
}

/** Thrown by `RiskEngine.restore` when the bytes are not a snapshot this version can read. */
export class SnapshotFormatError extends EngineError {}
