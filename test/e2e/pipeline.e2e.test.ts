import { join } from "node:path";
import { credentials, Metadata, status as GrpcStatus } from "@grpc/grpc-js";
import { loadConfig as dispatcherConfig, startDispatcher, type Dispatcher } from "@redline/action-dispatcher";
import { loadConfig as gatewayConfig, startGateway, type RunningGateway } from "@redline/alert-gateway";
import { ClickHouseEvidenceStore } from "@redline/archive";
import { loadConfig as archiverConfig, startArchiver, type Archiver } from "@redline/archiver";
import { ident, sql } from "@redline/clickhouse";
import { silentLogger } from "@redline/common";
import { RecordingControlPlane } from "@redline/demo-platform";
import { demoScenario } from "@redline/demo-feed";
import { encodeMessage } from "@redline/events";
import { RecordProducer } from "@redline/kafka";
import {
  ActionKind,
  AlertStreamClient,
  LiveEvent,
  RiskCategory,
  type Alert,
  type TailResponse,
} from "@redline/proto";
import { loadConfig as engineConfig, startRiskEngine, type RiskEngineService } from "@redline/risk-engine";
import {
  findTracePath,
  initTelemetry,
  injectKafkaHeaders,
  InMemorySpanExporter,
  loadTelemetryConfig,
  spanRecordOf,
  SpanKind,
  withSpan,
  type Telemetry,
} from "@redline/telemetry";
import { ensurePipelineTopics, pipelineEnv, publishEvents, randomId, testClickHouse, testKafka, waitFor } from "@redline/test-helpers";

const POLICY = join(__dirname, "..", "..", "deploy", "policy", "default-policy.json");
const TOKEN = "e2e-inspector-token-0123456789";
const SEED = 7;

/** Sum of a Prometheus metric's samples (counters, or a histogram's _count) in an exposition text. */
function metricTotal(text: string, name: string): number {
  let total = 0;
  for (const line of text.split("\n")) {
    if (line.startsWith(`${name}{`) || line.startsWith(`${name} `)) total += Number(line.slice(line.lastIndexOf(" ") + 1));
  }
  return total;
}

