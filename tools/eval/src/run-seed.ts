/**
 * One seed end to end, the way an operator would run it: simulate, write
 * each event as a proto3-JSON line, parse it back through the input
 * contract, and run the same pipeline as `redline replay --policy` with the
 * default policy. In memory, so the evaluation needs no temp files.
 */
import { parseLiveEventJson, REPLAY_LIMITS } from "@redline/events";
import { LiveEvent } from "@redline/proto";
import type { Alert, ControlAction } from "@redline/proto";
import { simulate } from "@redline/simulator";
import type { RoomTruth, ScenarioOptions } from "@redline/simulator";
import { pipelineWithPolicy, PolicyRecorder } from "./policy-run";
import type { AgeStatement } from "./policy-scoring";

export interface SeedResult {
  seed: number;
  events: number;
  /** Detector alerts (the policy's key-room alerts left out). */
  alerts: Alert[];
  actions: ControlAction[];
  ageStatements: AgeStatement[];
  truth: RoomTruth[];
  lateEvents: number;
  invalidEvents: number;
}

/**
 * Feeds simulated events through the input contract (JSON line out, parsed
 * back in) into the pipeline and the recorder; returns how many were fed and
 * how many the contract refused.
 */
export function feedThroughContract(
  events: Iterable<LiveEvent>,
  pipeline: ReturnType<typeof pipelineWithPolicy>,
  recorder: PolicyRecorder,
): { events: number; invalid: number } {
  let count = 0;
  let invalid = 0;
  for (const e of events) {
    count++;
    let parsed: LiveEvent;
    try {
      parsed = parseLiveEventJson(JSON.stringify(LiveEvent.toJSON(e)), REPLAY_LIMITS, 0);
    } catch {
      invalid++;
      continue;
    }
    recorder.observe(parsed);
    recorder.collect(pipeline.push(parsed));
  }
  return { events: count, invalid };
}

export function runSeed(options: ScenarioOptions): SeedResult {
  const pipeline = pipelineWithPolicy();
  const recorder = new PolicyRecorder();
  const truth: RoomTruth[] = [];
  let events = 0;
  let invalidEvents = 0;
  for (const hour of simulate(options)) {
    truth.push(...hour.truth);
    const fed = feedThroughContract(hour.events, pipeline, recorder);
    events += fed.events;
    invalidEvents += fed.invalid;
  }
  recorder.collect(pipeline.end());
  return { seed: options.seed, events, alerts: recorder.alerts, actions: recorder.actions, ageStatements: recorder.ageStatements(), truth, lateEvents: pipeline.engine.counters().lateEvents, invalidEvents };
}
