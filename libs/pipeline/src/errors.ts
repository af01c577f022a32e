import { RedlineError } from "@redline/common";

/** A changelog record cannot be read as a snapshot; the partition starts from its committed offsets instead. */
export class SnapshotRecordError extends RedlineError {
  constructor(partition: string, cause: unknown, context: Record<string, unknown> = {}) {
    super(`state snapshot for partition ${partition} is unreadable: ${cause instanceof Error ? cause.message : String(cause)}`, {
      cause,
      context: { partition, ...context },
    });
  }
}

/**
 * A snapshot of another version than this release writes (`SNAPSHOT_VERSION`):
 * refused, never migrated; the partition is rebuilt from its committed offsets.
 */
export class SnapshotVersionError extends SnapshotRecordError {
  constructor(
    partition: string,
    readonly found: string,
    readonly expected: number,
  ) {
    super(partition, new Error(`snapshot version ${found}, this release reads ${expected} only`), { found, expected });
  }
}

/** A minute table asked for by a name the hold was not built with: a wiring mistake, never retried. */
export class UnknownTableError extends RedlineError {
  constructor(name: string, known: string[]) {
    super(`no minute table named ${name} (tables: ${known.join(", ")})`, { context: { name, known } });
  }
}

/** A crew room value of the account-risk table that is not a room alert of the crew detector (#21): dead-lettered, never retried. */
export class CrewRoomValueError extends RedlineError {
  constructor(key: string, reason: string, cause?: unknown) {
    super(`crew room table value ${key.slice(0, 96)} is not a crew room alert: ${reason}`, { cause, context: { key: key.slice(0, 96) } });
  }
}