describe("the whole pipeline, end to end, on the real broker and ClickHouse", () => {
  const kafka = testKafka();
  const exporter = new InMemorySpanExporter();
  const prefix = `${randomId("e2e")}.`;
  const database = randomId("e2e_archive");
  const telemetry: Record<string, Telemetry> = {};
  let producer: RecordProducer;
  let platform: RecordingControlPlane;
  let engine: RiskEngineService;
  let dispatcher: Dispatcher;
  let archiver: Archiver;
  let gateway: RunningGateway;
  let tail: AlertStreamClient;

  beforeAll(async () => {
    const { inputs } = await ensurePipelineTopics(kafka, prefix, 3);
    for (const name of ["risk-engine", "action-dispatcher", "archiver", "alert-gateway", "demo-platform"]) {
      telemetry[name] = await initTelemetry(loadTelemetryConfig({ REDLINE_METRICS_PORT: "0" }, name), {
        logger: silentLogger,
        spanExporters: [exporter],
      });
    }
    platform = new RecordingControlPlane({ metrics: telemetry["demo-platform"]!.metrics });
    const platformPort = await platform.start();
    const env = {
      ...pipelineEnv({ prefix, inputs, policyFile: POLICY, controlPlanePort: platformPort, gatewayTokens: `inspector-1:inspector:${TOKEN}`, clickhouseDatabase: database }),
      REDLINE_ENGINE_SNAPSHOT_INTERVAL_MS: "2000",
    };
    producer = await RecordProducer.connect(kafka, silentLogger);
    archiver = await startArchiver(archiverConfig(env), { logger: silentLogger, telemetry: telemetry.archiver! });
    engine = await startRiskEngine(engineConfig(env), { logger: silentLogger, telemetry: telemetry["risk-engine"]! });
    dispatcher = await startDispatcher(dispatcherConfig(env), { logger: silentLogger, telemetry: telemetry["action-dispatcher"]! });
    const ch = testClickHouse(database);
    gateway = await startGateway(gatewayConfig(env), {
      logger: silentLogger,
      evidence: new ClickHouseEvidenceStore(ch),
      telemetry: telemetry["alert-gateway"]!,
    });
    tail = new AlertStreamClient(`127.0.0.1:${gateway.port}`, credentials.createInsecure());
  });

  afterAll(async () => {
    tail?.close();
    await gateway?.stop();
    await dispatcher?.stop();
    await engine?.stop();
    await archiver?.stop();
    await platform?.stop();
    await producer?.disconnect();
    for (const t of Object.values(telemetry)) await t.shutdown();
    await testClickHouse(null).exec(sql`DROP DATABASE IF EXISTS ${ident(database)}`);
  });

  it("turns known attacks into alerts, actions on the platform, an archive, metrics and one trace", async () => {
    // Inspectors tail minor-protection alerts from the live end, before traffic starts.
    const metadata = new Metadata();
    metadata.set("authorization", `Bearer ${TOKEN}`);
    const tailed: Alert[] = [];
    const stream = tail.tail({ rooms: [], categories: [RiskCategory.RISK_CATEGORY_MINOR_PROTECTION], minSeverity: 0, cursor: "" }, metadata);
    stream.on("data", (r: TailResponse) => tailed.push(r.alert!));
    stream.on("error", (e: { code?: number }) => expect(e.code).toBe(GrpcStatus.CANCELLED));
    await new Promise((r) => setTimeout(r, 500));

    // The demo scenario, moved into the recent past so the whole thing is a backlog.
    const scenario = demoScenario(SEED, Date.now() - 45 * 60_000);
    const underageRoom = `demo-${SEED}-underage`;
    const underageStart = scenario.events.find((e) => e.roomId === underageRoom)!;
    const rest = scenario.events.filter((e) => e !== underageStart);
    // The platform publishes the under-age streamer's room start inside a trace of its own.
    await withSpan("platform.publish", { kind: SpanKind.PRODUCER }, async () => {
      const enc = encodeMessage(LiveEvent, underageStart, "protobuf");
      await producer.send(`${prefix}live.rooms`, [
        { key: underageRoom, value: enc.value, headers: injectKafkaHeaders({ "content-type": enc.contentType }) },
      ]);
    });
    await publishEvents(producer, prefix, rest);

    // The platform receives the stream block for the under-age streamer, and actions for attacked rooms.
    await waitFor(
      () => platform.calls.some((c) => c.action.roomId === underageRoom && c.action.kind === ActionKind.ACTION_KIND_BLOCK_STREAM),
      { what: "BLOCK_STREAM for the under-age streamer", timeoutMs: 120_000 },
    );
    const attacked = scenario.rooms.filter((r) => (r.truth?.labels.length ?? 0) > 0).map((r) => r.roomId);
    await waitFor(() => platform.appliedOrder.some((id) => attacked.includes(platform.appliedAction(id)!.roomId)), {
      what: "an action on an attacked room",
      timeoutMs: 120_000,
    });
    const innocent = [`demo-${SEED}-flash-sale`, `demo-${SEED}-ordinary`, `demo-${SEED}-consented-17`];
    expect(platform.calls.filter((c) => innocent.includes(c.action.roomId))).toEqual([]);
    const block = platform.calls.find((c) => c.action.kind === ActionKind.ACTION_KIND_BLOCK_STREAM)!.action;

    // Tail showed the minor-protection alert and nothing of other categories.
    await waitFor(() => tailed.some((a) => a.roomId === underageRoom && a.subcategory === "STREAMER_UNDERAGE"), {
      what: "the STREAMER_UNDERAGE alert on Tail",
    });
    expect(tailed.every((a) => a.category === RiskCategory.RISK_CATEGORY_MINOR_PROTECTION)).toBe(true);
    stream.cancel();

    // ClickHouse holds the alerts, the actions and the evidence behind a falsification alert.
    const db = testClickHouse(database);
    await waitFor(async () => {
      const rows = await db.query<{ n: string }>(sql`SELECT count() AS n FROM ${ident("actions")} FINAL WHERE action_id = ${block.actionId}`);
      return Number(rows[0]!.n) === 1;
    }, { what: "the block archived", timeoutMs: 60_000 });
    const falsification = await waitFor(async () => {
      const rows = await db.query<{ alert_id: string }>(
        sql`SELECT alert_id FROM ${ident("alerts")} FINAL WHERE category = 'RISK_CATEGORY_DATA_FALSIFICATION' LIMIT 1`,
      );
      return rows[0]?.alert_id;
    }, { what: "a falsification alert archived", timeoutMs: 60_000 });
    const evidence = await waitFor(async () => {
      const e = await new ClickHouseEvidenceStore(db).getEvidence(falsification);
      return e && e.events.length > 0 ? e : undefined;
    }, { what: "its evidence events archived", timeoutMs: 60_000 });
    expect(evidence.events.map((e) => e.eventId)).toEqual(
      evidence.alert.evidenceEventIds.filter((id) => !evidence.missingEventIds.includes(id)),
    );
    const got = await new Promise<unknown>((resolve, reject) =>
      tail.getEvidence({ alertId: falsification }, metadata, (err, res) => (err ? reject(err) : resolve(res))),
    );
    expect((got as { events: unknown[] }).events.length).toBe(evidence.events.length);

    // Every service's Prometheus endpoint counted what happened.
    const scrape = async (name: string) => (await fetch(telemetry[name]!.metricsUrl!)).text();
    expect(metricTotal(await scrape("risk-engine"), "redline_events_consumed_total")).toBeGreaterThan(1000);
    expect(metricTotal(await scrape("risk-engine"), "redline_alerts_total")).toBeGreaterThan(0);
    expect(metricTotal(await scrape("action-dispatcher"), "redline_actions_total")).toBeGreaterThan(0);
    expect(metricTotal(await scrape("archiver"), "redline_clickhouse_batch_rows_count")).toBeGreaterThan(0);
    expect(metricTotal(await scrape("alert-gateway"), "redline_grpc_server_latency_ms_count")).toBeGreaterThan(0);
    expect(metricTotal(await scrape("demo-platform"), "redline_grpc_server_latency_ms_count")).toBeGreaterThan(0);

    // One trace runs from the platform's publish of the room start to the Apply of the block.
    const path = await waitFor(() => {
      const spans = exporter.getFinishedSpans().map(spanRecordOf);
      return findTracePath(spans, "platform.publish", "ControlPlane/Apply");
    }, { what: "a trace from the input event to Apply" });
    const names = path.map((s) => s.name);
    expect(names[0]).toBe("platform.publish");
    expect(names).toContain(`kafka.consume ${prefix}live.rooms`);
    expect(names).toContain("engine.score");
    expect(names).toContain(`kafka.produce ${prefix}actions`);
    expect(names).toContain("dispatch.apply");
    expect(names[names.length - 1]).toBe("ControlPlane/Apply");
  });
});
