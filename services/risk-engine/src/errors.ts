import { RedlineError } from "@redline/common";

/** An output no route of the publisher carries: a pipeline output kind added without its topic. */
export class UnroutableOutputError extends RedlineError {
  constructor(kinds: readonly string[]) {
    super(`no output route carries an output with fields ${kinds.join(", ")}; add a route for its kind`, { context: { kinds } });
  }
}
