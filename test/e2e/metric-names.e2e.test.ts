/**
 * Dashboards and alerting rules against what the services really expose (#19): runs the
 * pipeline on the real broker and ClickHouse, drives it through the paths that feed every
 * metric a panel or a rule reads (bad input, late input, Apply failures, a ClickHouse
 * outage, a state restore, a minute table nobody writes), scrapes every service's /metrics and fails on any name that a
 * dashboard or rule uses and no service exposes. The OpenTelemetry exporter prints a
 * metric only once it has a sample, so each path must really run.
 */
import { join } from "node:path";
import { silentLogger } from "@redline/common";
import { loadConfig as dispatcherConfig, startDispatcher, type Dispatcher } from "@redline/action-dispatcher";
import { loadConfig as gatewayConfig, startGateway, type RunningGateway } from "@redline/alert-gateway";
import { ClickHouseEvidenceStore } from "@redline/archive";
import { loadConfig as archiverConfig, startArchiver, type Archiver } from "@redline/archiver";
import { ident, sql } from "@redline/clickhouse";
import { RecordingControlPlane } from "@redline/demo-platform";
import { demoScenario } from "@redline/demo-feed";
import { dlqTopicFor, ensureTopics, RecordProducer } from "@redline/kafka";
import { loadConfig as engineConfig, startRiskEngine, type RiskEngineService } from "@redline/risk-engine";
import { initTelemetry, loadTelemetryConfig, type Telemetry } from "@redline/telemetry";
import {
  dashboardExpressions,
  ensurePipelineTopics,
  exposedLabels,
  exposedSeriesNames,
  labelsUsed,
  pipelineEnv,
  publishEvents,
  randomId,
  redlineSeriesNames,
  ruleExpressions,
  ruleFiles,
  TcpProxy,
  testClickHouse,
  testKafka,
  waitFor,
} from "@redline/test-helpers";

const POLICY = join(__dirname, "..", "..", "deploy", "policy", "default-policy.json");
const SERVICES = ["risk-engine", "action-dispatcher", "archiver", "alert-gateway", "demo-platform"] as const;

