import { ExportResultCode, type ExportResult } from "@opentelemetry/core";
import { AggregationTemporality, type PushMetricExporter, type ResourceMetrics } from "@opentelemetry/sdk-metrics";
import type { ReadableSpan, SpanExporter } from "@opentelemetry/sdk-trace-base";
import { currentGaugesTemporality } from "./current-gauges";
import type { TelemetryErrorHandler } from "./error-handler";

/**
 * Exporter wrappers that turn any failure — a thrown error, a failed result,
 * a rejected flush — into one report to the error handler and a success to
 * the SDK, so a broken collector is counted once and never propagates.
 */
export class GuardedSpanExporter implements SpanExporter {
  constructor(
    private readonly inner: SpanExporter,
    private readonly errors: TelemetryErrorHandler,
    /**
     * False for exporters the caller owns (an `InMemorySpanExporter` shared by
     * several in-process services): one service's shutdown must not stop it.
     */
    private readonly forwardShutdown = true,
  ) {}

  export(spans: ReadableSpan[], resultCallback: (result: ExportResult) => void): void {
    let settled = false;
    const done = (result: ExportResult): void => {
      if (settled) return;
      settled = true;
      if (result.code !== ExportResultCode.SUCCESS) {
        this.errors.report("exporter", result.error ?? new Error(`span export of ${spans.length} spans failed`));
      }
      resultCallback({ code: ExportResultCode.SUCCESS });
    };
    try {
      this.inner.export(spans, done);
    } catch (err) {
      done({ code: ExportResultCode.FAILED, error: err as Error });
    }
  }

  async shutdown(): Promise<void> {
    if (this.forwardShutdown) await guard(this.errors, () => this.inner.shutdown());
  }

  async forceFlush(): Promise<void> {
    if (this.inner.forceFlush) await guard(this.errors, () => this.inner.forceFlush!());
  }
}

export class GuardedMetricExporter implements PushMetricExporter {
  constructor(
    private readonly inner: PushMetricExporter,
    private readonly errors: TelemetryErrorHandler,
  ) {
    // Gauges report only their current series, as on the Prometheus reader.
    this.selectAggregationTemporality = (type) => currentGaugesTemporality(type, inner.selectAggregationTemporality?.(type) ?? AggregationTemporality.CUMULATIVE);
    if (inner.selectAggregation) this.selectAggregation = inner.selectAggregation.bind(inner);
  }

  selectAggregationTemporality?: PushMetricExporter["selectAggregationTemporality"];
  selectAggregation?: PushMetricExporter["selectAggregation"];

  export(metrics: ResourceMetrics, resultCallback: (result: ExportResult) => void): void {
    let settled = false;
    const done = (result: ExportResult): void => {
      if (settled) return;
      settled = true;
      if (result.code !== ExportResultCode.SUCCESS) {
        this.errors.report("exporter", result.error ?? new Error("metric export failed"));
      }
      resultCallback({ code: ExportResultCode.SUCCESS });
    };
    try {
      this.inner.export(metrics, done);
    } catch (err) {
      done({ code: ExportResultCode.FAILED, error: err as Error });
    }
  }

  async shutdown(): Promise<void> {
    await guard(this.errors, () => this.inner.shutdown());
  }

  async forceFlush(): Promise<void> {
    await guard(this.errors, () => this.inner.forceFlush());
  }
}

async function guard(errors: TelemetryErrorHandler, fn: () => Promise<void>): Promise<void> {
  try {
    await fn();
  } catch (err) {
    errors.report("exporter", err);
  }
}
