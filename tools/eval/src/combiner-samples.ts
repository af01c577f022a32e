/**
 * Samples for fitting the falsification combiner: one labelled seed through the service's pipeline with the
 * combiner off, keeping the features of the windows the engine itself judges (`EngineDeps.onWindowJudged`, at
 * most one per room and kind a minute), the rooms' labels, and which rooms the rules alone already alerted at
 * MEDIUM or above.
 */
import { DEFAULT_ENGINE_CONFIG } from "@redline/engine";
import { InProcessTables, SettledPipeline } from "@redline/pipeline";
import { fixedPolicy } from "@redline/policy";
import { RiskCategory, Severity } from "@redline/proto";
import type { LabelledSeed } from "./labelled-evaluation";
import type { LabelledRoom } from "./labelled-scoring";
import { loadDefaultPolicy, PolicyRecorder } from "./policy-run";
import { feedThroughContract } from "./run-seed";

export type WindowKind = "views" | "likes" | "follows" | "orders";

export const LABEL_OF: Readonly<Record<WindowKind, string>> = { views: "FAKE_VIEWS", likes: "FAKE_LIKES", follows: "FAKE_FOLLOWS", orders: "FAKE_ORDERS" };

export interface WindowSample {
  kind: WindowKind;
  roomId: string;
  timeMs: number;
  x: number[];
}

export interface SeedSamples {
  /** e.g. `field:7001`. */
  seed: string;
  samples: WindowSample[];
  rooms: Map<string, LabelledRoom>;
  /** `roomId|subcategory` of every room the rules alerted at MEDIUM or above. */
  ruleAlerts: Set<string>;
}

export function sampleSeed(seed: string, seedNumber: number, generate: LabelledSeed, everyMs = 60_000): SeedSamples {
  const samples: WindowSample[] = [];
  const nextAt = new Map<string, number>();
  const onWindowJudged = (roomId: string, kind: WindowKind, timeMs: number, features: Float64Array): void => {
    const key = `${roomId}|${kind}`;
    if ((nextAt.get(key) ?? -Infinity) > timeMs) return;
    nextAt.set(key, timeMs + everyMs);
    samples.push({ kind, roomId, timeMs, x: Array.from(features, (v) => Math.round(v * 1e6) / 1e6) });
  };
  const pipeline = new SettledPipeline(
    { policy: fixedPolicy(loadDefaultPolicy()), engine: { falsification: { ...DEFAULT_ENGINE_CONFIG.falsification, useCombiner: false } }, deps: { onWindowJudged } },
    new InProcessTables({}),
  );
  const recorder = new PolicyRecorder();
  const rooms = new Map<string, LabelledRoom>();
  for (const chunk of generate(seedNumber).chunks) {
    feedThroughContract(chunk.events, pipeline, recorder);
    for (const room of chunk.rooms) rooms.set(room.roomId, room);
  }
  recorder.collect(pipeline.end());
  const ruleAlerts = new Set<string>();
  for (const a of recorder.alerts) if (a.category === RiskCategory.RISK_CATEGORY_DATA_FALSIFICATION && a.severity >= Severity.SEVERITY_MEDIUM) ruleAlerts.add(`${a.roomId}|${a.subcategory}`);
  return { seed, samples, rooms, ruleAlerts };
}
