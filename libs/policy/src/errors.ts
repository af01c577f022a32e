/**
 * Errors thrown by @redline/policy. None are retriable: a bad policy file or a
 * corrupt snapshot stays bad until someone edits it. The store reports load
 * failures through its `onError` callback and keeps serving the old policy.
 */
import { RedlineError } from "@redline/common";

export class PolicyError extends RedlineError {}

/** Thrown by `parsePolicy` when the document breaks the schema; `problems` lists every one with its JSON path. */
export class PolicyValidationError extends PolicyError {
  constructor(readonly problems: readonly string[], readonly source: string) {
    super(`policy ${source} is invalid (${problems.length} problem${problems.length === 1 ? "" : "s"}):\n  ${problems.join("\n  ")}`, {
      context: { source, problems: problems.length },
    });
  }
}

/** Thrown when a policy file cannot be read or is not JSON. */
export class PolicyLoadError extends PolicyError {
  constructor(readonly path: string, problem: string, cause?: unknown) {
    super(`policy ${path}: ${problem}`, { cause, context: { path } });
  }
}

/** Thrown by `PolicyStage.restore` when the bytes are not a snapshot this version can read. */
export class PolicySnapshotError extends PolicyError {}
