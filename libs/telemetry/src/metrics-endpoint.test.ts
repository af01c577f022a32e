import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createJsonLogger } from "@redline/common";
import { loadTelemetryConfig } from "./config";
import { initTelemetry, type Telemetry } from "./init-telemetry";
import { consumerMetricsOn } from "./consumer-metrics";

async function scrape(telemetry: Telemetry): Promise<string> {
  const res = await fetch(`http://127.0.0.1:${telemetry.metricsPort}/metrics`);
  expect(res.status).toBe(200);
  return res.text();
}

function sample(body: string, series: string): number | undefined {
  const line = body.split("\n").find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1).trim().split(" ")[0]);
}

describe("Prometheus endpoint", () => {
  let telemetry: Telemetry;
  const logLines: Array<Record<string, unknown>> = [];
  beforeEach(async () => {
    logLines.length = 0;
    const logger = createJsonLogger({ write: (l) => logLines.push(JSON.parse(l) as Record<string, unknown>) });
    telemetry = await initTelemetry(loadTelemetryConfig({ REDLINE_METRICS_PORT: "0" }, "test-service"), { logger });
  });
  afterEach(() => telemetry.shutdown());

  it("binds a random port readable from the handle and serves counters after they move", async () => {
    expect(telemetry.metricsPort).toBeGreaterThan(0);
    expect(telemetry.metricsUrl).toBe(`http://127.0.0.1:${telemetry.metricsPort}/metrics`);
    // A parent process that started the service on port 0 finds the port in its log.
    expect(logLines.find((l) => l.msg === "metrics endpoint listening")).toMatchObject({ port: telemetry.metricsPort });
    const consumer = consumerMetricsOn(telemetry.instruments);
    consumer.recordsConsumed("live.comments", 3);
    consumer.recordsConsumed("live.comments", 2);
    const m = telemetry.metrics;
    m.grpcClientCall("ControlPlane/Apply", "OK", 12);
    m.eventToActionLatencyMs("STREAM_BLOCK", 1500);

    const body = await scrape(telemetry);
    expect(sample(body, 'redline_events_consumed_total{topic="live.comments"}')).toBe(5);
    expect(sample(body, 'redline_grpc_client_latency_ms_count{method="ControlPlane/Apply",code="OK"}')).toBe(1);
    expect(sample(body, 'redline_grpc_client_latency_ms_bucket{method="ControlPlane/Apply",code="OK",le="25"}')).toBe(1);
    expect(sample(body, 'redline_grpc_client_latency_ms_bucket{method="ControlPlane/Apply",code="OK",le="10"}')).toBe(0);
    expect(sample(body, 'redline_event_to_action_latency_ms_sum{kind="STREAM_BLOCK"}')).toBe(1500);
    expect(body).toContain('service_name="test-service"');
  });

  it("shares an instrument by name, and drops a gauge's label sets once forgotten", async () => {
    const { instruments } = telemetry;
    instruments.counter("test_things_total", "things").add(2, { kind: "a" });
    instruments.counter("test_things_total", "things, asked for again").add(1, { kind: "a" });
    const lag = instruments.gauge("test_lag", "lag");
    lag.set(5, { topic: "t", partition: "1" });
    lag.set(7, { topic: "t", partition: "2" });
    lag.set(6, { partition: "1", topic: "t" }); // the same label set, named in another order
    lag.set(1, { topic: "t", partition: "3" });
    instruments.histogram("test_ms", "time", "ms", [1, 10]).record(4);
    lag.forget((labels) => labels.partition === "3");
    const body = await scrape(telemetry);
    expect(sample(body, 'test_things_total{kind="a"}')).toBe(3);
    expect(sample(body, 'test_lag{topic="t",partition="1"}')).toBe(6);
    expect(sample(body, 'test_lag{topic="t",partition="2"}')).toBe(7);
    expect(sample(body, 'test_lag{topic="t",partition="3"}')).toBeUndefined();
    expect(sample(body, 'test_ms_bucket{le="10"}')).toBe(1);
  });

  it("stops reporting a forgotten gauge series that was already scraped (a revoked partition's lag and state bytes)", async () => {
    const lag = telemetry.instruments.gauge("test_owned_lag", "lag");
    lag.set(5, { partition: "1" });
    lag.set(9, { partition: "2" });
    expect(sample(await scrape(telemetry), 'test_owned_lag{partition="2"}')).toBe(9);
    lag.forget((labels) => labels.partition === "2");
    const body = await scrape(telemetry);
    expect(sample(body, 'test_owned_lag{partition="2"}')).toBeUndefined();
    expect(sample(body, 'test_owned_lag{partition="1"}')).toBe(5);
    // Owned again after a later rebalance: reported again, with its new value.
    lag.set(3, { partition: "2" });
    expect(sample(await scrape(telemetry), 'test_owned_lag{partition="2"}')).toBe(3);
  });

  it("binds the Kafka consumer's port, one counter per method: consumed, DLQ, decode failures and retries", async () => {
    const consumer = consumerMetricsOn(telemetry.instruments);
    consumer.recordsConsumed("live.gifts", 10);
    consumer.recordDeadLettered("live.gifts", "MISSING_FIELD");
    consumer.recordUndecodable("live.gifts", "MISSING_FIELD");
    consumer.recordDeadLettered("live.gifts", "HANDLER_FAILED");
    consumer.handlerRetried("live.gifts");
    const body = await scrape(telemetry);
    expect(sample(body, 'redline_events_consumed_total{topic="live.gifts"}')).toBe(10);
    expect(sample(body, 'redline_dlq_records_total{topic="live.gifts",reason="MISSING_FIELD"}')).toBe(1);
    expect(sample(body, 'redline_dlq_records_total{topic="live.gifts",reason="HANDLER_FAILED"}')).toBe(1);
    expect(sample(body, 'redline_decode_failures_total{topic="live.gifts",reason="MISSING_FIELD"}')).toBe(1);
    expect(sample(body, 'redline_decode_failures_total{topic="live.gifts",reason="HANDLER_FAILED"}')).toBeUndefined();
    expect(sample(body, 'redline_handler_retries_total{topic="live.gifts"}')).toBe(1);
  });

  it("answers 404 off the metrics path", async () => {
    const res = await fetch(`http://127.0.0.1:${telemetry.metricsPort}/other`);
    expect(res.status).toBe(404);
  });
});

describe("metrics endpoint that cannot bind", () => {
  let blocker: Server;
  beforeAll(async () => {
    blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen({ host: "127.0.0.1", port: 0 }, resolve));
  });
  afterAll(() => new Promise<void>((resolve) => blocker.close(() => resolve())));

  it("reports to the error handler and starts anyway", async () => {
    const taken = (blocker.address() as AddressInfo).port;
    const seen: string[] = [];
    const telemetry = await initTelemetry(loadTelemetryConfig({ REDLINE_METRICS_PORT: String(taken) }, "x"), {
      onError: (err) => seen.push(err.component),
    });
    try {
      expect(telemetry.metricsPort).toBeUndefined();
      expect(seen).toEqual(["metrics-endpoint"]);
      expect(telemetry.errors.count("metrics-endpoint")).toBe(1);
      consumerMetricsOn(telemetry.instruments).recordsConsumed("t", 1); // instruments still work without an endpoint
    } finally {
      await telemetry.shutdown();
    }
  });
});
