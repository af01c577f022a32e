/**
 * Which seeds of the blind crew generator the eval runs, and for what (#21).
 * The generator declares 201–203 for development; by session 11 the detector
 * found 129 of their 132 crews, so they no longer showed the kinds of miss the
 * reporting seeds have. 204–209 are more seeds of the same generator, also
 * for development only: read their misses, tune on them, never report them.
 */
import { DEVELOPMENT_SEEDS, REPORTING_SEEDS } from "@redline/crew-scenarios";

/** The seeds the detector was tuned on before session 12: the generator's own. */
export const FIRST_DEVELOPMENT_SEEDS: readonly number[] = DEVELOPMENT_SEEDS;

/** Every development seed: the generator's and 204–209. */
export const CREW_DEVELOPMENT_SEEDS: readonly number[] = [...DEVELOPMENT_SEEDS, 204, 205, 206, 207, 208, 209];

/** Reporting seeds: run once per kept change, never looked at while tuning. */
export const CREW_REPORTING_SEEDS: readonly number[] = REPORTING_SEEDS;

/** Throws when a development seed is also a reporting seed: tuning on it would make its numbers worthless. */
export function checkSeedsDisjoint(development: readonly number[], reporting: readonly number[]): void {
  const shared = development.filter((s) => reporting.includes(s));
  if (shared.length > 0) throw new Error(`seeds ${shared.join(", ")} are declared for both development and reporting; pick development seeds outside ${reporting.join(", ")}`);
}
