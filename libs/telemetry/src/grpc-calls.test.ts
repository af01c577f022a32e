import { Metadata, status } from "@grpc/grpc-js";
import { SpanKind, SpanStatusCode } from "@opentelemetry/api";
import { InMemorySpanExporter } from "@opentelemetry/sdk-trace-base";
import { loadTelemetryConfig } from "./config";
import { grpcCodeOf, grpcStatusName, traceGrpcClientCall, traceGrpcServerCall } from "./grpc-calls";
import { initTelemetry, type Telemetry } from "./init-telemetry";
import { injectGrpcMetadata } from "./propagation";

describe("traced gRPC calls", () => {
  const exporter = new InMemorySpanExporter();
  let telemetry: Telemetry;
  beforeEach(async () => {
    exporter.reset();
    telemetry = await initTelemetry(loadTelemetryConfig({ REDLINE_METRICS_PORT: "0" }, "x"), { spanExporters: [exporter] });
  });
  afterEach(() => telemetry.shutdown());

  const ticking = (stepMs: number) => {
    let t = 0;
    return () => (t += stepMs);
  };

  it("the server span continues the client span's trace through metadata; both latencies are recorded", async () => {
    const metrics = telemetry.metrics;
    const ack = await traceGrpcClientCall(
      "ControlPlane",
      "Apply",
      async () => {
        const metadata = injectGrpcMetadata(new Metadata());
        return traceGrpcServerCall("ControlPlane", "Apply", metadata, async () => "ack", { metrics, nowMs: ticking(3) });
      },
      { metrics, nowMs: ticking(7) },
    );
    expect(ack).toBe("ack");
    const [server, client] = exporter.getFinishedSpans();
    expect(client!.name).toBe("ControlPlane/Apply");
    expect(client!.kind).toBe(SpanKind.CLIENT);
    expect(server!.kind).toBe(SpanKind.SERVER);
    expect(server!.parentSpanContext?.spanId).toBe(client!.spanContext().spanId);
    expect(client!.attributes).toMatchObject({ "rpc.system": "grpc", "rpc.service": "ControlPlane", "rpc.method": "Apply", "rpc.grpc.status_code": 0 });

    const body = await (await fetch(telemetry.metricsUrl!)).text();
    expect(body).toContain('redline_grpc_client_latency_ms_sum{method="ControlPlane/Apply",code="OK"} 7');
    expect(body).toContain('redline_grpc_server_latency_ms_sum{method="ControlPlane/Apply",code="OK"} 3');
  });

  it("a failed call records its status code name, marks the span as an error and rethrows", async () => {
    const unavailable = Object.assign(new Error("connect failed"), { code: status.UNAVAILABLE });
    await expect(
      traceGrpcClientCall("ControlPlane", "Apply", () => Promise.reject(unavailable), { metrics: telemetry.metrics }),
    ).rejects.toBe(unavailable);
    const [span] = exporter.getFinishedSpans();
    expect(span!.status.code).toBe(SpanStatusCode.ERROR);
    expect(span!.attributes["rpc.grpc.status_code"]).toBe(status.UNAVAILABLE);
    const body = await (await fetch(telemetry.metricsUrl!)).text();
    expect(body).toContain('redline_grpc_client_latency_ms_count{method="ControlPlane/Apply",code="UNAVAILABLE"} 1');
  });

  it("names codes like grpc-js and falls back to UNKNOWN", () => {
    for (const [name, code] of Object.entries(status).filter(([, v]) => typeof v === "number")) {
      expect(grpcStatusName(code as number)).toBe(name);
    }
    expect(grpcCodeOf(new Error("plain"))).toBe(status.UNKNOWN);
    expect(grpcCodeOf({ code: 99 })).toBe(status.UNKNOWN);
    expect(grpcCodeOf(null)).toBe(status.UNKNOWN);
  });
});
