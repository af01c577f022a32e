/**
 * Runs seeds of any room-labelling generator through the input contract into
 * the service's pipeline with the default policy, and scores the
 * falsification alerts per label at MEDIUM or above (what the policy acts on)
 * and at any severity. The independent generator and the simulator's
 * randomised attacks are both read with it.
 */
import { RiskCategory } from "@redline/proto";
import type { LiveEvent } from "@redline/proto";
import type { InProcessTablesOptions } from "@redline/pipeline";
import { scoreLabelledRooms, type LabelledRoom, type LabelledScoring } from "./labelled-scoring";
import { pipelineWithPolicy, PolicyRecorder } from "./policy-run";
import { feedThroughContract } from "./run-seed";

export interface LabelledReport {
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

/** One seed's traffic: its events in time order, in one or more chunks, and its rooms' labels. */
export type LabelledSeed = (seed: number) => { chunks: Iterable<{ events: readonly LiveEvent[]; rooms: readonly LabelledRoom[] }> };

export function evaluateLabelled(generator: string, seeds: readonly number[], generate: LabelledSeed, log: (line: string) => void, tables: InProcessTablesOptions = {}): LabelledReport {
  const rooms: LabelledRoom[] = [];
  const recorder = new PolicyRecorder();
  let events = 0;
  for (const seed of seeds) {
    const startedAt = Date.now();
    // One pipeline per seed, as one per partition in the service: no state crosses seeds.
    const pipeline = pipelineWithPolicy(undefined, tables);
    let seedEvents = 0;
    for (const chunk of generate(seed).chunks) {
      seedEvents += feedThroughContract(chunk.events, pipeline, recorder).events;
      rooms.push(...chunk.rooms);
    }
    recorder.collect(pipeline.end());
    events += seedEvents;
    log(`eval: ${generator.split(" ")[0]} seed ${seed}: ${seedEvents} events, ${Date.now() - startedAt} ms`);
  }
  const innocent = new Set(rooms.filter((r) => r.label === null).map((r) => r.roomId));
  const acted = new Set(recorder.actions.filter((a) => a.category === RiskCategory.RISK_CATEGORY_DATA_FALSIFICATION && innocent.has(a.roomId)).map((a) => a.roomId));
  return {
    generator,
    seeds: [...seeds],
    events,
    rooms: rooms.length,
    medium: scoreLabelledRooms(rooms, recorder.alerts),
    anySeverity: scoreLabelledRooms(rooms, recorder.alerts, 0),
    innocentRoomsWithFalsificationAction: acted.size,
    innocentRooms: innocent.size,
  };
}
