/**
 * Every failure this package throws. None is retriable: they report a broken
 * artifact, bad training input or a bad argument, which retrying cannot fix.
 */
export class TextClassifierError extends Error {
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

/** Thrown by `loadClassifier*` when the artifact is missing, truncated or of another format. */
export class ModelArtifactError extends TextClassifierError {}

/** Thrown by the training script when a dataset file is missing or malformed. */
export class DatasetError extends TextClassifierError {}

/** Thrown by the seed-data reader for a line that does not follow `labels<TAB>lang<TAB>text`. */
export class SeedDataError extends TextClassifierError {}
