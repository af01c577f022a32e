import { createServer, type AddressInfo } from "node:net";
import type { Logger } from "@redline/common";
import { RecordingControlPlane } from "@redline/demo-platform";
import { decodeMessage } from "@redline/events";
import { dlqTopicFor, ensureTopics, partitionForKey } from "@redline/kafka";
import { PIPELINE_DEFAULTS } from "@redline/pipeline";
import { Alert } from "@redline/proto";
import type { Admin, Kafka } from "kafkajs";
import type { AckLog } from "./ack-log";
import type { LatencyPhaseResult } from "./bench-results";
import type { BenchSettings } from "./bench-settings";
import { committedTotal, spawnService, type ServiceChild } from "./engine-process";
import { BenchPhaseError } from "./errors";
import { phaseSamples, type AlertSeen, type ApplySeen } from "./latency-samples";
import { OpenLoopClient } from "./open-loop-client";
import { summarize } from "./percentiles";
import { sampleProcess } from "./proc-stat";
import { alignWithSnapshots, readSnapshotRecords, type SnapshotRecord } from "./snapshot-stalls";
import { TailReader } from "./tail-reader";
import { engineEnvFor } from "./throughput-phase";

export interface LatencySpec {
  root: string;
  kafka: Kafka;
  admin: Admin;
  prefix: string;
  settings: BenchSettings;
  maxPerSecond: number;
  policyFile: string;
  say: (line: string) => void;
  logger: Logger;
}

/** The bench's reader token on its own gateway (loopback only, gone with the run). */
const TAIL_TOKEN = "bench-tail-reader";
/** Trigger pairs (one early, one ordered) per second of load. */
const TRIGGERS_PER_SECOND = 4;
/** The first seconds of a phase are not counted: the engine and producer settle into the new rate. */
const WARMUP_MS = 3000;

/**
 * The engine, the dispatcher and the alert gateway as processes, a
 * ControlPlane, an alerts-topic reader and a Tail on the gateway in this process, and an open-loop producer at each share of the
 * measured maximum in turn (one topic; a phase's samples are the triggers
 * whose event time falls inside it).
 */
