import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { ClickHouseClient, ident, sql } from "@redline/clickhouse";
import type { Logger } from "@redline/common";
import { RecordingControlPlane } from "@redline/demo-platform";
import { DEFAULT_INPUT_TOPICS, DEFAULT_OUTPUT_TOPICS, encodeMessage } from "@redline/events";
import { createKafkaClient, dlqTopicFor, ensureTopics, loadKafkaConfig, partitionForKey } from "@redline/kafka";
import { Alert, LiveEvent, RoomEventKind } from "@redline/proto";
import { METRIC_NAMES } from "@redline/telemetry";
import { counterByLabel } from "../bad-input/accounting";
import { freePort, REPO_ROOT } from "../engine-process";
import { accountActions, accountInputs, accountRows, compareAlerts, failedRules, type ScenarioAccount } from "./accounting";
import { FaultSuiteError } from "./errors";
import { LoadGenerator } from "./load";
import { actionRecordOf, actionRecords, alertsOf, archivedIds, readTopics, replayedAlertIds, snapshotPositions, topicEnds } from "./observe";
import type { SuiteStack } from "./stack";
import { SERVICES, ServiceSupervisor, type ExitRecord, type ProcessLabel } from "./supervisor";

export const POLICY_FILE = join(REPO_ROOT, "deploy", "policy", "default-policy.json");
const PARTITIONS = 3;
/** How far past the last input event each partition's closing event lies: past every detector window, so the engine closes them as replay's end of input does. */
const SENTINEL_AHEAD_MS = 6 * 60_000;
const GATEWAY_TOKENS = Array.from({ length: 50 }, (_, i) => `faults-inspector-${i}-token-0123456789`);

/** Where the services run: the suite's own stack, or (integration tier) the shared one. */
export interface Targets {
  kafkaBrokers: string;
  /** For the suite's own reads. */
  clickhouseUrl: string;
  /** For the services, when it differs (the error proxy). */
  clickhouseServiceUrl?: string;
}

/** What a scenario's fault script may touch while the load runs. */
export interface FaultContext {
  supervisor: ServiceSupervisor;
  platform: RecordingControlPlane;
  /** Services' environment, for a fault that starts a client of its own (the gateway's tails). */
  env: Record<string, string>;
  gatewayPort: number;
  /** The suite's own stack, absent on the shared one (where nothing may be stopped). */
  stack: SuiteStack | undefined;
  logger: Logger;
  /** One gateway token per simulated inspector (50). */
  tokens: string[];
  /** Alerts on the alerts topic so far, with when each was published. */
  alertsPublished(): Promise<{ alertId: string; publishedAtMs: number }[]>;
  /** A process's /metrics text ("" when it does not answer). */
  metrics(label: ProcessLabel): Promise<string>;
  /** A rule of the scenario's own that broke (it fails the scenario). */
  fail(reason: string): void;
  /** Resolves after `ms`, or at once when the scenario is being torn down. */
  sleep(ms: number): Promise<void>;
}

export interface Scenario {
  name: string;
  /** The fault in words, for the report. */
  fault: string;
  /** How long the fault lasts, so the load can outlast it. */
  faultSeconds: number;
  /** Does the fault; resolves when everything it stopped is running again (and `risk-engine` is the engine left running). Returns notes for the report. */
  inject(ctx: FaultContext): Promise<string[]>;
}

export interface ScenarioOptions {
  targets: Targets;
  rate: number;
  /** Seconds of load; the fault starts `faultAtS` in. */
  loadSeconds: number;
  faultAtS: number;
  /** Event-time-ordered simulation lines (prepareLoadFile), long enough for the load. */
  loadFile: string;
  /** Longest wait after the load for everything to be applied, delivered and archived. */
  drainTimeoutMs: number;
  logDir: string;
  logger: Logger;
  /** Engine tuning a short run needs (a shorter idle timeout, snapshot interval). */
  extraEnv?: Record<string, string>;
  /** Options for node running each service (the soak's `--trace-gc`). */
  nodeArgs?: readonly string[];
  stack?: SuiteStack;
}

export interface ScenarioResult {
  name: string;
  fault: string;
  notes: string[];
  rate: number;
  loadSeconds: number;
  /** Input events per second the load generator achieved. */
  achievedRate: number;
  /** From the end of the load until every rule held (or the timeout). */
  drainMs: number;
  /** Counted by the last engine process (a killed one's count is gone with it). */
  lateEvents: number;
  account: ScenarioAccount;
  exits: ExitRecord[];
  failed: string[];
}

/** Polls `check`; a throw is a "not yet" unless `rethrow`. */
async function waitUntil(timeoutMs: number, intervalMs: number, check: () => Promise<boolean>, rethrow = false): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (await check().catch((err: unknown) => {
      if (rethrow) throw err;
      return false;
    })) return true;
    if (Date.now() >= deadline) return false;
    await new Promise((r) => setTimeout(r, intervalMs));
  }
}

