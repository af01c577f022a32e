/**
 * @redline/simulator — seeded live-room traffic with room-level ground
 * truth: organic rooms of several sizes, hard negatives (flash sales, viral
 * spikes, families on one phone, devoted fans) and data-falsification
 * attacks in several styles and intensities; and, separately
 * (`simulateContent`), content scenarios: selective deletion of negative
 * reviews, minor streamers and tippers, diversion floods and repeat
 * offenders, with their hard negatives. It models platforms, not Redline's
 * detectors, and never imports the engine.
 *
 * With `randomized: true` (issue #12) every attack draws each parameter of
 * docs/threat-model.md §3 (share, timing, ramp, identities, and the kind's
 * own knobs) and its truth label carries them in `params`, with their bins,
 * and `shouldCatch` by the §3 rule; hard-negative rooms play every §4 crowd.
 * The ranges were frozen from the threat model before any detector was fitted.
 *
 * @example
 * for (const hour of simulate({ seed: 7 })) {
 *   for (const e of hour.events) out.write(JSON.stringify(LiveEvent.toJSON(e)) + "\n");
 *   for (const t of hour.truth) truth.write(JSON.stringify(t) + "\n");
 * }
 * const catchable = randomizedTruth({ seed: 7 }).filter((t) => t.labels.some((l) => l.shouldCatch));
 */
export { simulate, planHour, generateRoom, arrivalOrder, ATTACK_STYLES, SIMULATION_EPOCH_MS } from "./scenario";
export type { ScenarioOptions, RoomPlan, AttackStyle, SimulatedHour } from "./scenario";
export { Rng } from "./rng";
export type { RoomTruth, TruthLabel, RandomizedTruthLabel, AttackIntensity, HardNegative, RoomSize, Subcategory } from "./truth";
export { randomizedTruth, generateRandomizedRoom, planRandomized, RANDOMIZED_BLOCK_MS, RANDOMIZED_HARD_NEGATIVES } from "./randomized-scenario";
export type { RandomizedOptions, RandomizedRoomPlan } from "./randomized-scenario";
export { SUBCATEGORIES } from "./randomized-attacks";
export { shouldCatch } from "./should-catch";
export { simulateContent, CONTENT_SCENARIOS } from "./content-scenario";
export type { ContentScenarioOptions } from "./content-scenario";
export type { ContentRoomTruth, ContentLabel } from "./content-truth";
export { textOf } from "./texts";
export type { TextKind } from "./texts";