export async function runLatencyPhases(spec: LatencySpec): Promise<LatencyPhaseResult[]> {
  const { kafka, admin, prefix, settings } = spec;
  const topic = `${prefix}live`;
  const outcomes = `${prefix}action-outcomes`;
  const feedback = `${prefix}feedback`;
  await ensureTopics(kafka, [
    { topic: feedback, numPartitions: 1 },
    { topic, numPartitions: settings.partitions },
    { topic: outcomes, numPartitions: settings.partitions },
    { topic: dlqTopicFor(outcomes), numPartitions: 1 },
  ]);
  const baseEnv = await engineEnvFor({ kafka, prefix, inputTopic: topic, partitions: settings.partitions, policyFile: spec.policyFile, env: settings.engineEnv });
  // Info level for its "snapshot written" lines, which the phase lines up with the processing samples.
  const engineEnv: Record<string, string> = { ...baseEnv, REDLINE_LOG_LEVEL: settings.engineEnv.REDLINE_LOG_LEVEL ?? "info" };
  const applies: ApplySeen[] = [];
  const platform = new RecordingControlPlane({
    onCall: (call) => applies.push({ actionId: call.action.actionId, alertId: call.action.alertId, roomId: call.action.roomId, receivedAtMs: call.receivedAtMs }),
  });
  const port = await platform.start();
  const alerts = new Map<string, AlertSeen>();
  const alertReader = kafka.consumer({ groupId: `${prefix}alert-reader` });
  await alertReader.connect();
  await alertReader.subscribe({ topic: engineEnv.REDLINE_ALERTS_TOPIC!, fromBeginning: true });
  await alertReader.run({
    eachMessage: async ({ message }) => {
      const seenAtMs = Date.now();
      const a = decodeMessage(Alert, message.value!, "protobuf");
      if (!alerts.has(a.alertId)) alerts.set(a.alertId, { alertId: a.alertId, roomId: a.roomId, subcategory: a.subcategory, eventTimeMs: Number(a.eventTimeMs), seenAtMs });
    },
  });
  const load = new OpenLoopClient({ topic, partitions: settings.partitions, seed: settings.seed + 1, rooms: settings.rooms, zipfS: settings.zipfS, runId: prefix.replace(/\W/g, "").slice(-12) });
  await load.start();
  const children: ServiceChild[] = [];
  let tail: TailReader | undefined;
  try {
    const engine = spawnService(spec.root, "risk-engine", engineEnv, "latency-engine");
    children.push(engine);
    children.push(
      spawnService(
        spec.root,
        "action-dispatcher",
        {
          REDLINE_ACTIONS_TOPIC: engineEnv.REDLINE_ACTIONS_TOPIC!,
          REDLINE_ALERTS_TOPIC: engineEnv.REDLINE_ALERTS_TOPIC!,
          REDLINE_ACTION_OUTCOMES_TOPIC: outcomes,
          REDLINE_DISPATCHER_GROUP_ID: `${prefix}dispatcher`,
          REDLINE_CONTROL_PLANE_ADDRESS: `127.0.0.1:${port}`,
          REDLINE_ACTION_FEED_ADDRESS: "",
          REDLINE_METRICS_PORT: "off",
          REDLINE_LOG_LEVEL: "warn",
        },
        "latency-dispatcher",
      ),
    );
    const gatewayAddress = `127.0.0.1:${await freePort()}`;
    children.push(
      spawnService(
        spec.root,
        "alert-gateway",
        {
          REDLINE_ALERTS_TOPIC: engineEnv.REDLINE_ALERTS_TOPIC!,
          REDLINE_FEEDBACK_TOPIC: feedback,
          REDLINE_GATEWAY_ADDRESS: gatewayAddress,
          REDLINE_GATEWAY_TOKENS: `bench:reader:${TAIL_TOKEN}`,
          REDLINE_GATEWAY_EVIDENCE_STORE: "none",
          REDLINE_METRICS_PORT: "off",
          REDLINE_LOG_LEVEL: "warn",
        },
        "latency-gateway",
      ),
    );
    tail = new TailReader(gatewayAddress, TAIL_TOKEN);
    await tail.start(60_000);
    // The whole path is up when an early-fired block reaches the ControlPlane (and, on Tail, its alert).
    const probeRoom = await load.probe();
    await waitUntil(() => applies.some((a) => a.roomId === probeRoom), 90_000, "the first Apply (path warm-up)", children);
    const tailSeen = tail.seen;
    await waitUntil(() => [...tailSeen.values()].some((a) => a.roomId === probeRoom), 30_000, "the first alert on Tail", children);

    const pending: PendingPhase[] = [];
    let produced = 1;
    for (const share of settings.loadShares) {
      const perSecond = Math.round(spec.maxPerSecond * share);
      spec.say(`latency: ${Math.round(share * 100)} % of max = ${perSecond.toLocaleString("en-US")} events/s for ${settings.latencyPhaseSeconds} s`);
      const cpuBefore = sampleProcess(engine.pid).cpuSeconds;
      const run = await load.run(perSecond, settings.latencyPhaseSeconds, TRIGGERS_PER_SECOND);
      const cpuSeconds = sampleProcess(engine.pid).cpuSeconds - cpuBefore;
      produced += run.produced + Math.ceil((settings.latencyPhaseSeconds * TRIGGERS_PER_SECOND)) * 4;
      const lagAtEnd = Math.max(0, produced - (await committedTotal(admin, engineEnv.REDLINE_ENGINE_GROUP_ID!, topic)));
      pending.push({
        measured: {
          share,
          offeredPerSecond: perSecond,
          achievedPerSecond: (run.produced / (run.endedAtMs - run.startedAtMs)) * 1000,
          // The engine's CPU was sampled over the whole send, which outlasts the asked length when the generator falls behind.
          seconds: (run.endedAtMs - run.startedAtMs) / 1000,
          engineCpuSeconds: cpuSeconds,
          lagAtEnd,
          failedSends: run.failedSends,
        },
        // Triggers after the warm-up; the watermark passes the last ones on the next phase's records (or the settling trickle).
        window: { fromMs: run.startedAtMs + WARMUP_MS, toMs: run.startedAtMs + settings.latencyPhaseSeconds * 1000 },
      });
    }
    // The last phase's ordered triggers need the watermark to pass them: a low trickle moves it on.
    await load.run(Math.max(50, Math.round(spec.maxPerSecond * 0.01)), (PIPELINE_DEFAULTS.allowedLatenessMs + 10_000) / 1000, 0);
    const tailAlerts = tail.seen;
    if (tail.errors > 0) spec.say(`latency: the Tail stream ended with an error ${tail.errors} time(s) and was re-opened from its cursor`);
    const snapshots = readSnapshotRecords(engine.logFile);
    return pending.map((p) => finishPhase(p, applies, alerts, tailAlerts, load.acks, settings.partitions, snapshots));
  } finally {
    tail?.stop();
    for (const c of children) await c.stop(30_000);
    await load.stop();
    await alertReader.disconnect();
    await platform.stop();
  }
}