async function scrape(port: number): Promise<string> {
  try {
    return await (await fetch(`http://127.0.0.1:${port}/metrics`)).text();
  } catch {
    return "";
  }
}

function roomOnPartition(p: number, base: string): string {
  for (let i = 0; ; i++) if (partitionForKey(`${base}-${i}`, PARTITIONS) === p) return `${base}-${i}`;
}

/**
 * One scenario, from fresh topics, group ids and database: the four services
 * as processes, the load, the fault at `faultAtS`, the end of the load, a
 * closing event per partition, the drain, and the accounting.
 */
export async function runScenario(scenario: Scenario, o: ScenarioOptions): Promise<ScenarioResult> {
  const runId = `faults-${scenario.name}-${Date.now().toString(36)}`;
  const prefix = `${runId}.`;
  const database = runId.replace(/[^a-zA-Z0-9_]/g, "_");
  const logger = o.logger.child(scenario.name);
  const kafka = createKafkaClient(loadKafkaConfig({ REDLINE_KAFKA_BROKERS: o.targets.kafkaBrokers }, "redline-faults"), logger.child("kafka"));
  const inputs = [...new Set(Object.values(DEFAULT_INPUT_TOPICS))].map((t) => prefix + t);
  // Every output topic a service may require, under the run's prefix (alerts, actions, feedback, delivery outcomes).
  const outputs = Object.values(DEFAULT_OUTPUT_TOPICS).map((t) => prefix + t);
  await ensureTopics(kafka, [
    ...[...inputs, ...outputs].map((topic) => ({ topic, numPartitions: PARTITIONS })),
    ...[...inputs, ...outputs].map((topic) => ({ topic: dlqTopicFor(topic), numPartitions: 1 })),
  ]);

  const platform = new RecordingControlPlane();
  const platformPort = await platform.start();
  const gatewayPort = await freePort();
  const metricsPorts = new Map<ProcessLabel, number>();
  for (const s of [...SERVICES, "risk-engine#2" as const]) metricsPorts.set(s, await freePort());
  const env: Record<string, string> = {
    REDLINE_KAFKA_BROKERS: o.targets.kafkaBrokers,
    REDLINE_CLICKHOUSE_URL: o.targets.clickhouseServiceUrl ?? o.targets.clickhouseUrl,
    REDLINE_CLICKHOUSE_DATABASE: database,
    REDLINE_INPUT_TOPICS: inputs.join(","),
    REDLINE_ALERTS_TOPIC: prefix + DEFAULT_OUTPUT_TOPICS.alerts,
    REDLINE_ACTIONS_TOPIC: prefix + DEFAULT_OUTPUT_TOPICS.actions,
    REDLINE_FEEDBACK_TOPIC: prefix + DEFAULT_OUTPUT_TOPICS.feedback,
    REDLINE_ACTION_OUTCOMES_TOPIC: `${prefix}risk.action-outcomes`,
    REDLINE_PRODUCTS_TOPIC: "off",
    REDLINE_ENGINE_GROUP_ID: `${prefix}engine`,
    REDLINE_DISPATCHER_GROUP_ID: `${prefix}dispatcher`,
    REDLINE_ARCHIVER_GROUP_ID: `${prefix}archiver`,
    REDLINE_POLICY_FILE: POLICY_FILE,
    REDLINE_CONTROL_PLANE_ADDRESS: `127.0.0.1:${platformPort}`,
    REDLINE_ACTION_FEED_ADDRESS: "",
    REDLINE_GATEWAY_ADDRESS: `127.0.0.1:${gatewayPort}`,
    REDLINE_GATEWAY_TOKENS: GATEWAY_TOKENS.map((t, i) => `faults-inspector-${i}:inspector:${t}`).join(","),
    REDLINE_METRICS_HOST: "127.0.0.1",
    ...(o.extraEnv ?? {}),
  };
  const alertsTopic = prefix + DEFAULT_OUTPUT_TOPICS.alerts;
  const actionsTopic = prefix + DEFAULT_OUTPUT_TOPICS.actions;
  const logDir = join(o.logDir, runId);
  const supervisor = new ServiceSupervisor((s) => ({ ...env, REDLINE_METRICS_PORT: String(metricsPorts.get(s)) }), logDir, 1000, o.nodeArgs ?? []);
  let tornDown = false;
  const sleep = (ms: number) =>
    new Promise<void>((resolve) => {
      const t = setTimeout(resolve, ms);
      const poll = setInterval(() => {
        if (tornDown) {
          clearTimeout(t);
          clearInterval(poll);
          resolve();
        }
      }, 200);
      setTimeout(() => clearInterval(poll), ms + 10);
    });

  let load: LoadGenerator | undefined;
  let passed = false;
  let loadStopping = false;
  try {
    for (const s of SERVICES) supervisor.start(s);
    const up = await waitUntil(60_000, 500, async () => {
      const failed = supervisor.crashes();
      if (failed.length > 0) throw new FaultSuiteError(`${failed[0]!.service} exited at start-up (${String(failed[0]!.result)}); log in ${logDir}`, { runId });
      return (await Promise.all(SERVICES.map(async (s) => (await scrape(metricsPorts.get(s)!)) !== ""))).every(Boolean);
    }, true);
    if (!up) throw new FaultSuiteError(`not every service answered /metrics within 60 s; logs in ${logDir}`, { runId });

    const loadStarted = Date.now();
    const notes: string[] = [];
    const loadOptions = { file: o.loadFile, rate: o.rate, topicPrefix: prefix, kafkaBrokers: o.targets.kafkaBrokers, logFile: join(logDir, "load.log") };
    let loadRestarts = 0;
    // `redline produce` gives up when the broker is gone longer than its retries last (a broker restart): it is started again on the rest of the file.
    const keepLoading = (running: LoadGenerator): void => {
      void running.exited.then(async () => {
        while (!loadStopping) {
          await new Promise((r) => setTimeout(r, 1000));
          const sent = await topicEnds(kafka, inputs).then((ends) => [...ends.values()].reduce((a, b) => a + b, 0), () => undefined);
          if (sent === undefined || loadStopping) continue;
          loadRestarts++;
          load = LoadGenerator.start(loadOptions, sent);
          keepLoading(load);
          return;
        }
      });
    };
    load = LoadGenerator.start(loadOptions);
    keepLoading(load);
    const scenarioFailures: string[] = [];
    const alertsPublished = async () =>
      (await readTopics(kafka, [alertsTopic])).filter((r) => r.value !== null).map((r) => ({ alertId: alertsOf([r])[0]!.alertId, publishedAtMs: r.timestampMs }));
    const fault = (async () => {
      await sleep(o.faultAtS * 1000);
      const ctx: FaultContext = { supervisor, platform, env, gatewayPort, stack: o.stack, logger, tokens: GATEWAY_TOKENS, alertsPublished, metrics: (l) => scrape(metricsPorts.get(l)!), fail: (r) => scenarioFailures.push(r), sleep };
      notes.push(...(await scenario.inject(ctx)));
    })();
    await sleep(o.loadSeconds * 1000);
    loadStopping = true;
    await load.stop();
    if (loadRestarts > 0) notes.push(`load generator restarted ${loadRestarts} times on the rest of its input`);
    const loadMs = Date.now() - loadStarted;
    await fault;
    const loadEnds = await topicEnds(kafka, inputs);
    const loadRecords = [...loadEnds.values()].reduce((a, b) => a + b, 0);

    // Close every partition past the detectors' windows; its Kafka timestamp is its event time, so no skew.
    const lastInput = Date.now();
    const producer = kafka.producer();
    await producer.connect();
    for (let p = 0; p < PARTITIONS; p++) {
      const roomId = roomOnPartition(p, `${runId}-closing`);
      const event = LiveEvent.fromPartial({
        eventId: `${runId}-closing-${p}`,
        roomId,
        eventTimeMs: lastInput + SENTINEL_AHEAD_MS,
        platform: "faults",
        body: { $case: "room", value: { kind: RoomEventKind.ROOM_EVENT_KIND_UPDATED, followerCount: 1 } },
      });
      const enc = encodeMessage(LiveEvent, event, "protobuf");
      await producer.send({
        topic: `${prefix}${DEFAULT_INPUT_TOPICS.room}`,
        acks: -1,
        messages: [{ key: roomId, partition: p, value: enc.value, headers: { "content-type": enc.contentType }, timestamp: String(event.eventTimeMs) }],
      });
    }
    await producer.disconnect();

    // Drain: the engine's snapshots cover every input, it holds nothing, every action reached the platform, ClickHouse has every alert,
    // action and cited event (the archiver copies an event archived after its alert when it arrives, for up to its evidence retry, 120 s).
    const drainStarted = Date.now();
    const ends = await topicEnds(kafka, inputs);
    const clickhouse = new ClickHouseClient({ url: o.targets.clickhouseUrl, database: null });
    const enginePort = metricsPorts.get("risk-engine")!;
    await waitUntil(o.drainTimeoutMs, 2000, async () => {
      const positions = await snapshotPositions(kafka, `${prefix}engine.state`, logger);
      if ([...ends].some(([tp, end]) => (positions.get(tp) ?? 0) < end)) return false;
      const held = counterByLabel(await scrape(enginePort), METRIC_NAMES.oldestUnappliedAgeMs, "partition");
      if (held.size < PARTITIONS || [...held.values()].some((v) => v > 0)) return false;
      const published = new Set(actionRecords(await readTopics(kafka, [actionsTopic])).map((a) => a.actionId));
      if ([...published].some((id) => platform.appliedAction(id) === undefined)) return false;
      const raised = alertsOf(await readTopics(kafka, [alertsTopic]));
      const archived = await archivedIds(clickhouse, database);
      const evidence = new Set(archived.evidence);
      const cited = raised.flatMap((a) => a.evidenceEventIds.map((id) => `${a.roomId}/${id}`));
      return new Set(archived.alerts).size >= new Set(raised.map((a) => a.alertId)).size && new Set(archived.actions).size >= published.size && cited.every((id) => evidence.has(id));
    });
    const drainMs = Date.now() - drainStarted;

    const positions = await snapshotPositions(kafka, `${prefix}engine.state`, logger);
    const engineMetrics = await scrape(enginePort);
    writeFileSync(join(logDir, "risk-engine.metrics"), engineMetrics);
    const held = counterByLabel(engineMetrics, METRIC_NAMES.oldestUnappliedAgeMs, "partition");
    const lateEvents = [...counterByLabel(engineMetrics, METRIC_NAMES.lateEvents, "partition").values()].reduce((a, b) => a + b, 0);
    const heldPartitions = held.size < PARTITIONS ? PARTITIONS : [...held.values()].filter((v) => v > 0).length;
    const deadLetters = await readTopics(kafka, inputs.map(dlqTopicFor));
    const inputRecords = await readTopics(kafka, inputs);
    const alerts = alertsOf(await readTopics(kafka, [alertsTopic]));
    const published = actionRecords(await readTopics(kafka, [actionsTopic]));
    const archived = await archivedIds(clickhouse, database);
    const evidenceCited = new Set(alerts.flatMap((a) => a.evidenceEventIds.map((id) => `${a.roomId}/${id}`)));
    const replayed = await replayedAlertIds(inputRecords, POLICY_FILE, logDir);
    await supervisor.stopAll();
    writeFileSync(join(logDir, "alerts.jsonl"), alerts.map((a) => JSON.stringify(Alert.toJSON(a))).join("\n") + "\n");
    const account: ScenarioAccount = {
      inputs: accountInputs(ends, positions, deadLetters.map((d) => d.headers["redline-dlq-reason"] ?? "NO_REASON"), heldPartitions),
      actions: accountActions(published, platform.calls.filter((c) => c.status !== "ERROR").map((c) => actionRecordOf(c.action))),
      archive: {
        alerts: accountRows(new Set(alerts.map((a) => a.alertId)), archived.alerts),
        actions: accountRows(new Set(published.map((a) => a.actionId)), archived.actions),
        evidence: accountRows(evidenceCited, archived.evidence.filter((id) => evidenceCited.has(id))),
      },
      alerts: compareAlerts(new Set(alerts.map((a) => a.alertId)), replayed),
      crashes: supervisor.crashes().length,
    };
    writeFileSync(join(logDir, "account.json"), JSON.stringify(account, null, 1));
    const failed = [...failedRules(account), ...scenarioFailures];
    passed = failed.length === 0;
    return {
      name: scenario.name,
      fault: scenario.fault,
      notes,
      rate: o.rate,
      loadSeconds: o.loadSeconds,
      achievedRate: loadRecords / (loadMs / 1000),
      drainMs,
      lateEvents,
      account,
      exits: supervisor.exits.map((e) => ({ ...e })),
      failed,
    };
  } finally {
    tornDown = true;
    loadStopping = true;
    await load?.stop();
    await supervisor.stopAll();
    await platform.stop();
    if (passed) await dropRun(kafka, prefix, o.targets.clickhouseUrl, database, logger);
    else logger.warn("scenario failed: its topics and database are kept for inspection", { prefix, database, logDir });
  }
}

/** Deletes the scenario's topics and database; the accounting is done by then. */
async function dropRun(kafka: ReturnType<typeof createKafkaClient>, prefix: string, clickhouseUrl: string, database: string, logger: Logger): Promise<void> {
  const admin = kafka.admin();
  try {
    await admin.connect();
    const topics = (await admin.listTopics()).filter((t) => t.startsWith(prefix));
    await admin.deleteTopics({ topics });
    await new ClickHouseClient({ url: clickhouseUrl, database: null }).exec(sql`DROP DATABASE IF EXISTS ${ident(database)}`);
  } catch (err) {
    // Best effort: a leftover topic or database costs disk, not correctness.
    logger.warn("could not drop the scenario's topics or database", { prefix, database, err });
  } finally {
    await admin.disconnect();
  }
}
