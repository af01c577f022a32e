/**
 * Errors thrown by @redline/crews. None are retriable: a malformed record or a
 * bad option stays bad however often it is tried; the service dead-letters the
 * record with the error's message and context and goes on.
 */
import { RedlineError } from "@redline/common";

export class CrewsError extends RedlineError {
  constructor(message: string, options: { cause?: unknown; context?: Record<string, unknown> } = {}) {
    super(message, { ...options, retriable: false });
  }
}

/** Thrown by `validateActivity` (and so `CrewDetector.ingest`) for a record missing a field the detector keys on. */
export class InvalidActivityError extends CrewsError {
  constructor(
    readonly field: string,
    problem: string,
    eventId: string,
  ) {
    super(`account activity ${eventId || "(no eventId)"}: ${field} ${problem}`, { context: { field, eventId } });
  }
}

/** Thrown by `resolveCrewConfig` (and so the detector's constructor) for an invalid option; the message names it. */
export class CrewConfigError extends CrewsError {
  constructor(
    readonly option: string,
    problem: string,
  ) {
    super(`crew config '${option}': ${problem}`, { context: { option } });
  }
}

/** Thrown by `CrewDetector.restore` for bytes that are not a snapshot, or a snapshot taken under another config. */
export class CrewSnapshotError extends CrewsError {
  constructor(problem: string, options: { cause?: unknown; context?: Record<string, unknown> } = {}) {
    super(`crew detector snapshot: ${problem}`, options);
  }
}