describe("every metric a dashboard or an alerting rule reads is exposed by a service", () => {
  const kafka = testKafka();
  const prefix = `${randomId("e2e.metrics")}.`;
  const database = randomId("e2e_metrics");
  const clickhousePort = Number(new URL(process.env.REDLINE_CLICKHOUSE_URL ?? "http://127.0.0.1:8123").port || 8123);
  const proxy = new TcpProxy("127.0.0.1", clickhousePort);
  const telemetry: Partial<Record<(typeof SERVICES)[number], Telemetry>> = {};
  let producer: RecordProducer | undefined;
  let platform: RecordingControlPlane | undefined;
  let engine: RiskEngineService | undefined;
  let dispatcher: Dispatcher | undefined;
  let archiver: Archiver | undefined;
  let gateway: RunningGateway | undefined;

  const scrapeAll = async (): Promise<string[]> => Promise.all(Object.values(telemetry).map(async (t) => (await fetch(t.metricsUrl!)).text()));
  const exposed = async (): Promise<Set<string>> => new Set((await scrapeAll()).flatMap((text) => [...exposedSeriesNames(text)]));

  beforeAll(async () => {
    const { inputs } = await ensurePipelineTopics(kafka, prefix);
    for (const name of SERVICES) {
      telemetry[name] = await initTelemetry(loadTelemetryConfig({ REDLINE_METRICS_PORT: "0" }, name), { logger: silentLogger, registerGlobal: false });
    }
    platform = new RecordingControlPlane({ metrics: telemetry["demo-platform"]!.metrics });
    const platformPort = await platform.start();
    const proxyPort = await proxy.start();
    // An account-risk table no crew detector writes (#21: the detector down): the engine waits on it a second, then goes on without it.
    const accountRisk = `${prefix}risk.account-risk`;
    await ensureTopics(kafka, [
      { topic: accountRisk, numPartitions: 1 },
      { topic: dlqTopicFor(accountRisk), numPartitions: 1 },
    ]);
    const env = {
      ...pipelineEnv({ prefix, inputs, policyFile: POLICY, controlPlanePort: platformPort, gatewayTokens: "inspector-1:inspector:metrics-e2e-token-0123456789", clickhouseDatabase: database }),
      REDLINE_ENGINE_SNAPSHOT_INTERVAL_MS: "1000",
      REDLINE_ENGINE_LAG_POLL_MS: "1000",
      REDLINE_ENGINE_READ_ACCOUNT_RISK: "true",
      REDLINE_ACCOUNT_RISK_TOPIC: accountRisk,
      REDLINE_ENGINE_TABLE_MAX_WAIT_MS: "1000",
    };
    producer = await RecordProducer.connect(kafka, silentLogger);
    // The archiver reaches ClickHouse through a proxy the test can cut.
    archiver = await startArchiver(archiverConfig({ ...env, REDLINE_CLICKHOUSE_URL: `http://127.0.0.1:${proxyPort}` }), {
      logger: silentLogger,
      telemetry: telemetry.archiver!,
    });
    engine = await startRiskEngine(engineConfig(env), { logger: silentLogger, telemetry: telemetry["risk-engine"]! });
    dispatcher = await startDispatcher(dispatcherConfig(env), { logger: silentLogger, telemetry: telemetry["action-dispatcher"]! });
    gateway = await startGateway(gatewayConfig(env), {
      logger: silentLogger,
      evidence: new ClickHouseEvidenceStore(testClickHouse(database)),
      telemetry: telemetry["alert-gateway"]!,
    });
  });

  afterAll(async () => {
    await gateway?.stop();
    await dispatcher?.stop();
    await engine?.stop();
    await archiver?.stop();
    await platform?.stop();
    await producer?.disconnect();
    await proxy.cut();
    for (const t of Object.values(telemetry)) await t.shutdown();
    await testClickHouse(null).exec(sql`DROP DATABASE IF EXISTS ${ident(database)}`);
  });

  // Added by Prometheus at scrape time (job, instance) or the histogram's own (le).
  const SCRAPE_LABELS = new Set(["job", "instance", "le"]);

  it("finds each dashboard and rule metric on some service's /metrics, with the labels the expressions group by", async () => {
    const used = new Map<string, string[]>(); // series name → where it is used
    const note = (names: Set<string>, where: string) => {
      for (const n of names) used.set(n, [...(used.get(n) ?? []), where]);
    };
    for (const d of dashboardExpressions()) note(redlineSeriesNames(d.expr), `${d.file}: ${d.panel}`);
    for (const r of ruleFiles()) note(redlineSeriesNames(r.text), r.file);
    // Guards the extraction itself: a dashboard parser that found nothing would pass vacuously.
    expect(used.size).toBeGreaterThan(15);

    // Apply fails twice first (apply retries, a client latency with a non-OK code).
    platform!.failNextCalls(2);
    const scenario = demoScenario(7, Date.now() - 45 * 60_000);
    await publishEvents(producer!, prefix, scenario.events);
    // A record no decoder accepts: dead-lettered and counted as a decode failure.
    await producer!.send(`${prefix}live.comments`, [{ key: "bad-room", value: Buffer.from("not a LiveEvent"), headers: {} }]);
    await waitFor(async () => (await exposed()).has("redline_actions_total"), { what: "actions delivered", timeoutMs: 120_000 });

    // Input an hour older than the watermark, in every room: late events.
    const late = scenario.events
      .filter((e, i, all) => all.findIndex((o) => o.roomId === e.roomId) === i)
      .map((e) => ({ ...e, eventId: `${e.eventId}-late`, eventTimeMs: e.eventTimeMs - 60 * 60_000 }));
    await publishEvents(producer!, prefix, late);

    // ClickHouse goes away under the archiver: failed inserts and handler retries; then it comes back.
    await waitFor(async () => (await exposed()).has("redline_clickhouse_batch_rows_count"), { what: "a first archive batch", timeoutMs: 60_000 });
    await proxy.cut();
    await publishEvents(producer!, prefix, late.map((e) => ({ ...e, eventId: `${e.eventId}-2` })));
    await waitFor(async () => (await exposed()).has("redline_clickhouse_failures_total"), { what: "a failed insert", timeoutMs: 60_000 });
    await proxy.restore();

    let missing: string[] = [];
    try {
      await waitFor(
        async () => {
          const names = await exposed();
          missing = [...used.keys()].filter((n) => !names.has(n)).sort();
          return missing.length === 0;
        },
        { what: "every used metric", timeoutMs: 60_000, intervalMs: 1000 },
      );
    } catch {
      // Reported below with where each missing name is used.
    }
    expect(missing.map((n) => `${n} (${used.get(n)!.join("; ")})`)).toEqual([]);

    // A `sum by (kind)` over a metric without `kind` draws one flat line instead of failing: check labels too.
    const labels = new Map<string, Set<string>>();
    for (const text of await scrapeAll()) exposedLabels(text, labels);
    const unlabelled: string[] = [];
    const expressions = [
      ...dashboardExpressions().map((d) => ({ where: `${d.file}: ${d.panel}`, expr: d.expr })),
      ...ruleExpressions().map((r) => ({ where: `rule ${r.alert}`, expr: r.expr })),
    ];
    expect(ruleExpressions().length).toBe(ruleFiles().reduce((n, r) => n + (r.text.match(/- alert: /g)?.length ?? 0), 0));
    for (const { where, expr } of expressions) {
      const names = [...redlineSeriesNames(expr)];
      if (names.length === 0) continue; // `up` alone: Prometheus' own series
      for (const label of labelsUsed(expr)) {
        if (!SCRAPE_LABELS.has(label) && !names.some((n) => labels.get(n)?.has(label))) unlabelled.push(`${label} on ${names.join("/")} (${where})`);
      }
    }
    expect(unlabelled).toEqual([]);
  }, 300_000);
});
