/**
 * Every failure the trainer throws. None is retriable: they report bad
 * training input, which retrying cannot fix.
 */
import { RedlineError } from "@redline/common";

export class TrainingError extends RedlineError {
  constructor(message: string, context: Record<string, unknown> = {}, cause?: unknown) {
    super(message, { context, cause, retriable: false });
  }
}

/** Thrown by the dataset readers when a dataset file is missing or malformed. */
export class DatasetError extends TrainingError {}

/** Thrown by the seed-data reader for a line that does not follow `labels<TAB>lang<TAB>text`, or when held-out lines leak into training. */
export class SeedDataError extends TrainingError {}

/** Thrown by the audit reader for a line that does not follow `rowId<TAB>DIVERSION<TAB>PROHIBITED`. */
export class AuditFileError extends TrainingError {}
