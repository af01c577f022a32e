/**
 * Errors thrown by @redline/baselines. None are retriable: a sketch that does
 * not decode or a value that is not a measurement stays so; the caller
 * dead-letters the record or fixes the signal that produced it.
 */
import { RedlineError } from "@redline/common";

export class BaselineError extends RedlineError {
  constructor(message: string, context: Record<string, unknown> = {}) {
    super(message, { retriable: false, context });
  }
}

/** A value a sketch cannot hold (negative, NaN, infinite); names the value. */
export class InvalidMeasurementError extends BaselineError {
  constructor(readonly value: number) {
    super(`a baseline measurement must be a finite number >= 0, got ${value}`, { value });
  }
}

/** Bytes or a plain object that is not an encoded sketch, or two sketches of different accuracy merged. */
export class SketchFormatError extends BaselineError {
  constructor(problem: string, context: Record<string, unknown> = {}) {
    super(`quantile sketch: ${problem}`, context);
  }
}
