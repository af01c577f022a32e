import type { CeilingResult } from "./consumer-performance";
import type { HotFunction } from "./cpu-profile-summary";
import type { DrainResult } from "./engine-process";
import type { LatencySummary } from "./percentiles";
import type { ScaleOutResult } from "./scaleout-phase";
import type { SnapshotAlignment } from "./snapshot-stalls";
import type { TuningResult } from "./tuning-phase";

/** Everything one run measured, rendered by report.ts and kept as JSON beside the report. */
export interface BenchResults {
  startedAt: string;
  settings: Record<string, unknown>;
  machine: { cpus: string; cores: number; memoryGiB: number; loadAverageAtStart: readonly number[]; node: string; kafka: string; kafkajs: string; os: string };
  topic?: { name: string; records: number; bytes: number; fillMs: number; kinds: Array<{ kind: string; count: number; share: number }>; topRoomShare: number; top10RoomsShare: number };
  ceilings: CeilingResult[];
  engine: Array<{ name: string; result: DrainResult }>;
  latency: LatencyPhaseResult[];
  /** Hottest functions of the engine in the first throughput run (--profile). */
  profile?: { file: string; byPackage: Array<{ pkg: string; selfShare: number }>; functions: HotFunction[] };
  /** Engine settings compared on the same topic, interleaved (`--only tuning`). */
  tuning?: { topic: string; rounds: number; results: TuningResult[]; profiles?: Record<string, { byPackage: Array<{ pkg: string; selfShare: number }>; functions: HotFunction[] }> };
  /** One engine process against two, a second joining and being killed (`--only scaleout`). */
  scaleOut?: ScaleOutResult & { env: Record<string, string> };
  notes: string[];
}

export interface LatencyPhaseResult {
  share: number;
  offeredPerSecond: number;
  achievedPerSecond: number;
  /** How long the phase's load took to send: the asked length, or longer when the load generator fell behind. */
  seconds: number;
  /** Produce time (broker acknowledgement) of the record that moved the watermark past the triggering event, to Apply at the ControlPlane. */
  processing: LatencySummary;
  /** Triggering record's produce time to Apply (includes the lateness hold). */
  endToEnd: LatencySummary;
  /** Early-fired rules (stated age, a minor's tip): the event's produce time to Apply. */
  earlyEndToEnd: LatencySummary;
  /** Triggering record's produce time to the alert read from the alerts topic. */
  eventToAlert: LatencySummary;
  /** The load generator's own delay: a triggering record's acknowledgement less its event time (the tick that meant to send it). */
  generatorLag: LatencySummary;
  /** Same, to the alert on the gateway's Tail. */
  eventToTail?: LatencySummary;
  engineCpuSeconds: number;
  /** Input records not yet committed by the engine when the phase's producer stopped (held events count: about rate × lateness). */
  lagAtEnd: number;
  /** Open-loop sends the broker refused (their events are missing from the load; should be 0). */
  failedSends: number;
  /** Applies whose alert the bench never saw (should be 0). */
  unmatchedApplies: number;
  /** The engine's snapshots in the phase and the processing samples with and without one in their wait (#15). */
  snapshots?: SnapshotAlignment;
}
