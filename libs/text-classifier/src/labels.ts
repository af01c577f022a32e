/**
 * The five text risk labels, in the fixed order used by the weight matrix and
 * the artifact: never reorder without bumping the artifact format.
 */
export const TEXT_LABELS = [
  "NEGATIVE_REVIEW",
  "HARASSMENT",
  "DIVERSION",
  "PROHIBITED",
  "MINOR_RISK",
] as const;

export type TextLabel = (typeof TEXT_LABELS)[number];

/** Calibrated probability per label, each in [0, 1]; 0.5 is the decision threshold. */
export type TextScores = Record<TextLabel, number>;

export const LABEL_COUNT = TEXT_LABELS.length;

export function isTextLabel(value: string): value is TextLabel {
  return (TEXT_LABELS as readonly string[]).includes(value);
}
