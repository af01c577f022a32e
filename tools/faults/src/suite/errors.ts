import { RedlineError } from "@redline/common";

/** A step of the fault suite's own machinery (stack, processes, load) failed; the run cannot account and stops. */
export class FaultSuiteError extends RedlineError {
  constructor(message: string, context: Record<string, unknown> = {}, cause?: unknown) {
    super(`faults: ${message}`, { context, cause });
  }
}
