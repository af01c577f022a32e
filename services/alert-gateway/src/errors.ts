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
