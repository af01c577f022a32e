/**
 * Errors thrown by @redline/minute-table. None are retriable: a record whose
 * progress headers are malformed stays malformed; the reader dead-letters it
 * with the error's message and goes on.
 */
import { RedlineError } from "@redline/common";

export class MinuteTableError extends RedlineError {
  constructor(message: string, options: { cause?: unknown; context?: Record<string, unknown> } = {}) {
    super(message, { ...options, retriable: false });
  }
}

/** Thrown by `readProgress` for a record without valid producer-progress headers; names the header. */
export class InvalidProgressError extends MinuteTableError {
  constructor(
    readonly header: string,
    problem: string,
  ) {
    super(`progress header '${header}' ${problem}`, { context: { header } });
  }
}

/** Thrown by `ProducerProgress.observe` when a producer's partition count changes under it (the producing topic was repartitioned). */
export class ProducerLayoutError extends MinuteTableError {
  constructor(expected: number, got: number) {
    super(`producers declared ${got} partitions, earlier records said ${expected}; restart the consumer after a repartition`, { context: { expected, got } });
  }
}
