/**
 * Errors of the crew detector service. Both refuse one input record (never
 * retriable); the record is dead-lettered with `reason` and the service goes on.
 */
import { RedlineError } from "@redline/common";

/** An `AccountActivity` record whose bytes do not decode (reason UNDECODABLE). */
export class UndecodableActivityError extends RedlineError {
  readonly reason = "UNDECODABLE";
  constructor(partition: number, offset: string, cause: unknown) {
    super(`account activity at ${partition}/${offset} does not decode as AccountActivity`, { cause, retriable: false, context: { partition, offset } });
  }
}

/**
 * A record at or below what was already released: its producer broke the
 * promise its watermark made (reason LATE_RECORD). Applying it would make the
 * service differ from a replay, which would have applied it in order.
 */
export class LateActivityError extends RedlineError {
  readonly reason = "LATE_RECORD";
  constructor(eventId: string, eventTimeMs: number, releasedThroughMs: number) {
    super(`account activity ${eventId} at ${eventTimeMs} arrived after the release frontier had passed ${releasedThroughMs}`, { retriable: false, context: { eventId, eventTimeMs, releasedThroughMs } });
  }
}
