/**
 * Thresholds of the content detectors (review suppression, minor protection,
 * text risks). Minimum counts and effect-size floors are set from what a
 * reviewer would call a pattern, not fitted; the few ramps were tuned on the
 * content simulator's seeds 1-3, then checked on development seeds 101-108
 * and 201-210; the reported numbers use seeds 301-310 (docs/eval/content.md).
 */
import { parseThresholds, THRESHOLDS_ENV, type TextLabel } from "@redline/text-classifier";

export interface ContentConfig {
  /**
   * Classifier probability at or above which a text counts as having a label, for a label the scorer's
   * artifact names no threshold for (a test's fake scorer): the artifact's own threshold comes first.
   */
  labelThreshold: number;
  /**
   * An operator's per-label thresholds (`REDLINE_TEXT_THRESHOLDS`, issue 14), each replacing the artifact's
   * threshold (and `labelThreshold` and `offenceThreshold`) for its label: a label moved to a new domain's
   * operating point moves everywhere the engine reads it. MINOR_RISK's stricter `minorRiskThreshold` stays.
   */
  labelThresholds: Readonly<Partial<Record<TextLabel, number>>>;
  /**
   * Probability at or above which a text counts towards REPEAT_OFFENDER and ROOM_FLOOD, for a label the
   * artifact names no threshold for; otherwise the artifact's. The model's own threshold: the minimum counts
   * (several texts, several authors) are what keep one ambiguous text from firing; 0.7 missed more offenders
   * on the tuning seeds without removing any false alert.
   */
  offenceThreshold: number;
  /** Texts remembered per room for joining moderation to them; older ones are forgotten (FIFO). */
  maxTextsPerRoom: number;
  /** Authors whose recent text ids are remembered per room (for mutes and blocks). */
  maxAuthorsPerRoom: number;
  /** A mute or block removes the author's texts posted this long before it. */
  muteLookbackMs: number;

  /** SELECTIVE_DELETION: removed negative reviews needed before testing at all. */
  minRemovedNegatives: number;
  /** ...and negative reviews and other comments seen. */
  minNegatives: number;
  minOtherComments: number;
  /**
   * One-sided Fisher exact p-value at or below which the removal rates differ. Strict because it is
   * evaluated at every removed negative review: 1e-3 fired on an honest room's early fluctuation.
   */
  maxPValue: number;
  /** Effect-size floors: negative-review removal rate over the other comments' (smoothed)... */
  minRateRatio: number;
  /** ...and minus it. Both must hold, so a big honest room deleting slightly more complaints never fires. */
  minRateDifference: number;

  /** Window of the per-author and per-room text counts. */
  textWindowMs: number;
  /** REPEAT_OFFENDER: texts of one label at offenceThreshold by one author within textWindowMs. */
  repeatOffenderTexts: number;
  /** ROOM_FLOOD: flagged texts left standing (not removed within floodGraceMs) within textWindowMs... */
  floodTexts: number;
  /** ...from at least this many authors... */
  floodAuthors: number;
  /** ...while the operator removed less than this share of the flagged texts it had time to judge. */
  floodMaxRemovedShare: number;
  floodGraceMs: number;
  /** Standing texts one author adds to a flood at most: one loud account is a repeat offender, not a flood. */
  floodTextsPerAuthor: number;

  /**
   * MINOR_RISK probability at or above which a text counts towards MINOR_HARMFUL_CONTENT. Stricter than
   * the other labels: the model card notes that bare words about children ("kids", 小朋友) score high,
   * and parents shopping for their children say them all the time (tuned on content seeds 1-3).
   */
  minorRiskThreshold: number;
  /** MINOR_HARMFUL_CONTENT per room: MINOR_RISK texts at offenceThreshold within textWindowMs, from at least minorRoomAuthors authors. */
  minorRoomTexts: number;
  minorRoomAuthors: number;
  /** MINOR_HARMFUL_CONTENT per author. */
  minorAuthorTexts: number;
}

export const DEFAULT_CONTENT_CONFIG: Readonly<ContentConfig> = Object.freeze({
  labelThreshold: 0.5,
  labelThresholds: Object.freeze({}),
  offenceThreshold: 0.5,
  maxTextsPerRoom: 4_096,
  maxAuthorsPerRoom: 4_096,
  muteLookbackMs: 5 * 60_000,
  minRemovedNegatives: 5,
  minNegatives: 10,
  minOtherComments: 20,
  maxPValue: 1e-4,
  minRateRatio: 3,
  minRateDifference: 0.15,
  textWindowMs: 10 * 60_000,
  repeatOffenderTexts: 3,
  floodTexts: 12,
  floodAuthors: 4,
  floodMaxRemovedShare: 0.5,
  floodGraceMs: 60_000,
  floodTextsPerAuthor: 2,
  minorRiskThreshold: 0.9,
  minorRoomTexts: 3,
  minorRoomAuthors: 2,
  minorAuthorTexts: 3,
});

/** A model's decision threshold per label, as its artifact header gives them (TextScorer.thresholds). */
export type ArtifactThresholds = Readonly<Partial<Record<TextLabel, number>>> | undefined;

/** Probability at or above which a text counts as having `label`: the operator's, else the artifact's, else labelThreshold. */
export function labelThresholdOf(c: Readonly<ContentConfig>, label: TextLabel, artifact?: ArtifactThresholds): number {
  return c.labelThresholds[label] ?? artifact?.[label] ?? c.labelThreshold;
}

/** Probability at or above which a text of `label` counts towards REPEAT_OFFENDER and ROOM_FLOOD (same order). */
export function offenceThresholdOf(c: Readonly<ContentConfig>, label: TextLabel, artifact?: ArtifactThresholds): number {
  return c.labelThresholds[label] ?? artifact?.[label] ?? c.offenceThreshold;
}

/**
 * An operator's thresholds change decisions, so they belong to the model an alert names: `+thresholds-` and the
 * labels' values sorted by label (`+thresholds-HARASSMENT=0.6,NEGATIVE_REVIEW=0.4`); "" when the artifact's stand.
 */
export function operatorThresholdsTag(c: Readonly<ContentConfig>): string {
  const set = Object.entries(c.labelThresholds).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return set.length === 0 ? "" : `+thresholds-${set.map(([label, v]) => `${label}=${String(v)}`).join(",")}`;
}

/**
 * The content settings for an operator's `REDLINE_TEXT_THRESHOLDS` (`LABEL=value,...`); the defaults when it is
 * unset or empty. Throws ThresholdConfigError naming the setting and the part it cannot read.
 */
export function contentConfigForThresholds(spec: string | undefined, source = THRESHOLDS_ENV): Readonly<ContentConfig> {
  const labelThresholds = parseThresholds(spec ?? "", source);
  return Object.keys(labelThresholds).length === 0 ? DEFAULT_CONTENT_CONFIG : Object.freeze({ ...DEFAULT_CONTENT_CONFIG, labelThresholds: Object.freeze(labelThresholds) });
}
