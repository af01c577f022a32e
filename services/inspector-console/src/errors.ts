import { RedlineError } from "@redline/common";

/** A request the console refuses before calling the gateway (unknown verdict, note too long, bad filter). */
export class BadConsoleRequestError extends RedlineError {
  constructor(
    readonly field: string,
    problem: string,
  ) {
    super(`${field} ${problem}`, { context: { field } });
  }
}
