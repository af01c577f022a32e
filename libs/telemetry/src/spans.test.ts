import { SpanStatusCode } from "@opentelemetry/api";
import { InMemorySpanExporter } from "@opentelemetry/sdk-trace-base";
import { createJsonLogger } from "@redline/common";
import { loadTelemetryConfig } from "./config";
import { initTelemetry, type Telemetry } from "./init-telemetry";
import { traceContextFields, withSpan } from "./spans";

describe("withSpan", () => {
  const exporter = new InMemorySpanExporter();
  let telemetry: Telemetry;
  beforeEach(async () => {
    exporter.reset();
    telemetry = await initTelemetry(loadTelemetryConfig({ REDLINE_METRICS_PORT: "off" }, "x"), { spanExporters: [exporter] });
  });
  afterEach(() => telemetry.shutdown());

  it("records a thrown error as an exception event and ERROR status, and rethrows it unchanged", () => {
    const boom = new TypeError("bad input");
    expect(() => withSpan("sync", { attributes: { "redline.partition": 3 } }, () => { throw boom; })).toThrow(boom);
    const [span] = exporter.getFinishedSpans();
    expect(span!.status).toEqual({ code: SpanStatusCode.ERROR, message: "bad input" });
    expect(span!.events.map((e) => e.name)).toEqual(["exception"]);
    expect(span!.attributes["redline.partition"]).toBe(3);
  });

  it("ends an async span only when its promise settles, recording a rejection", async () => {
    let release!: () => void;
    const pending = withSpan("async", {}, () => new Promise<void>((resolve) => (release = resolve)));
    expect(exporter.getFinishedSpans()).toHaveLength(0);
    release();
    await pending;
    await expect(withSpan("rejects", {}, async () => Promise.reject(new Error("nope")))).rejects.toThrow("nope");
    const [ok, failed] = exporter.getFinishedSpans();
    expect(ok!.status.code).toBe(SpanStatusCode.UNSET);
    expect(failed!.status.code).toBe(SpanStatusCode.ERROR);
  });

  it("makes the span active inside fn so nested spans are its children, across awaits", async () => {
    await withSpan("parent", {}, async () => {
      await new Promise((resolve) => setTimeout(resolve, 1));
      withSpan("child", {}, () => undefined);
    });
    const [child, parent] = exporter.getFinishedSpans();
    expect(child!.parentSpanContext?.spanId).toBe(parent!.spanContext().spanId);
  });

  it("traceContextFields puts the active trace and span ids on log lines, nothing outside a span", () => {
    const lines: Array<Record<string, unknown>> = [];
    const logger = createJsonLogger({ write: (l) => lines.push(JSON.parse(l)), contextFields: traceContextFields });
    logger.info("outside");
    const ids = withSpan("logged", {}, (span) => {
      logger.info("inside");
      return span.spanContext();
    });
    expect(lines[0]).not.toHaveProperty("traceId");
    expect(lines[1]).toMatchObject({ traceId: ids.traceId, spanId: ids.spanId });
  });
});
