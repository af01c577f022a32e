import { TEXT_LABELS, type TextLabel } from "@redline/text-classifier";

/**
 * The sources whose `domain` is a held-out family of a label in the
 * leave-one-domain-out sweep (lodo.ts): review categories, COLD topics, the
 * videos and SMS. The trainer options aimed at unseen domains (domain copies,
 * group DRO, domain-invariant features) act on these families only.
 */
export const FAMILY_SOURCES: Readonly<Partial<Record<TextLabel, readonly string[]>>> = {
  NEGATIVE_REVIEW: ["zh-reviews"],
  HARASSMENT: ["cold"],
  DIVERSION: ["youtube-spam", "sms-spam"],
};

/** `LABEL,...` of labels with a family as a per-label flag array in TEXT_LABELS order; `flag` names the option in the error. */
export function parseFamilyLabels(spec: string, flag: string): boolean[] {
  const labels = spec.split(",");
  for (const label of labels) {
    if (FAMILY_SOURCES[label as TextLabel] === undefined) throw new RangeError(`${flag}: "${label}" is not one of ${Object.keys(FAMILY_SOURCES).join(", ")}`);
  }
  return TEXT_LABELS.map((label) => labels.includes(label));
}
