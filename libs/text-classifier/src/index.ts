/**
 * @redline/text-classifier — scores live-room comments and reviews (Chinese
 * and English) for NEGATIVE_REVIEW, HARASSMENT, DIVERSION, PROHIBITED and
 * MINOR_RISK. Hashed character n-gram logistic regression with Platt
 * calibration; synchronous, one call per comment. See MODEL_CARD.md.
 *
 * @example
 * import { loadDefaultClassifier } from "@redline/text-classifier";
 * const classifier = loadDefaultClassifier();
 * const scores = classifier.classify("加我 V 信 abc123，私聊更便宜");
 * const thresholds = loadThresholdConfig(process.env, classifier.thresholds);
 * if (flaggedLabels(scores, thresholds).includes("DIVERSION")) flag(comment);
 */
export { TEXT_LABELS, LABEL_COUNT, isTextLabel } from "./labels";
export type { TextLabel, TextScores } from "./labels";
export { normalizeText } from "./normalize";
export { TextClassifier, lengthNorm } from "./text-classifier";
export { loadDefaultClassifier, loadClassifier, DEFAULT_MODEL_DIR, DEFAULT_MODEL_NAME } from "./load-default";
export { readModelArtifact, weightsDigest, weightsToBytes, ARTIFACT_FORMAT, DEFAULT_LENGTH_EXPONENT } from "./model-artifact";
// For the trainer (tools/train-classifier), which must extract exactly the features scored here.
export { extractFeatures, FEATURE_SPEC_VERSION, MAX_FEATURES_PER_TEXT } from "./features";
export type { ModelArtifact, ModelHeader, LabelParameters } from "./model-artifact";
export type { LabelExplanation, FeatureContribution } from "./explain";
export { parseThresholds, loadThresholdConfig, flaggedLabels, THRESHOLDS_ENV } from "./thresholds";
export type { LabelThresholds } from "./thresholds";
export { TextClassifierError, ModelArtifactError, ThresholdConfigError } from "./errors";
