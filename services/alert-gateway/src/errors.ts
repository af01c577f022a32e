import { RedlineError } from "@redline/common";

/** GetEvidence was called but no evidence store is wired in; maps to UNAVAILABLE. */
export class EvidenceStoreUnavailableError extends RedlineError {
  constructor(reason: string) {
    super(`evidence store unavailable: ${reason}`, { retriable: true, context: { reason } });
  }
}

/** A request field is missing or out of bounds; maps to INVALID_ARGUMENT. */
export class InvalidRequestError extends RedlineError {
  constructor(
    readonly field: string,
    problem: string,
  ) {
    super(`${field} ${problem}`, { context: { field } });
  }
}

/** A client's catch-up read from Kafka stopped for good; its Tail ends with UNAVAILABLE and may resume from its cursor. */
export class CatchUpFailedError extends RedlineError {
  constructor(topic: string, cause: unknown) {
    super(`catch-up read of ${topic} failed; resume from the last cursor`, { retriable: true, cause, context: { topic } });
  }
}

/** The shared reader of the alerts topic stopped for good; the gateway reports NOT_SERVING. */
export class LiveReaderFailedError extends RedlineError {
  constructor(topic: string, cause: unknown) {
    super(`live reader of ${topic} stopped`, { cause, context: { topic } });
  }
}

/** A principal already has as many Tail streams open as REDLINE_GATEWAY_MAX_TAILS_PER_CLIENT allows; maps to RESOURCE_EXHAUSTED. */
export class TailLimitError extends RedlineError {
  constructor(principalId: string, maxPerClient: number) {
    super(`'${principalId}' already has ${maxPerClient} Tail streams open (REDLINE_GATEWAY_MAX_TAILS_PER_CLIENT); close one first`, {
      retriable: true,
      context: { principal: principalId, maxPerClient },
    });
  }
}
