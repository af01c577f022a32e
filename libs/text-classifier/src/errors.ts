/**
 * Every failure this package throws. None is retriable: they report a broken
 * artifact or a bad argument, which retrying cannot fix.
 */
import { RedlineError } from "@redline/common";

export class TextClassifierError extends RedlineError {
  constructor(message: string, context: Record<string, unknown> = {}, cause?: unknown) {
    super(message, { context, cause, retriable: false });
  }
}

/** Thrown by `loadClassifier*` when the artifact is missing, truncated or of another format. */
export class ModelArtifactError extends TextClassifierError {}

/** Thrown by `parseThresholds`/`loadThresholdConfig` for a threshold setting that names no label or is not a number in (0, 1); the message names the setting. */
export class ThresholdConfigError extends TextClassifierError {}
