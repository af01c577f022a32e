/**
 * @redline/eval — offline evaluation of the engine's detectors against the
 * simulator's ground truth; `npm run eval` runs `dist/main.js`.
 *
 * @example
 * const scoring = scoreRooms(truth, alerts);
 * console.log(scoring.perSubcategory.FAKE_LIKES.recall);
 */
export { evaluate, TUNING_SEEDS, EVALUATION_SEEDS, SWEEP_SEEDS } from "./evaluation";
export type { EvaluationReport } from "./evaluation";
export { scoreRooms, recallByIntensity, weakestDetected, confusion, median, SUBCATEGORIES } from "./metrics";
export type { Confusion, Detection, RoomScoring, IntensityBucket } from "./metrics";
export { runSeed } from "./run-seed";
export type { SeedResult } from "./run-seed";
export { renderMarkdown } from "./report";
export { evaluateContent, runContentSeeds, CONTENT_TUNING_SEEDS, CONTENT_DEVELOPMENT_SEEDS, CONTENT_EVALUATION_SEEDS } from "./content-evaluation";
export type { ContentEvaluationReport } from "./content-evaluation";
export { scoreContent, keyOf, CONTENT_CATEGORIES } from "./content-scoring";
export type { ContentScoring } from "./content-scoring";
export { renderContentMarkdown } from "./content-report";
