/**
 * The evaluation: default-intensity seeds for precision, recall and delay,
 * and full-range intensity seeds for recall against intensity.
 */
import { DEFAULT_ENGINE_CONFIG } from "@redline/engine";
import type { Alert, ControlAction } from "@redline/proto";
import type { RoomTruth } from "@redline/simulator";
import { median, recallByIntensity, round, scoreRooms, weakestDetected } from "./metrics";
import type { IntensityBucket, RoomScoring } from "./metrics";
import { runSeed } from "./run-seed";
import { keyOf } from "./content-scoring";
import { loadDefaultPolicy } from "./policy-run";
import { scorePolicy } from "./policy-scoring";
import type { AgeStatement, PolicyRoom, PolicyScoring } from "./policy-scoring";

/** Seeds the detector thresholds were tuned on; never evaluated here. */
export const TUNING_SEEDS = [1, 2, 3];
export const EVALUATION_SEEDS = [101, 102, 103, 104, 105];
export const SWEEP_SEEDS = [201, 202];

interface RunSummary {
  modelVersion: string | undefined;
  events: number;
  rooms: number;
  attackedRooms: number;
  lateEvents: number;
  invalidEvents: number;
  scoring: RoomScoring;
  /** What the default policy did with the alerts. */
  policy: PolicyScoring;
}

export interface EvaluationReport {
  modelVersion: string;
  policyVersion: string;
  tuningSeeds: number[];
  evaluationSeeds: number[];
  sweepSeeds: number[];
  default: RunSummary & { byStyle: Array<{ style: string; attacks: number; recall: number; medianDelayS: number | null }> };
  sweep: RunSummary & { recallByIntensity: IntensityBucket[]; weakest: ReturnType<typeof weakestDetected> };
}

function policyRoomOf(t: RoomTruth): PolicyRoom {
  const group = t.hardNegative !== null ? `hard negative: ${t.hardNegative}` : t.labels.length > 0 ? "attacked" : `organic: ${t.size}`;
  return { roomId: t.roomId, group, labels: t.labels.map((l) => keyOf(l.category, l.subcategory)) };
}

function runAll(seeds: readonly number[], strength: [number, number] | undefined, log: (line: string) => void): RunSummary {
  const truth: RoomTruth[] = [];
  const alerts: Alert[] = [];
  const actions: ControlAction[] = [];
  const ageStatements: AgeStatement[] = [];
  let events = 0;
  let lateEvents = 0;
  let invalidEvents = 0;
  for (const seed of seeds) {
    const started = Date.now();
    const r = runSeed(strength === undefined ? { seed } : { seed, strength });
    truth.push(...r.truth);
    alerts.push(...r.alerts);
    actions.push(...r.actions);
    ageStatements.push(...r.ageStatements);
    events += r.events;
    lateEvents += r.lateEvents;
    invalidEvents += r.invalidEvents;
    log(`eval: seed ${seed}: ${r.events} events, ${r.truth.length} rooms, ${r.alerts.length} alerts, ${r.actions.length} actions (${Date.now() - started} ms)`);
  }
  return { modelVersion: alerts[0]?.modelVersion, events, rooms: truth.length, attackedRooms: truth.filter((t) => t.labels.length > 0).length, lateEvents, invalidEvents, scoring: scoreRooms(truth, alerts), policy: scorePolicy(truth.map(policyRoomOf), alerts, actions, ageStatements) };
}

export function evaluate(log: (line: string) => void): EvaluationReport {
  const def = runAll(EVALUATION_SEEDS, undefined, log);
  const styles = [...new Set(def.scoring.detections.map((d) => d.style))].sort();
  const byStyle = styles.map((style) => {
    const ds = def.scoring.detections.filter((d) => d.style === style);
    const delays = ds.filter((d) => d.delayS !== null).map((d) => d.delayS!);
    const m = median(delays);
    return { style, attacks: ds.length, recall: round(ds.filter((d) => d.detected).length / ds.length), medianDelayS: m === null ? null : round(m, 1) };
  });
  const sweep = runAll(SWEEP_SEEDS, [0, 1], log);
  return {
    // The engine may extend its configured version (e.g. with the text model's); report what alerts carry.
    modelVersion: def.modelVersion ?? DEFAULT_ENGINE_CONFIG.modelVersion,
    policyVersion: loadDefaultPolicy().policyVersion,
    tuningSeeds: TUNING_SEEDS,
    evaluationSeeds: EVALUATION_SEEDS,
    sweepSeeds: SWEEP_SEEDS,
    default: { ...def, byStyle },
    sweep: { ...sweep, recallByIntensity: recallByIntensity(sweep.scoring.detections), weakest: weakestDetected(sweep.scoring.detections) },
  };
}
