import type { LabelParameters, TextLabel } from "@redline/text-classifier";
import { fitWeightedPlatt, type Platt } from "./calibration";
import type { HeldOutScores } from "./lodo";
import { balancedAccuracy, equalMassEce } from "./metrics";

/**
 * Calibration that travels (issue 14). The committed model's Platt scaling is
 * fitted on a calibration split of the domains it was trained on, so on a
 * domain it has never seen its scores are too confident and shifted (a new
 * product category's negatives score low). This fits a second Platt map per
 * label on the logit of *held-out-domain* scores from the leave-one-domain-out
 * folds, every held-out domain weighted equally, and composes it into the
 * model's (a, b): no runtime change, the artifact keeps one Platt per label.
 *
 * Whether that helps is measured cross-fitted: each domain is scored with a
 * correction fitted on the other domains of its label only.
 */
export type TravelCorrections = Partial<Record<TextLabel, Platt>>;

/**
 * "platt" fits slope and intercept; "slope" only the slope, so decisions at
 * 0.5 stay exactly as they were and only the confidence changes (an
 * intercept fitted on half-negative review categories would move the 0.5
 * line for live comments, which are rarely negative reviews).
 */
export type CorrectionKind = "platt" | "slope";

/** Keeps logit finite for scores of exactly 0 or 1. */
const SCORE_CLAMP = 1e-6;

export function logit(p: number): number {
  const q = Math.min(1 - SCORE_CLAMP, Math.max(SCORE_CLAMP, p));
  return Math.log(q / (1 - q));
}

export function applyCorrection(correction: Platt, score: number): number {
  return 1 / (1 + Math.exp(-(correction.a * logit(score) + correction.b)));
}

/** Fits one label's correction on the given groups, each group (a domain scored by one fold) carrying total weight 1. */
export function fitCorrection(groups: readonly HeldOutScores[], kind: CorrectionKind = "platt"): Platt {
  const raw: number[] = [];
  const targets: number[] = [];
  const weights: number[] = [];
  for (const g of groups) {
    g.scores.forEach((s, i) => {
      raw.push(logit(s));
      targets.push(g.targets[i] as number);
      weights.push(1 / g.scores.length);
    });
  }
  return fitWeightedPlatt(raw, targets, weights, kind === "platt");
}

export function fitCorrections(heldOut: readonly HeldOutScores[], kindOf: (label: TextLabel) => CorrectionKind): TravelCorrections {
  const labels = [...new Set(heldOut.map((g) => g.label))];
  return Object.fromEntries(labels.map((label) => [label, fitCorrection(heldOut.filter((g) => g.label === label), kindOf(label))]));
}

export interface CrossFittedRow {
  fold: string;
  label: TextLabel;
  family: string;
  domain: string;
  n: number;
  /** Fitted on every other domain of the label (a domain scored by two folds is left out of both). */
  correction: Platt;
  before: { balancedAccuracy: number | null; ece: number };
  after: { balancedAccuracy: number | null; ece: number };
}

/** Scores each held-out group with a correction that never saw its domain: the honest estimate of what the correction does on a new domain. */
export function crossFitted(heldOut: readonly HeldOutScores[], threshold: (label: TextLabel) => number, kindOf: (label: TextLabel) => CorrectionKind = () => "platt"): CrossFittedRow[] {
  return heldOut.map((g) => {
    const others = heldOut.filter((o) => o.label === g.label && o.domain !== g.domain);
    const correction = fitCorrection(others, kindOf(g.label));
    const corrected = g.scores.map((s) => applyCorrection(correction, s));
    const t = threshold(g.label);
    return {
      fold: g.fold,
      label: g.label,
      family: g.family,
      domain: g.domain,
      n: g.scores.length,
      correction,
      before: { balancedAccuracy: balancedAccuracy(g.scores, g.targets, t), ece: equalMassEce(g.scores, g.targets, 15) },
      after: { balancedAccuracy: balancedAccuracy(corrected, g.targets, t), ece: equalMassEce(corrected, g.targets, 15) },
    };
  });
}

/** sigmoid(a2 * (a1 x + b1) + b2): the correction folded into the label's own Platt parameters. */
export function composeCorrection(parameters: LabelParameters, correction: Platt): LabelParameters {
  return { ...parameters, plattA: correction.a * parameters.plattA, plattB: correction.a * parameters.plattB + correction.b };
}
