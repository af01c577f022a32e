import { ThresholdConfigError } from "./errors";
import { isTextLabel, TEXT_LABELS, type TextLabel, type TextScores } from "./labels";

/**
 * Per-label decision thresholds (issue 14). The artifact's header carries
 * 0.5 for every label; an operator moves a label's operating point with
 * `REDLINE_TEXT_THRESHOLDS=DIVERSION=0.7,HARASSMENT=0.6` rather than by
 * rescaling scores. MODEL_CARD.md says what each threshold means in
 * precision and recall.
 */
export type LabelThresholds = Readonly<Record<TextLabel, number>>;

export const THRESHOLDS_ENV = "REDLINE_TEXT_THRESHOLDS";

/** `LABEL=value[,LABEL=value...]`; `source` names the setting in errors. An empty string sets nothing. */
export function parseThresholds(spec: string, source: string): Partial<Record<TextLabel, number>> {
  const out: Partial<Record<TextLabel, number>> = {};
  for (const part of spec.split(",").map((p) => p.trim()).filter((p) => p !== "")) {
    const [label, value, ...rest] = part.split("=").map((s) => s.trim());
    if (label === undefined || value === undefined || rest.length > 0 || !isTextLabel(label)) {
      throw new ThresholdConfigError(`${source}: "${part}" is not LABEL=value with LABEL one of ${TEXT_LABELS.join(", ")}`, { source });
    }
    const threshold = Number(value);
    if (value === "" || !Number.isFinite(threshold) || threshold <= 0 || threshold >= 1) {
      throw new ThresholdConfigError(`${source}: threshold for ${label} must be a number between 0 and 1 (exclusive), got "${value}"`, { source, label });
    }
    out[label] = threshold;
  }
  return out;
}

/** The thresholds of `defaults` (the artifact's) with the operator's overrides from `env` on top. */
export function loadThresholdConfig(env: Readonly<Record<string, string | undefined>>, defaults: LabelThresholds): LabelThresholds {
  return Object.freeze({ ...defaults, ...parseThresholds(env[THRESHOLDS_ENV] ?? "", THRESHOLDS_ENV) });
}

/** The labels whose score reaches its threshold, in TEXT_LABELS order. */
export function flaggedLabels(scores: TextScores, thresholds: LabelThresholds): TextLabel[] {
  return TEXT_LABELS.filter((label) => scores[label] >= thresholds[label]);
}
