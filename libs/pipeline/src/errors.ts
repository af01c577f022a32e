import { RedlineError } from "@redline/common";

/** A changelog record cannot be read as a snapshot; the partition starts from its committed offsets instead. */
export class SnapshotRecordError extends RedlineError {
  constructor(partition: string, cause: unknown) {
    super(`state snapshot for partition ${partition} is unreadable: ${cause instanceof Error ? cause.message : String(cause)}`, {
      cause,
      context: { partition },
    });
  }
}
