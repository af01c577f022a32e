/**
 * Errors thrown by @redline/engine, on the project's one error base. None
 * are retriable: they mean bad configuration or a corrupt snapshot, which
 * retrying cannot fix.
 */
import { RedlineError } from "@redline/common";

export class EngineError extends RedlineError {
  constructor(message: string, options: { cause?: unknown; context?: Record<string, unknown> } = {}) {
    super(message, { ...options, retriable: false });
  }
}

/** Thrown by `resolveEngineConfig` (and so the engine's constructor) for an invalid option; the message names it. */
export class EngineConfigError extends EngineError {
  constructor(
    readonly option: string,
    message: string,
  ) {
    super(`engine config '${option}': ${message}`, { context: { option } });
  }
}

/** Thrown by `RiskEngine.restore` when the bytes are not a snapshot this version can read. */
export class SnapshotFormatError extends EngineError {}
