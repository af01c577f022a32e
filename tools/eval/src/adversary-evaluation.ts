/**
 * The falsification detectors on traffic this project's detector authors did
 * not write: tools/adversary, generated blind from docs/threat-model.md. Its
 * seeds are for this report only — nothing is tuned on them (issue 12).
 * Each seed runs through the input contract into the service's pipeline with
 * the default policy, exactly as the simulator's seeds do.
 */
import { DEFAULT_ADVERSARY_OPTIONS, generateAdversaryTraffic } from "@redline/adversary";
import { RiskCategory } from "@redline/proto";
import { scoreLabelledRooms, type LabelledRoom, type LabelledScoring } from "./labelled-scoring";
import { pipelineWithPolicy, PolicyRecorder } from "./policy-run";
import { feedThroughContract } from "./run-seed";

/** Reporting seeds of the independent generator; never used for fitting. */
export const ADVERSARY_SEEDS = [9001, 9002, 9003] as const;

export interface AdversaryReport {
  generator: string;
  seeds: number[];
  events: number;
  rooms: number;
  /** MEDIUM or above: what the default policy acts on. */
  medium: LabelledScoring;
  /** Any severity, for comparison. */
  anySeverity: LabelledScoring;
  /** Rooms without an attack that received a falsification action from the default policy. */
  innocentRoomsWithFalsificationAction: number;
  innocentRooms: number;
}

export function evaluateAdversary(seeds: readonly number[] = ADVERSARY_SEEDS, log: (line: string) => void = () => undefined): AdversaryReport {
  const rooms: LabelledRoom[] = [];
  const recorder = new PolicyRecorder();
  let events = 0;
  for (const seed of seeds) {
    const startedAt = Date.now();
    const traffic = generateAdversaryTraffic({ ...DEFAULT_ADVERSARY_OPTIONS, seed });
    // One pipeline per seed, as one per partition in the service: no state crosses seeds.
    const pipeline = pipelineWithPolicy();
    events += feedThroughContract(traffic.events, pipeline, recorder).events;
    recorder.collect(pipeline.end());
    for (const t of traffic.truth) rooms.push({ roomId: t.roomId, label: t.label, hardNegative: t.hardNegative, attackStartMs: t.attackStartMs, params: t.params, shouldCatch: t.shouldCatch });
    log(`eval: adversary seed ${seed}: ${traffic.events.length} events, ${traffic.truth.length} rooms, ${Date.now() - startedAt} ms`);
  }
  const innocent = new Set(rooms.filter((r) => r.label === null).map((r) => r.roomId));
  const acted = new Set(
    recorder.actions.filter((a) => a.category === RiskCategory.RISK_CATEGORY_DATA_FALSIFICATION && innocent.has(a.roomId)).map((a) => a.roomId),
  );
  return {
    generator: "tools/adversary (written blind from docs/threat-model.md; never read libs/engine, libs/simulator or tools/eval)",
    seeds: [...seeds],
    events,
    rooms: rooms.length,
    medium: scoreLabelledRooms(rooms, recorder.alerts),
    anySeverity: scoreLabelledRooms(rooms, recorder.alerts, 0),
    innocentRoomsWithFalsificationAction: acted.size,
    innocentRooms: innocent.size,
  };
}
