import { RedlineError } from "@redline/common";

/** Why an input message was refused; written to the DLQ's `redline-dlq-reason` header. */
export type InvalidEventReason =
  | "UNDECODABLE"
  | "MISSING_FIELD"
  | "INVALID_FIELD"
  | "NEGATIVE_AMOUNT"
  | "TEXT_TOO_LONG"
  | "EVENT_TIME_SKEW";

/**
 * Thrown when bytes on an input topic are not a valid `LiveEvent`. Never
 * retriable: the same bytes fail the same way, so the message is
 * dead-lettered and the consumer goes on.
 */
export class InvalidEventError extends RedlineError {
  constructor(
    readonly reason: InvalidEventReason,
    readonly detail: string,
    options: { cause?: unknown; context?: Record<string, unknown> } = {},
  ) {
    super(`invalid event (${reason}): ${detail}`, { ...options, retriable: false });
  }
}
