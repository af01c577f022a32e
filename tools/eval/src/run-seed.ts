/**
 * One seed end to end, the way an operator would run it: simulate, write
 * each event as a proto3-JSON line, parse it back through the input
 * contract, and run the same pipeline as `redline replay`. In memory, so
 * the evaluation needs no temp files.
 */
import { parseLiveEventJson, REPLAY_LIMITS } from "@redline/events";
import { LiveEvent } from "@redline/proto";
import type { Alert } from "@redline/proto";
import { RiskEngine, RiskPipeline } from "@redline/engine";
import { simulate } from "@redline/simulator";
import type { RoomTruth, ScenarioOptions } from "@redline/simulator";

export interface SeedResult {
  seed: number;
  events: number;
  alerts: Alert[];
  truth: RoomTruth[];
  lateEvents: number;
  invalidEvents: number;
}

export function runSeed(options: ScenarioOptions): SeedResult {
  const pipeline = new RiskPipeline(new RiskEngine());
  const alerts: Alert[] = [];
  const truth: RoomTruth[] = [];
  let events = 0;
  let invalidEvents = 0;
  const collect = (outputs: ReturnType<RiskPipeline["push"]>): void => {
    for (const o of outputs) if ("alert" in o) alerts.push(o.alert);
  };
  for (const hour of simulate(options)) {
    truth.push(...hour.truth);
    for (const e of hour.events) {
      events++;
      let parsed: LiveEvent;
      try {
        parsed = parseLiveEventJson(JSON.stringify(LiveEvent.toJSON(e)), REPLAY_LIMITS, 0);
      } catch {
        invalidEvents++;
        continue;
      }
      collect(pipeline.push(parsed));
    }
  }
  collect(pipeline.end());
  return { seed: options.seed, events, alerts, truth, lateEvents: pipeline.engine.counters().lateEvents, invalidEvents };
}
