/**
 * The falsification detectors on the simulator's domain-randomised attacks
 * (parameters drawn from docs/threat-model.md §3, ranges frozen before any
 * detector work) and its twelve hard negatives. Reporting seeds only: no
 * seed of the randomised mode was used to choose a rule or a limit.
 */
import { simulate } from "@redline/simulator";
import type { RoomTruth } from "@redline/simulator";
import { evaluateLabelled, type LabelledReport } from "./labelled-evaluation";
import type { LabelledRoom } from "./labelled-scoring";

export const RANDOMIZED_SEEDS = [601, 602, 603, 604] as const;

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

export function evaluateRandomized(seeds: readonly number[] = RANDOMIZED_SEEDS, log: (line: string) => void = () => undefined): LabelledReport {
  return evaluateLabelled("libs/simulator randomised attacks (threat-model ranges)", seeds, (seed) => ({
    chunks: (function* () {
      for (const block of simulate({ seed, randomized: true })) yield { events: block.events, rooms: block.truth.map(labelledRoom) };
    })(),
  }), log);
}
