/**
 * The declared seed split (README, "Seeds"). Detector authors may read and
 * debug on development seeds; reporting seeds are run only to report, never
 * to pick a pattern, threshold or tolerance.
 */
export const DEVELOPMENT_SEEDS: readonly number[] = [101, 102, 103];
export const REPORTING_SEEDS: readonly number[] = [9101, 9102, 9103];

export type SeedUse = "development" | "reporting" | "undeclared";

export function seedUse(seed: number): SeedUse {
  return DEVELOPMENT_SEEDS.includes(seed) ? "development" : REPORTING_SEEDS.includes(seed) ? "reporting" : "undeclared";
}
