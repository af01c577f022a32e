/**
 * Every failure the trainer throws. None is retriable: they report bad
 * training input, which retrying cannot fix.
 */
export class TrainingError extends Error {
  readonly retriable: boolean = false;
  override readonly cause: unknown;
  readonly context: Readonly<Record<string, unknown>>;

  constructor(message: string, context: Record<string, unknown> = {}, cause?: unknown) {
    super(message);
    this.name = new.target.name;
    this.cause = cause;
    this.context = Object.freeze({ ...context });
  }
}

/** Thrown by the dataset readers when a dataset file is missing or malformed. */
export class DatasetError extends TrainingError {}

/** Thrown by the seed-data reader for a line that does not follow `labels<TAB>lang<TAB>text`, or when held-out lines leak into training. */
export class SeedDataError extends TrainingError {}

/** Thrown by the audit reader for a line that does not follow `rowId<TAB>DIVERSION<TAB>PROHIBITED`. */
export class AuditFileError extends TrainingError {}
