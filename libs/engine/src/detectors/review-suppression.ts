/**
 * SELECTIVE_DELETION: operators removing negative reviews far more often
 * than other comments. Each removal decision is joined to the
 * negative-review score of the text it acted on, as scored when posted: a
 * delete or hide to its comment, a mute or block to the author's latest
 * text before it (one decision, one text). Removals of abusive texts
 * (harassment, diversion, prohibited, minor risk) are legitimate and stay
 * out of the test.
 *
 * The decision needs all of: a minimum sample, a one-sided Fisher exact
 * test, and two effect-size floors (rate ratio and rate difference), so a
 * big honest room that deletes 6% of complaints and 3% of the rest is
 * significant but not substantial, and never fires.
 */
import { RiskCategory } from "@redline/proto";
import { addEvidence } from "../evidence";
import { combine, ramp, severityOf } from "./scoring";
import { fisherGreater } from "./fisher-exact";
import { SELECTIVE_DELETION } from "./content-finding";
import type { ContentFinding } from "./content-finding";
import { labelThresholdOf, type ArtifactThresholds, type ContentConfig } from "./content-config";
import type { SuppressionState, TextRecord } from "./content-state";

/** `artifact`: the scorer's own thresholds (TextScorer.thresholds), under the operator's; see labelThresholdOf. */
export function observeText(s: SuppressionState, record: TextRecord, cfg: Readonly<ContentConfig>, artifact?: ArtifactThresholds): void {
  if (record.abusive) return;
  if (record.negativeScore >= labelThresholdOf(cfg, "NEGATIVE_REVIEW", artifact)) s.negatives++;
  else s.others++;
}

/** Counts the removal of `record` (once); the moderation event joins the evidence after the comment it removed. */
export function observeRemoval(
  s: SuppressionState,
  record: TextRecord,
  moderationEventId: string,
  timeMs: number,
  cfg: Readonly<ContentConfig>,
  maxEvidence: number,
  artifact?: ArtifactThresholds,
): void {
  if (record.removed) return;
  record.removed = true;
  if (record.abusive) {
    s.legitimateRemoved++;
    return;
  }
  if (record.negativeScore < labelThresholdOf(cfg, "NEGATIVE_REVIEW", artifact)) {
    s.otherRemoved++;
    return;
  }
  s.negativeRemoved++;
  addEvidence(s.evidence, { eventId: record.eventId, weight: 1 + record.negativeScore, timeMs: record.timeMs }, maxEvidence);
  addEvidence(s.evidence, { eventId: moderationEventId, weight: record.negativeScore, timeMs }, maxEvidence);
}

export function detectSelectiveDeletion(s: SuppressionState, cfg: Readonly<ContentConfig>): ContentFinding | null {
  if (s.negativeRemoved < cfg.minRemovedNegatives || s.negatives < cfg.minNegatives || s.others < cfg.minOtherComments) return null;
  const negativeRate = s.negativeRemoved / s.negatives;
  // Smoothed so a room that removed nothing else still has a finite ratio.
  const otherRate = (s.otherRemoved + 0.5) / (s.others + 1);
  const rateRatio = negativeRate / otherRate;
  const difference = negativeRate - s.otherRemoved / s.others;
  if (rateRatio < cfg.minRateRatio || difference < cfg.minRateDifference) return null;
  const pValue = fisherGreater(s.negativeRemoved, s.negatives, s.otherRemoved, s.others);
  if (pValue > cfg.maxPValue) return null;
  const minusLogP = -Math.log10(Math.max(pValue, 1e-300));
  const { score, signals } = combine([
    { name: "negative_removal_rate_minus_other", value: difference, strength: ramp(difference, 0.1, 0.45), weight: 0.9 },
    { name: "removal_rate_ratio", value: rateRatio, strength: ramp(Math.log10(rateRatio), 0.3, 1.3), weight: 0.6 },
    { name: "fisher_minus_log10_p", value: minusLogP, strength: ramp(minusLogP, 3, 10), weight: 0.5 },
    { name: "negative_reviews_removed", value: s.negativeRemoved, strength: ramp(s.negativeRemoved, cfg.minRemovedNegatives, 4 * cfg.minRemovedNegatives), weight: 0.4 },
    { name: "abusive_texts_removed", value: s.legitimateRemoved, strength: 0, weight: 0 },
  ]);
  return {
    category: RiskCategory.RISK_CATEGORY_REVIEW_SUPPRESSION,
    subcategory: SELECTIVE_DELETION,
    subjectUserId: "",
    severity: severityOf(score),
    score,
    summary: `operators removed ${s.negativeRemoved} of ${s.negatives} negative reviews (${pct(negativeRate)}) but ${s.otherRemoved} of ${s.others} other comments (${pct(s.otherRemoved / s.others)}); one-sided Fisher p = ${pValue.toExponential(1)}; ${s.legitimateRemoved} abusive texts removed are not counted`,
    signals,
    evidence: s.evidence,
  };
}

function pct(x: number): string {
  return `${(100 * x).toFixed(1)}%`;
}
