import { OTLPMetricExporter } from "@opentelemetry/exporter-metrics-otlp-http";
import type { PrometheusExporter } from "@opentelemetry/exporter-prometheus";
import { OTLPTraceExporter } from "@opentelemetry/exporter-trace-otlp-http";
import { defaultResource, resourceFromAttributes, type Resource } from "@opentelemetry/resources";
import { MeterProvider, PeriodicExportingMetricReader, type IMetricReader } from "@opentelemetry/sdk-metrics";
import {
  BatchSpanProcessor,
  NodeTracerProvider,
  ParentBasedSampler,
  SimpleSpanProcessor,
  TraceIdRatioBasedSampler,
  type SpanExporter,
  type SpanProcessor,
} from "@opentelemetry/sdk-trace-node";
import { ATTR_SERVICE_NAME } from "@opentelemetry/semantic-conventions";
import type { TelemetryConfig } from "./config";
import { CurrentGaugesPrometheusExporter } from "./current-gauges";
import type { TelemetryErrorHandler } from "./error-handler";
import { GuardedMetricExporter, GuardedSpanExporter } from "./guarded-exporters";
import { METRIC_NAMES } from "./metric-names";

export function serviceResource(serviceName: string): Resource {
  return defaultResource().merge(resourceFromAttributes({ [ATTR_SERVICE_NAME]: serviceName }));
}

/**
 * Traces: parent-based ratio sampling (a trace is kept or dropped whole),
 * OTLP batched when configured, caller-owned test exporters exported per span.
 */
export function createTracerProvider(
  config: TelemetryConfig,
  resource: Resource,
  extraExporters: readonly SpanExporter[],
  errors: TelemetryErrorHandler,
  flushTimeoutMs: number,
): NodeTracerProvider {
  const processors: SpanProcessor[] = extraExporters.map(
    (exporter) => new SimpleSpanProcessor(new GuardedSpanExporter(exporter, errors, false)),
  );
  if (config.otlpEndpoint !== undefined) {
    const otlp = new OTLPTraceExporter({ url: `${config.otlpEndpoint}/v1/traces`, timeoutMillis: config.otlpTimeoutMs });
    processors.push(new BatchSpanProcessor(new GuardedSpanExporter(otlp, errors)));
  }
  return new NodeTracerProvider({
    resource,
    // The SDK's own flush timer, aligned with ours so none outlives shutdown.
    forceFlushTimeoutMillis: flushTimeoutMs,
    sampler: new ParentBasedSampler({ root: new TraceIdRatioBasedSampler(config.traceSampleRatio) }),
    spanProcessors: processors,
  });
}

/**
 * Metrics: a Prometheus pull reader (served by `MetricsEndpoint`) and an OTLP
 * push reader when configured, plus the count of telemetry's own failures.
 */
export function createMeterProvider(
  config: TelemetryConfig,
  resource: Resource,
  errors: TelemetryErrorHandler,
): { meterProvider: MeterProvider; prometheus: PrometheusExporter | undefined } {
  const readers: IMetricReader[] = [];
  let prometheus: PrometheusExporter | undefined;
  if (config.metricsPort !== undefined) {
    // Scope labels would add otel_scope_* to every series without telling an SRE anything.
    prometheus = new CurrentGaugesPrometheusExporter({ preventServerStart: true, withoutScopeInfo: true });
    readers.push(prometheus);
  }
  if (config.otlpEndpoint !== undefined) {
    const otlp = new OTLPMetricExporter({ url: `${config.otlpEndpoint}/v1/metrics`, timeoutMillis: config.otlpTimeoutMs });
    readers.push(
      new PeriodicExportingMetricReader({
        exporter: new GuardedMetricExporter(otlp, errors),
        exportIntervalMillis: config.otlpExportIntervalMs,
        exportTimeoutMillis: config.otlpTimeoutMs,
      }),
    );
  }
  const meterProvider = new MeterProvider({ resource, readers });
  meterProvider
    .getMeter("@redline/telemetry")
    .createObservableCounter(METRIC_NAMES.telemetryErrors, { description: "Telemetry failures the service survived, by component" })
    .addCallback((result) => {
      for (const [component, n] of errors.countsByComponent()) result.observe(n, { component });
    });
  return { meterProvider, prometheus };
}
