/**
 * The engine's view of the text classifier: one call per comment or barrage
 * text, five calibrated probabilities. Injected so tests can use a fake and
 * so the engine's alerts can name the classifier version they relied on.
 */
import type { TextLabel, TextScores } from "@redline/text-classifier";

export type { TextScores };

export interface TextScorer {
  /** Goes into every alert's modelVersion (`<rules>+text-<version>`). */
  readonly version: string;
  classify(text: string): TextScores;
  /**
   * The model's decision threshold per label (the artifact header's; a TextClassifier has them). The content
   * detectors' default for each label it names, under the operator's REDLINE_TEXT_THRESHOLDS (issue 14).
   */
  readonly thresholds?: Readonly<Partial<Record<TextLabel, number>>>;
}

/** Labels whose removal is legitimate moderation and which the text-risk detectors track. */
export const ABUSE_LABELS = ["HARASSMENT", "DIVERSION", "PROHIBITED"] as const;
export type AbuseLabel = (typeof ABUSE_LABELS)[number];
