import { InMemorySpanExporter } from "@opentelemetry/sdk-trace-base";
import { loadTelemetryConfig } from "./config";
import { initTelemetry } from "./init-telemetry";
import { injectKafkaHeaders } from "./propagation";
import { withSpan } from "./spans";

const config = (service: string) => loadTelemetryConfig({ REDLINE_METRICS_PORT: "off" }, service);

describe("two handles in one process (services started in-process by a test)", () => {
  it("the first owns the globals; the second stays local and its shutdown leaves the first working", async () => {
    const shared = new InMemorySpanExporter();
    const first = await initTelemetry(config("risk-engine"), { spanExporters: [shared] });
    const second = await initTelemetry(config("action-dispatcher"), { spanExporters: [shared] });
    try {
      second.tracer.startSpan("local").end();
      await second.shutdown();
      // Global helpers still trace through the first handle after the second is gone.
      const headers = withSpan("global", {}, () => injectKafkaHeaders());
      expect(headers.traceparent).toBeDefined();
      const names = shared.getFinishedSpans().map((s) => `${s.name}@${String(s.resource.attributes["service.name"])}`);
      expect(names).toEqual(["local@action-dispatcher", "global@risk-engine"]);
    } finally {
      await first.shutdown();
    }
  });

  it("after the owner shuts down, the next handle becomes the owner", async () => {
    const first = await initTelemetry(config("a"));
    await first.shutdown();
    const exporter = new InMemorySpanExporter();
    const next = await initTelemetry(config("b"), { spanExporters: [exporter] });
    try {
      withSpan("after", {}, () => undefined);
      expect(exporter.getFinishedSpans().map((s) => s.name)).toEqual(["after"]);
    } finally {
      await next.shutdown();
    }
  });

  it("shutdown is idempotent", async () => {
    const handle = await initTelemetry(config("a"));
    await Promise.all([handle.shutdown(), handle.shutdown()]);
    await expect(handle.shutdown()).resolves.toBeUndefined();
  });
});