interface PendingPhase {
  measured: Pick<LatencyPhaseResult, "share" | "offeredPerSecond" | "achievedPerSecond" | "seconds" | "engineCpuSeconds" | "lagAtEnd" | "failedSends">;
  window: { fromMs: number; toMs: number };
}

function finishPhase(
  { measured, window }: PendingPhase,
  applies: readonly ApplySeen[],
  alerts: ReadonlyMap<string, AlertSeen>,
  tailAlerts: ReadonlyMap<string, AlertSeen>,
  acks: AckLog,
  partitions: number,
  snapshots: readonly SnapshotRecord[],
): LatencyPhaseResult {
  const s = phaseSamples({
    applies,
    alerts,
    tailAlerts,
    fromMs: window.fromMs,
    toMs: window.toMs,
    allowedLatenessMs: PIPELINE_DEFAULTS.allowedLatenessMs,
    partitionOf: (roomId) => partitionForKey(roomId, partitions),
    firstAckedAtOrAfter: (p, t) => acks.firstAckedAtOrAfter(p, t),
    earliestAckAtOrAfter: (p, t) => acks.earliestAckAtOrAfter(p, t),
  });
  return { ...measured, processing: summarize(s.processing), endToEnd: summarize(s.endToEnd), earlyEndToEnd: summarize(s.earlyEndToEnd), eventToAlert: summarize(s.eventToAlert), eventToTail: summarize(s.eventToTail), generatorLag: summarize(s.generatorLag), unmatchedApplies: s.unmatched, snapshots: alignWithSnapshots(s.processingSpans, snapshots, { fromMs: window.fromMs - WARMUP_MS, toMs: window.toMs }) };
}

/** A port free on loopback now, for the gateway (the bench may run beside a gateway on the default 7070). */
async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((res) => server.listen(0, "127.0.0.1", res));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((res) => server.close(() => res()));
  return port;
}

async function waitUntil(cond: () => boolean, timeoutMs: number, what: string, children: readonly ServiceChild[]): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!cond()) {
    const dead = children.find((c) => c.child.exitCode !== null || c.child.signalCode !== null);
    if (dead !== undefined) throw new BenchPhaseError("latency", `a service ended while waiting for ${what}`, { logFile: dead.logFile });
    if (Date.now() > deadline) throw new BenchPhaseError("latency", `no ${what} within ${timeoutMs} ms`, { logs: children.map((c) => c.logFile) });
    await new Promise((r) => setTimeout(r, 100));
  }
}
