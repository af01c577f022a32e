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
 * if (scores.DIVERSION >= 0.5) flag(comment);
 */
export { TEXT_LABELS, isTextLabel } from "./labels";
export type { TextLabel, TextScores } from "./labels";
export { normalizeText } from "./normalize";
export { TextClassifier } from "./text-classifier";
export { loadDefaultClassifier, loadClassifier, DEFAULT_MODEL_DIR } from "./load-default";
export { readModelArtifact, ARTIFACT_FORMAT } from "./model-artifact";
export type { ModelArtifact, ModelHeader, LabelParameters } from "./model-artifact";
export { TextClassifierError, ModelArtifactError, DatasetError, SeedDataError } from "./errors";
