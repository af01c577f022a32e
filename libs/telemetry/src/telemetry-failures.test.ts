import { ExportResultCode, globalErrorHandler, type ExportResult } from "@opentelemetry/core";
import type { ReadableSpan, SpanExporter } from "@opentelemetry/sdk-trace-base";
import { createJsonLogger } from "@redline/common";
import { loadTelemetryConfig } from "./config";
import { TelemetryErrorHandler } from "./error-handler";
import { TelemetryError } from "./errors";
import { initTelemetry } from "./init-telemetry";
import { withSpan } from "./spans";

class ThrowingExporter implements SpanExporter {
  calls = 0;
  export(_spans: ReadableSpan[], _done: (r: ExportResult) => void): void {
    this.calls++;
    throw new Error("collector exploded");
  }
  shutdown(): Promise<void> {
    return Promise.reject(new Error("shutdown exploded too"));
  }
}

class FailingExporter implements SpanExporter {
  export(_spans: ReadableSpan[], done: (r: ExportResult) => void): void {
    done({ code: ExportResultCode.FAILED, error: new Error("503 from collector") });
  }
  shutdown(): Promise<void> {
    return Promise.resolve();
  }
}

const env = { REDLINE_METRICS_PORT: "0" };
const flushMicrotasks = () => new Promise((resolve) => setImmediate(resolve));

describe("telemetry failures never reach the service", () => {
  it("an exporter that throws is reported to the error handler, counted, and the service's code runs on", async () => {
    const exporter = new ThrowingExporter();
    const seen: TelemetryError[] = [];
    const telemetry = await initTelemetry(loadTelemetryConfig(env, "x"), { spanExporters: [exporter], onError: (e) => seen.push(e) });
    try {
      const result = withSpan("work", {}, () => 42);
      await withSpan("async work", {}, async () => undefined);
      await flushMicrotasks();
      expect(result).toBe(42);
      expect(exporter.calls).toBe(2);
      expect(seen.map((e) => e.component)).toEqual(["exporter", "exporter"]);
      expect(seen[0]!.cause).toEqual(new Error("collector exploded"));
      expect(telemetry.errors.count()).toBe(2);

      const body = await (await fetch(telemetry.metricsUrl!)).text();
      expect(body).toContain('redline_telemetry_errors_total{component="exporter"} 2');
    } finally {
      await telemetry.shutdown();
    }
  });

  it("a failed export result is reported once with its error", async () => {
    const seen: TelemetryError[] = [];
    const telemetry = await initTelemetry(loadTelemetryConfig({ REDLINE_METRICS_PORT: "off" }, "x"), {
      spanExporters: [new FailingExporter()],
      onError: (e) => seen.push(e),
    });
    try {
      withSpan("work", {}, () => undefined);
      await telemetry.forceFlush();
      expect(seen).toHaveLength(1);
      expect(seen[0]!.message).toContain("503 from collector");
    } finally {
      await telemetry.shutdown();
    }
  });

  it("SDK-internal errors reach the same handler; a throwing listener is contained", async () => {
    const telemetry = await initTelemetry(loadTelemetryConfig({ REDLINE_METRICS_PORT: "off" }, "x"), {
      onError: () => {
        throw new Error("listener bug");
      },
    });
    try {
      expect(() => globalErrorHandler(new Error("reader failed"))).not.toThrow();
      expect(telemetry.errors.count("sdk")).toBe(1);
    } finally {
      await telemetry.shutdown();
    }
  });
});

describe("bounded shutdown", () => {
  it("a flush that never finishes is abandoned after shutdownTimeoutMs and reported", async () => {
    const hanging: SpanExporter = {
      export: (_spans, done) => done({ code: ExportResultCode.SUCCESS }),
      shutdown: () => new Promise<void>(() => undefined),
      forceFlush: () => new Promise<void>(() => undefined),
    };
    const seen: TelemetryError[] = [];
    const telemetry = await initTelemetry(loadTelemetryConfig({ REDLINE_METRICS_PORT: "off" }, "x"), {
      spanExporters: [hanging],
      shutdownTimeoutMs: 50,
      onError: (e) => seen.push(e),
    });
    withSpan("work", {}, () => undefined);
    await telemetry.forceFlush();
    await telemetry.shutdown();
    expect(seen.map((e) => e.component)).toEqual(["shutdown"]);
    expect(seen[0]!.message).toMatch(/gave up waiting after 50 ms|time/i);
  });
});

describe("TelemetryErrorHandler", () => {
  it("logs at most once per interval and says how many it held back, while counting all", () => {
    const lines: Array<Record<string, unknown>> = [];
    let nowMs = 0;
    const logger = createJsonLogger({ write: (l) => lines.push(JSON.parse(l)), now: () => nowMs });
    const handler = new TelemetryErrorHandler({ logger, minLogIntervalMs: 10_000, now: () => nowMs });
    handler.report("exporter", new Error("a"));
    nowMs = 5_000;
    handler.report("exporter", new Error("b"));
    handler.report("sdk", new Error("c"));
    nowMs = 10_000;
    handler.report("exporter", new Error("d"));
    expect(handler.count()).toBe(4);
    expect(handler.count("exporter")).toBe(3);
    expect(lines.map((l) => l.suppressedSinceLastLog)).toEqual([0, 2]);
    expect(lines.every((l) => l.level === "warn")).toBe(true);
  });
});
