/**
 * @redline/eval — offline evaluation of the engine's detectors, and of the
 * default action policy run beside them, against the simulator's ground
 * truth; `npm run eval` runs `dist/main.js`.
 *
 * @example
 * const scoring = scoreRooms(truth, alerts);
 * console.log(scoring.perSubcategory.FAKE_LIKES.recall);
 * const policy = scorePolicy(rooms, alerts, actions, ageStatements);
 * console.log(policy.innocent.roomsWithSevere); // issue 5's target: 0
 */
export { evaluate, TUNING_SEEDS, EVALUATION_SEEDS, SWEEP_SEEDS } from "./evaluation";
export type { EvaluationReport } from "./evaluation";
export { scoreRooms, recallByIntensity, weakestDetected, confusion, median, SUBCATEGORIES } from "./metrics";
export type { Confusion, Detection, RoomScoring, IntensityBucket } from "./metrics";
export { runSeed } from "./run-seed";
export type { SeedResult } from "./run-seed";
export { renderMarkdown } from "./report";
export { evaluateContent, runContentSeeds, CONTENT_TUNING_SEEDS, CONTENT_DEVELOPMENT_SEEDS, CONTENT_EVALUATION_SEEDS } from "./content-evaluation";
export type { ContentEvaluationReport, ContentRun } from "./content-evaluation";
export { scoreContent, keyOf, CONTENT_CATEGORIES } from "./content-scoring";
export type { ContentScoring } from "./content-scoring";
export { renderContentMarkdown } from "./content-report";
export { scorePolicy, actionTable, labelCoverage, blockDelayEvents, kindName, SEVERE_ACTION_KINDS, KEY_ROOM_SUBCATEGORY, UNDERAGE_KEY } from "./policy-scoring";
export type { PolicyScoring, PolicyRoom, AgeStatement, ActionCount, LabelCoverage } from "./policy-scoring";
export { PolicyRecorder, pipelineWithPolicy, loadDefaultPolicy, DEFAULT_POLICY_PATH } from "./policy-run";
export { renderPolicySection } from "./policy-report";
