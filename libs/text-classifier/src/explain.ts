import type { TextLabel } from "./labels";

/** One named feature's pull on a label's raw score (logit units, before calibration). */
export interface FeatureContribution {
  feature: string;
  contribution: number;
}

/** Why a text scored what it did for one label: `redline classify --explain`. */
export interface LabelExplanation {
  label: TextLabel;
  score: number;
  /** Raw score = bias + the sum of every feature's contribution; calibration maps it to `score`. */
  raw: number;
  bias: number;
  /** The features with the largest absolute contributions, largest first. */
  top: FeatureContribution[];
}

/**
 * Sums per feature name (an n-gram that repeats counts once, with its total)
 * and keeps the `topK` largest by absolute value. Hashed features can collide,
 * so a name stands for the bucket its n-gram falls in.
 */
export function topContributions(names: readonly string[], contributions: readonly number[], topK: number): FeatureContribution[] {
  const byName = new Map<string, number>();
  names.forEach((name, i) => byName.set(name, (byName.get(name) ?? 0) + (contributions[i] as number)));
  return [...byName.entries()]
    .map(([feature, contribution]) => ({ feature, contribution: Math.round(contribution * 1000) / 1000 }))
    .sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution) || (a.feature < b.feature ? -1 : 1))
    .slice(0, topK);
}
