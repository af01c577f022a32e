import { execFile } from "node:child_process";
import { resolve } from "node:path";
import { promisify } from "node:util";
import { SpanKind } from "@opentelemetry/api";
import { JsonTraceSerializer } from "@opentelemetry/otlp-transformer";
import { InMemorySpanExporter } from "@opentelemetry/sdk-trace-base";
import { loadTelemetryConfig } from "./config";
import { initTelemetry } from "./init-telemetry";
import { OtlpTestCollector } from "./otlp-test-collector";
import { extractKafkaContext, injectKafkaHeaders } from "./propagation";
import { findTracePath, spanRecordOf, type SpanRecord } from "./span-records";
import { withSpan } from "./spans";

const ROOT = resolve(__dirname, "..", "..", "..");

/**
 * A plain Node process (no jest vm) running this package from source: the OTLP
 * HTTP exporter loads `http` with a dynamic import, which jest's vm refuses, so
 * the real export path is only exercisable outside jest — as in production.
 */
const CHILD_SCRIPT = `
const Module = require("node:module");
const fs = require("node:fs");
const path = require("node:path");
const swc = require("@swc/core");
const ROOT = ${JSON.stringify(ROOT)};
const resolveFilename = Module._resolveFilename;
Module._resolveFilename = function (request, ...rest) {
  const m = /^@redline\\/([a-z-]+)$/.exec(request);
  if (m) return path.join(ROOT, "libs", m[1], "src", "index.ts");
  try { return resolveFilename.call(this, request, ...rest); }
  catch (err) { if (request.startsWith(".")) return resolveFilename.call(this, request + ".ts", ...rest); throw err; }
};
Module._extensions[".ts"] = (mod, file) => {
  const out = swc.transformSync(fs.readFileSync(file, "utf8"), {
    filename: file, module: { type: "commonjs" }, jsc: { target: "es2022", parser: { syntax: "typescript" } },
  });
  mod._compile(out.code, file);
};
const t = require(path.join(ROOT, "libs/telemetry/src/index.ts"));
(async () => {
  const telemetry = await t.initTelemetry(t.loadTelemetryConfig(process.env, "otlp-child"));
  const headers = t.withSpan(t.SPAN_NAMES.kafkaConsume("live.events"), { kind: t.SpanKind.CONSUMER }, () =>
    t.withSpan(t.SPAN_NAMES.engineScore, {}, () =>
      t.withSpan(t.SPAN_NAMES.kafkaProduce("risk.actions"), { kind: t.SpanKind.PRODUCER }, () => t.injectKafkaHeaders())));
  t.withSpan(t.SPAN_NAMES.dispatchApply, { parent: t.extractKafkaContext(headers) }, () =>
    t.withSpan(t.SPAN_NAMES.grpc("ControlPlane", "Apply"), { kind: t.SpanKind.CLIENT }, () => undefined));
  t.consumerMetricsOn(telemetry.instruments).recordsConsumed("live.events", 1);
  await telemetry.forceFlush();
  await telemetry.shutdown();
  process.stdout.write(JSON.stringify({ errors: telemetry.errors.count(), byComponent: Object.fromEntries(telemetry.errors.countsByComponent()) }));
})();
`;

async function runServiceProcess(env: Record<string, string>): Promise<{ errors: number; byComponent: Record<string, number> }> {
  const { stdout } = await promisify(execFile)(process.execPath, ["-e", CHILD_SCRIPT], {
    env: { ...process.env, REDLINE_METRICS_PORT: "off", ...env },
    cwd: ROOT,
    timeout: 60_000,
  });
  return JSON.parse(stdout) as { errors: number; byComponent: Record<string, number> };
}

describe("OTLP export to a collector", () => {
  let collector: OtlpTestCollector;
  beforeEach(async () => {
    collector = await OtlpTestCollector.start();
  });
  afterEach(() => collector.close());

  it("a service process exports one connected trace and its metrics over OTLP/HTTP JSON", async () => {
    expect(await runServiceProcess({ OTEL_EXPORTER_OTLP_ENDPOINT: collector.endpoint })).toEqual({ errors: 0, byComponent: {} });
    await collector.waitFor((spans) => spans.length === 5, 5_000);
    const path = findTracePath(collector.spans(), "kafka.consume live.events", "ControlPlane/Apply");
    expect(path?.map((s) => s.name)).toEqual([
      "kafka.consume live.events",
      "engine.score",
      "kafka.produce risk.actions",
      "dispatch.apply",
      "ControlPlane/Apply",
    ]);
    expect(new Set(collector.spans().map((s) => s.serviceName))).toEqual(new Set(["otlp-child"]));
    expect(collector.metricExports()).toBeGreaterThanOrEqual(1);
  });

  it("a collector that is down costs counted errors, not the process (it exits cleanly)", async () => {
    // Port 9 (discard) on loopback refuses connections.
    const result = await runServiceProcess({ OTEL_EXPORTER_OTLP_ENDPOINT: "http://127.0.0.1:9", REDLINE_OTLP_TIMEOUT_MS: "1000" });
    expect(result.errors).toBeGreaterThanOrEqual(1);
    // Exports fail ("exporter") and the flush/shutdown give up at their bound ("shutdown"); nothing else.
    expect(Object.keys(result.byComponent).every((c) => c === "exporter" || c === "shutdown")).toBe(true);
  });

  it("decodes the exporter's own JSON encoding (ids, parents, attributes, resource)", async () => {
    const exporter = new InMemorySpanExporter();
    const telemetry = await initTelemetry(loadTelemetryConfig({ REDLINE_METRICS_PORT: "off" }, "risk-engine"), { spanExporters: [exporter] });
    try {
      withSpan("outer", { kind: SpanKind.CONSUMER }, () => withSpan("inner", { attributes: { "redline.batch_size": 3 } }, () => undefined));
    } finally {
      await telemetry.shutdown();
    }
    const finished = exporter.getFinishedSpans();
    const res = await fetch(`${collector.endpoint}/v1/traces`, { method: "POST", body: JsonTraceSerializer.serializeRequest(finished) });
    expect(res.status).toBe(200);
    expect([...collector.spans()].sort((a, b) => a.name.localeCompare(b.name))).toEqual(
      finished.map(spanRecordOf).sort((a, b) => a.name.localeCompare(b.name)),
    );
  });
});

describe("findTracePath", () => {
  it("follows parents across spans from an in-memory exporter and fails on a broken hop", async () => {
    const exporter = new InMemorySpanExporter();
    const telemetry = await initTelemetry(loadTelemetryConfig({ REDLINE_METRICS_PORT: "off" }, "x"), { spanExporters: [exporter] });
    try {
      const headers = withSpan("a", {}, () => withSpan("b", {}, () => injectKafkaHeaders()));
      withSpan("c", { parent: extractKafkaContext(headers) }, () => undefined);
      withSpan("c", {}, () => undefined); // a second "c" in another trace must not confuse the search
      const records = exporter.getFinishedSpans().map(spanRecordOf);
      expect(findTracePath(records, "a", "c")?.map((s) => s.name)).toEqual(["a", "b", "c"]);

      const withoutB: SpanRecord[] = records.filter((s) => s.name !== "b");
      expect(findTracePath(withoutB, "a", "c")).toBeUndefined();
      expect(findTracePath(records, "c", "a")).toBeUndefined();
    } finally {
      await telemetry.shutdown();
    }
  });
});
