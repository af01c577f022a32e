import { Metadata } from "@grpc/grpc-js";
import type { IncomingHttpHeaders } from "node:http2";
import { SpanKind, trace } from "@opentelemetry/api";
import { InMemorySpanExporter } from "@opentelemetry/sdk-trace-base";
import { loadTelemetryConfig } from "./config";
import { initTelemetry, type Telemetry } from "./init-telemetry";
import { extractGrpcContext, extractKafkaContext, injectGrpcMetadata, injectKafkaHeaders } from "./propagation";
import { SPAN_NAMES, withSpan } from "./spans";

const TRACEPARENT = /^00-([0-9a-f]{32})-([0-9a-f]{16})-0([01])$/;

async function start(ratio: string, exporter: InMemorySpanExporter): Promise<Telemetry> {
  const env = { REDLINE_METRICS_PORT: "off", REDLINE_TRACE_SAMPLE_RATIO: ratio };
  return initTelemetry(loadTelemetryConfig(env, "propagation-test"), { spanExporters: [exporter] });
}

describe("trace context over Kafka headers and gRPC metadata", () => {
  const exporter = new InMemorySpanExporter();
  let telemetry: Telemetry;
  beforeEach(async () => {
    exporter.reset();
    telemetry = await start("1", exporter);
  });
  afterEach(() => telemetry.shutdown());

  it("a consumer span extracted from produced headers is the producer span's child in the same trace", () => {
    const headers = withSpan(SPAN_NAMES.kafkaProduce("risk.alerts"), { kind: SpanKind.PRODUCER }, () =>
      injectKafkaHeaders({ "content-type": "application/x-protobuf" }),
    );
    expect(headers["content-type"]).toBe("application/x-protobuf");
    expect(headers.traceparent).toMatch(TRACEPARENT);

    withSpan(SPAN_NAMES.kafkaConsume("risk.alerts"), { kind: SpanKind.CONSUMER, parent: extractKafkaContext(headers) }, () => undefined);

    const [produce, consume] = exporter.getFinishedSpans();
    expect(produce!.name).toBe("kafka.produce risk.alerts");
    expect(consume!.name).toBe("kafka.consume risk.alerts");
    expect(consume!.spanContext().traceId).toBe(produce!.spanContext().traceId);
    expect(consume!.parentSpanContext?.spanId).toBe(produce!.spanContext().spanId);
    expect(consume!.parentSpanContext?.isRemote).toBe(true);
  });

  it("a gRPC server span extracted from client metadata continues the client's trace", () => {
    const metadata = withSpan(SPAN_NAMES.grpc("ControlPlane", "Apply"), { kind: SpanKind.CLIENT }, () => {
      const md = new Metadata();
      md.set("idempotency-key", "a-1");
      return injectGrpcMetadata(md);
    });
    // What the server sees: the metadata after a wire round trip.
    const received = Metadata.fromHttp2Headers(metadata.toHttp2Headers() as IncomingHttpHeaders);
    withSpan("ControlPlane/Apply server", { kind: SpanKind.SERVER, parent: extractGrpcContext(received) }, () => undefined);

    const [client, server] = exporter.getFinishedSpans();
    expect(server!.spanContext().traceId).toBe(client!.spanContext().traceId);
    expect(server!.parentSpanContext?.spanId).toBe(client!.spanContext().spanId);
    expect(received.get("idempotency-key")).toEqual(["a-1"]);
  });

  it("one trace runs consume → score → produce → consume → Apply across two hops", () => {
    const input = withSpan("simulator.produce", { kind: SpanKind.PRODUCER }, () => injectKafkaHeaders());
    const alertHeaders = withSpan(SPAN_NAMES.kafkaConsume("live.events"), { kind: SpanKind.CONSUMER, parent: extractKafkaContext(input) }, () =>
      withSpan(SPAN_NAMES.engineScore, {}, () =>
        withSpan(SPAN_NAMES.kafkaProduce("risk.actions"), { kind: SpanKind.PRODUCER }, () => injectKafkaHeaders()),
      ),
    );
    withSpan(SPAN_NAMES.kafkaConsume("risk.actions"), { kind: SpanKind.CONSUMER, parent: extractKafkaContext(alertHeaders) }, () =>
      withSpan(SPAN_NAMES.dispatchApply, {}, () =>
        withSpan(SPAN_NAMES.grpc("ControlPlane", "Apply"), { kind: SpanKind.CLIENT }, () => injectGrpcMetadata(new Metadata())),
      ),
    );
    const spans = exporter.getFinishedSpans();
    expect(spans.map((s) => s.name).sort()).toEqual(
      [
        "ControlPlane/Apply",
        "dispatch.apply",
        "engine.score",
        "kafka.consume live.events",
        "kafka.consume risk.actions",
        "kafka.produce risk.actions",
        "simulator.produce",
      ].sort(),
    );
    expect(new Set(spans.map((s) => s.spanContext().traceId)).size).toBe(1);
    // Every span but the root names a parent that is also in the trace: no broken links.
    const ids = new Set(spans.map((s) => s.spanContext().spanId));
    const orphans = spans.filter((s) => s.name !== "simulator.produce" && !ids.has(s.parentSpanContext?.spanId ?? ""));
    expect(orphans).toEqual([]);
  });

  it("extracting from headers without trace context gives a fresh root, not the active span's trace", () => {
    withSpan("outer", {}, () => {
      withSpan("record", { parent: extractKafkaContext({ "content-type": "x" }) }, () => undefined);
    });
    const [record, outer] = exporter.getFinishedSpans();
    expect(record!.parentSpanContext).toBeUndefined();
    expect(record!.spanContext().traceId).not.toBe(outer!.spanContext().traceId);
  });

  it("garbage traceparent is ignored rather than thrown", () => {
    const ctx = extractKafkaContext({ traceparent: "00-zz-not-hex-01" });
    expect(trace.getSpanContext(ctx)).toBeUndefined();
    expect(() => extractGrpcContext(new Metadata())).not.toThrow();
  });
});

