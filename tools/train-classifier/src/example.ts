import { LABEL_COUNT, TEXT_LABELS, type TextLabel } from "@redline/text-classifier";

/** Target value meaning "this source says nothing about the label": no gradient, not scored. */
export const UNKNOWN = -1;

export interface Example {
  text: string;
  /** Per label in TEXT_LABELS order: 1, 0 or UNKNOWN. */
  targets: Int8Array;
  /** Base weight before per-label class balancing (e.g. per-category balance of the reviews). */
  weight: number;
  /** Dataset name, for per-source metrics. */
  source: string;
}

/** Builds targets from the labels that are known for a source. */
export function targetsOf(known: Partial<Record<TextLabel, 0 | 1>>): Int8Array {
  const targets = new Int8Array(LABEL_COUNT).fill(UNKNOWN);
  TEXT_LABELS.forEach((label, i) => {
    const value = known[label];
    if (value !== undefined) targets[i] = value;
  });
  return targets;
}
