/**
 * @redline/telemetry — the one place OpenTelemetry is set up: traces with a
 * parent-based ratio sampler, Redline's metrics on a Prometheus endpoint (and
 * OTLP when configured), W3C trace context over Kafka headers and gRPC
 * metadata, and an error handler that keeps telemetry failures from ever
 * crashing a service. No auto-instrumentation: spans are made where they mean
 * something. See docs/telemetry.md.
 *
 * @example
 * const telemetry = await initTelemetry(loadTelemetryConfig(process.env, "action-dispatcher"), { logger });
 * const logger = createJsonLogger({ namespace: "dispatcher", contextFields: traceContextFields });
 * const parent = extractKafkaContext(record.headers);
 * await withSpan(SPAN_NAMES.dispatchApply, { kind: SpanKind.INTERNAL, parent }, async () => {
 *   await controlPlane.apply(action, injectGrpcMetadata(new Metadata()));
 * });
 * telemetry.instruments.counter(METRIC_NAMES.actions, "Actions handled").add(1, { kind: "STREAM_BLOCK", outcome: "delivered" });
 * await telemetry.shutdown();
 *
 * Tests: pass an `InMemorySpanExporter` in `spanExporters` (in-process), or
 * point services' `OTEL_EXPORTER_OTLP_ENDPOINT` at an `OtlpTestCollector`
 * (separate processes) and check `findTracePath(spans, from, to)`.
 */
export { loadTelemetryConfig, DEFAULT_METRICS_PORT } from "./config";
export type { TelemetryConfig } from "./config";
export { initTelemetry } from "./init-telemetry";
export type { Telemetry, TelemetryOptions } from "./init-telemetry";
export { TelemetryErrorHandler } from "./error-handler";
export type { TelemetryErrorHandlerOptions, TelemetryErrorListener } from "./error-handler";
export { TelemetryError, MetricsEndpointError } from "./errors";
export type { TelemetryComponent } from "./errors";
export { GuardedSpanExporter, GuardedMetricExporter } from "./guarded-exporters";
export { METRICS_PATH } from "./metrics-endpoint";
export { RedlineMetrics } from "./redline-metrics";
export { MetricInstruments } from "./metric-instruments";
export type { CounterInstrument, GaugeInstrument, HistogramInstrument, MetricLabels } from "./metric-instruments";
export { METRIC_NAMES, BUCKETS } from "./metric-names";
export { consumerMetricsOn } from "./consumer-metrics";
export {
  injectKafkaHeaders,
  extractKafkaContext,
  injectGrpcMetadata,
  extractGrpcContext,
  TRACE_CONTEXT_HEADERS,
} from "./propagation";
export type { GrpcMetadataCarrier } from "./propagation";
export { traceGrpcClientCall, traceGrpcServerCall, grpcCodeOf, grpcStatusName } from "./grpc-calls";
export type { GrpcCallTelemetry } from "./grpc-calls";
export { OtlpTestCollector } from "./otlp-test-collector";
export { findTracePath, spanRecordOf } from "./span-records";
export type { SpanRecord } from "./span-records";
export { timeUnaryHandlers } from "./grpc-calls";
export { withSpan, contextWithSpan, traceContextFields, SPAN_NAMES, TRACER_NAME } from "./spans";
export type { WithSpanOptions } from "./spans";
// Re-exported so services and tests need no direct OpenTelemetry imports.
export { SpanKind, SpanStatusCode, context, trace, ROOT_CONTEXT } from "@opentelemetry/api";
export type { Context, Span, Tracer, Meter, Attributes } from "@opentelemetry/api";
export { InMemorySpanExporter } from "@opentelemetry/sdk-trace-base";
export type { ReadableSpan, SpanExporter } from "@opentelemetry/sdk-trace-base";