describe("sampling ratio 0", () => {
  const exporter = new InMemorySpanExporter();
  let telemetry: Telemetry;
  beforeEach(async () => {
    exporter.reset();
    telemetry = await start("0", exporter);
  });
  afterEach(() => telemetry.shutdown());

  it("records nothing but still propagates the trace id, marked not sampled, so downstream drops it too", () => {
    let producerTraceId = "";
    const headers = withSpan(SPAN_NAMES.kafkaProduce("t"), { kind: SpanKind.PRODUCER }, (span) => {
      expect(span.isRecording()).toBe(false);
      producerTraceId = span.spanContext().traceId;
      return injectKafkaHeaders();
    });
    const [, traceId, , sampled] = TRACEPARENT.exec(headers.traceparent ?? "") ?? [];
    expect(traceId).toBe(producerTraceId);
    expect(sampled).toBe("0");

    const downstream = withSpan("consume", { parent: extractKafkaContext(headers) }, (span) => span);
    expect(downstream.spanContext().traceId).toBe(producerTraceId);
    expect(downstream.isRecording()).toBe(false);

    const metadata = withSpan("apply", { parent: extractKafkaContext(headers) }, () => injectGrpcMetadata(new Metadata()));
    expect(String(metadata.get("traceparent")[0])).toContain(producerTraceId);
    expect(exporter.getFinishedSpans()).toEqual([]);
  });

  it("a sampled upstream decision wins over the local ratio (parent-based)", () => {
    const upstream = { traceparent: `00-${"a".repeat(32)}-${"b".repeat(16)}-01` };
    withSpan("consume", { parent: extractKafkaContext(upstream) }, () => undefined);
    const [span] = exporter.getFinishedSpans();
    expect(span!.spanContext().traceId).toBe("a".repeat(32));
  });
});
