/**
 * The falsification detectors on the simulator's domain-randomised attacks
 * (parameters drawn from docs/threat-model.md §3, ranges frozen before any
 * detector work) and its twelve hard negatives. Development seeds (501-502,
 * 601-604) chose the follow floor and two limits; the report uses others.
 */
import type { InProcessTablesOptions } from "@redline/pipeline";
import { simulate } from "@redline/simulator";
import type { RoomTruth } from "@redline/simulator";
import { evaluateLabelled, type LabelledReport, type LabelledSeed } from "./labelled-evaluation";
import type { LabelledRoom } from "./labelled-scoring";

/**
 * Reporting seeds. 601-604 were the first report; reading it (a new-user campaign and a family drew alerts)
 * changed two limits, so they became development seeds beside 501-502 and the report moved to fresh seeds.
 */
export const RANDOMIZED_SEEDS = [611, 612, 613, 614] as const;

function labelledRoom(t: RoomTruth): LabelledRoom {
  const label = t.labels[0];
  return {
    roomId: t.roomId,
    label: label?.subcategory ?? null,
    hardNegative: t.hardNegative,
    attackStartMs: label?.attackStartMs ?? null,
    params: label?.params ?? {},
    shouldCatch: label?.shouldCatch ?? false,
  };
}

/** Development seeds: read and fitted on (the follow floor, two limits, the combiner); never reported. */
export const RANDOMIZED_DEVELOPMENT_SEEDS = [501, 502, 601, 602, 603, 604] as const;

/** One seed of the simulator's randomised attacks, labelled per room. */
export const randomizedSeed: LabelledSeed = (seed) => ({
  chunks: (function* () {
    for (const block of simulate({ seed, randomized: true })) yield { events: block.events, rooms: block.truth.map(labelledRoom) };
  })(),
});

export function evaluateRandomized(seeds: readonly number[] = RANDOMIZED_SEEDS, log: (line: string) => void = () => undefined, tables: InProcessTablesOptions = {}): LabelledReport {
  return evaluateLabelled("libs/simulator randomised attacks (threat-model ranges)", seeds, randomizedSeed, log, tables);
}
