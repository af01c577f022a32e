/**
 * The content evaluation: content scenarios simulated per seed, written as
 * proto3-JSON lines and parsed back through the input contract, run
 * through the same pipeline as `redline replay --policy` with the default
 * policy; alerts scored per subcategory, actions by the policy scoring.
 */
import type { Alert, ControlAction } from "@redline/proto";
import { simulateContent } from "@redline/simulator";
import type { ContentRoomTruth } from "@redline/simulator";
import { keyOf, scoreContent } from "./content-scoring";
import type { ContentScoring } from "./content-scoring";
import { loadDefaultPolicy, pipelineWithPolicy, PolicyRecorder } from "./policy-run";
import { scorePolicy } from "./policy-scoring";
import { feedThroughContract } from "./run-seed";
import type { AgeStatement, PolicyScoring } from "./policy-scoring";

/** Seeds the content thresholds were tuned on; never in the reported numbers. */
export const CONTENT_TUNING_SEEDS = [1, 2, 3];
/**
 * Looked at after tuning, never reported again: 101-108 led to 3 minor-risk texts per room (and to a
 * Fisher bound of 1e-3, reverted when 201-210 showed it fire on an honest room's early fluctuation);
 * 201-210 led to counting a text towards its strongest risk label only. 301-310 were the first report;
 * their selective-deletion misses were analysed on 101-108 and 201-210 (one count per mute, against the
 * muted author's latest text), and the classifier gained seed batches written blind to the simulator.
 */
export const CONTENT_DEVELOPMENT_SEEDS = [
  101, 102, 103, 104, 105, 106, 107, 108, 201, 202, 203, 204, 205, 206, 207, 208, 209, 210, 301, 302, 303, 304, 305, 306, 307, 308, 309, 310,
];
export const CONTENT_EVALUATION_SEEDS = [401, 402, 403, 404, 405, 406, 407, 408, 409, 410];

export interface ContentEvaluationReport {
  modelVersion: string;
  tuningSeeds: number[];
  developmentSeeds: number[];
  evaluationSeeds: number[];
  events: number;
  rooms: number;
  labelledRooms: number;
  invalidEvents: number;
  scoring: ContentScoring;
  policyVersion: string;
  policy: PolicyScoring;
}

export interface ContentRun {
  truth: ContentRoomTruth[];
  /** Detector alerts (the policy's key-room alerts left out). */
  alerts: Alert[];
  actions: ControlAction[];
  ageStatements: AgeStatement[];
  events: number;
  invalidEvents: number;
  modelVersion: string;
}

export function runContentSeeds(seeds: readonly number[], log: (line: string) => void = () => {}): ContentRun {
  const truth: ContentRoomTruth[] = [];
  const alerts: Alert[] = [];
  const actions: ControlAction[] = [];
  const ageStatements: AgeStatement[] = [];
  let events = 0;
  let invalidEvents = 0;
  let modelVersion = "";
  for (const seed of seeds) {
    const started = Date.now();
    const pipeline = pipelineWithPolicy();
    modelVersion = pipeline.engine.modelVersion;
    const recorder = new PolicyRecorder();
    const sim = simulateContent({ seed });
    const fed = feedThroughContract(sim.events, pipeline, recorder);
    events += fed.events;
    invalidEvents += fed.invalid;
    recorder.collect(pipeline.end());
    truth.push(...sim.truth);
    alerts.push(...recorder.alerts);
    actions.push(...recorder.actions);
    ageStatements.push(...recorder.ageStatements());
    log(`content eval: seed ${seed}: ${sim.events.length} events, ${sim.truth.length} rooms, ${recorder.actions.length} actions (${Date.now() - started} ms)`);
  }
  return { truth, alerts, actions, ageStatements, events, invalidEvents, modelVersion };
}

export function evaluateContent(log: (line: string) => void = () => {}, seeds: readonly number[] = CONTENT_EVALUATION_SEEDS): ContentEvaluationReport {
  const r = runContentSeeds(seeds, log);
  return {
    modelVersion: r.modelVersion,
    tuningSeeds: CONTENT_TUNING_SEEDS,
    developmentSeeds: CONTENT_DEVELOPMENT_SEEDS,
    evaluationSeeds: [...seeds],
    events: r.events,
    rooms: r.truth.length,
    labelledRooms: r.truth.filter((t) => t.labels.length > 0).length,
    invalidEvents: r.invalidEvents,
    scoring: scoreContent(r.truth, r.alerts),
    policyVersion: loadDefaultPolicy().policyVersion,
    policy: scorePolicy(r.truth.map((t) => ({ roomId: t.roomId, group: t.scenario, labels: t.labels.map((l) => keyOf(l.category, l.subcategory)) })), r.alerts, r.actions, r.ageStatements),
  };
}
