/**
 * Every failure this package throws. None is retriable: they report a broken
 * artifact or a bad argument, which retrying cannot fix.
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

/** Thrown by `parseThresholds`/`loadThresholdConfig` for a threshold setting that names no label or is not a number in (0, 1); the message names the setting. */
export class ThresholdConfigError extends TextClassifierError {}
