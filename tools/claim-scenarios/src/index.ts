/**
 * @redline/claim-scenarios — independent scenarios for the misleading-claims
 * detector (#22), written blind from the issue and the threat model in
 * docs/claims-threat-model.md: SKU facts, zh/en streamer transcript segments,
 * and per-segment truth with hard negatives. Imports nothing from the project.
 * Development seeds may be looked at; reporting seeds are for reports only.
 *
 * @example
 * import { generateClaimScenarios, DEFAULT_SCENARIO_OPTIONS, REPORTING_SEEDS } from "@redline/claim-scenarios";
 * const { facts, segments, truth } = generateClaimScenarios({ ...DEFAULT_SCENARIO_OPTIONS, seed: REPORTING_SEEDS[0] });
 */
export { generateClaimScenarios } from "./generate";
export { checkClaim, PERCENT_RELATIVE_TOLERANCE, RICH_IN_MIN_PERCENT, WAS_PRICE_WINDOW_MS } from "./check-claim";
export { DEVELOPMENT_SEEDS, REPORTING_SEEDS, seedUse } from "./seeds";
export type { SeedUse } from "./seeds";
export { summarize } from "./summary";
export type { ScenarioManifest } from "./summary";
export { CERTIFICATION_CODES, DEFAULT_SCENARIO_OPTIONS, HARD_NEGATIVE_KINDS, MISLEADING_KINDS } from "./types";
export type {
  AuthorizationStatus,
  BrandAuthorization,
  Certification,
  CertificationCode,
  Claim,
  ClaimKind,
  ClaimScenarios,
  Contradiction,
  FactField,
  HardNegativeKind,
  Ingredient,
  Lang,
  MisleadingKind,
  Named,
  NetQuantity,
  Origin,
  PriceChannel,
  PricePoint,
  ScenarioOptions,
  SegmentKind,
  SegmentLabel,
  Severity,
  SkuFacts,
  TranscriptSegment,
  SegmentTruth,
} from "./types";
