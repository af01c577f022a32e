import { RedlineError } from "@redline/common";

/** A bench phase could not run or did not finish (a child process died, a topic never drained). */
export class BenchPhaseError extends RedlineError {
  constructor(phase: string, problem: string, context: Record<string, unknown> = {}, cause?: unknown) {
    super(`bench:e2e ${phase}: ${problem}`, { context: { phase, ...context }, cause });
  }
}
