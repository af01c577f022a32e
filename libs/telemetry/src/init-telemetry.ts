import { context, metrics as metricsApi, propagation, trace, type Meter, type Tracer } from "@opentelemetry/api";
import { W3CTraceContextPropagator } from "@opentelemetry/core";
import type { SpanExporter } from "@opentelemetry/sdk-trace-node";
import { silentLogger, type Logger } from "@redline/common";
import type { TelemetryConfig } from "./config";
import { TelemetryErrorHandler, type TelemetryErrorListener } from "./error-handler";
import { MetricsEndpoint } from "./metrics-endpoint";
import { createMeterProvider, createTracerProvider, serviceResource } from "./providers";
import { MetricInstruments } from "./metric-instruments";
import { RedlineMetrics } from "./redline-metrics";
import { TRACER_NAME } from "./spans";

export interface TelemetryOptions {
  logger?: Logger;
  /**
   * Extra span exporters, each behind a `SimpleSpanProcessor` (spans exported
   * as they end) — for tests, an `InMemorySpanExporter`. The caller owns
   * them: `shutdown()` flushes but does not shut them down, so one exporter
   * can collect the spans of several in-process services.
   */
  spanExporters?: SpanExporter[];
  /** Replaces the default rate-limited warn log for telemetry failures (still counted). */
  onError?: TelemetryErrorListener;
  /**
   * Become the process-wide provider for `@opentelemetry/api` (tracer, meter,
   * context manager, propagator, error handler). Default true; when another
   * live handle already owns them this one stays local and logs a warning.
   */
  registerGlobal?: boolean;
  /**
   * Upper bound on `shutdown()` and `forceFlush()`: exports still pending
   * then (a collector that is down) are abandoned and reported, so telemetry
   * never makes a service overrun its own stop deadline.
   */
  shutdownTimeoutMs?: number;
  now?: () => number;
}

/** A running telemetry setup; `shutdown()` flushes and releases everything. */
export interface Telemetry {
  readonly config: TelemetryConfig;
  readonly tracer: Tracer;
  readonly meter: Meter;
  /** Instruments by name on `meter`, for packages that bind their own metrics port (the risk engine's). */
  readonly instruments: MetricInstruments;
  /** The shared adapters' instruments (consumer, dispatcher, gateway, gRPC), on `instruments`. */
  readonly metrics: RedlineMetrics;
  /** The port actually bound (useful with `REDLINE_METRICS_PORT=0`); undefined when off or bind failed. */
  readonly metricsPort: number | undefined;
  readonly metricsUrl: string | undefined;
  readonly errors: TelemetryErrorHandler;
  /** Pushes buffered spans and metrics to their exporters (tests, before a check). */
  forceFlush(): Promise<void>;
  shutdown(): Promise<void>;
}

/** The handle that currently owns the API globals, so a second init neither steals nor breaks them. */
let globalOwner: object | undefined;

/**
 * Sets up tracing and metrics for one service. Call it first in `main`, before
 * building consumers or servers, so their spans and instruments have a
 * provider. It never throws for runtime trouble (an unbindable port, an
 * unreachable collector): those go to the error handler and the service runs on.
 */
export async function initTelemetry(config: TelemetryConfig, opts: TelemetryOptions = {}): Promise<Telemetry> {
  const logger = (opts.logger ?? silentLogger).child("telemetry");
  const errors = new TelemetryErrorHandler({ logger, now: opts.now });
  if (opts.onError) errors.setListener(opts.onError);
  const owner = {};
  const ownsGlobals = (opts.registerGlobal ?? true) && globalOwner === undefined;
  if ((opts.registerGlobal ?? true) && !ownsGlobals) {
    logger.warn("another telemetry handle owns the global providers; this one stays local", { service: config.serviceName });
  }
  if (ownsGlobals) {
    globalOwner = owner;
    errors.install();
  }

  const stepTimeoutMs = opts.shutdownTimeoutMs ?? 3_000;
  const resource = serviceResource(config.serviceName);
  const tracerProvider = createTracerProvider(config, resource, opts.spanExporters ?? [], errors, stepTimeoutMs);
  const { meterProvider, prometheus } = createMeterProvider(config, resource, errors);
  const meter = meterProvider.getMeter(TRACER_NAME);
  const instruments = new MetricInstruments(meter);

  logger.info("telemetry started", {
    service: config.serviceName,
    traceSampleRatio: config.traceSampleRatio,
    otlp: config.otlpEndpoint ?? "off",
  });
  if (ownsGlobals) {
    tracerProvider.register({ propagator: new W3CTraceContextPropagator() });
    metricsApi.setGlobalMeterProvider(meterProvider);
  }

  let endpoint: MetricsEndpoint | undefined;
  if (prometheus && config.metricsPort !== undefined) {
    try {
      endpoint = await MetricsEndpoint.listen(prometheus, config.metricsHost, config.metricsPort);
      // Tests that start services on port 0 read the bound port from this line.
      logger.info("metrics endpoint listening", { url: endpoint.url, port: endpoint.port });
    } catch (err) {
      errors.report("metrics-endpoint", err);
    }
  }

  let shutdownPromise: Promise<void> | undefined;
  const bounded = boundedRunner(errors, stepTimeoutMs);
  return {
    config,
    tracer: tracerProvider.getTracer(TRACER_NAME),
    meter,
    instruments,
    metrics: new RedlineMetrics(instruments),
    metricsPort: endpoint?.port,
    metricsUrl: endpoint?.url,
    errors,
    forceFlush: () =>
      bounded(async () => {
        await Promise.all([tracerProvider.forceFlush(), meterProvider.forceFlush({ timeoutMillis: stepTimeoutMs })]);
      }),
    shutdown: () => {
      shutdownPromise ??= (async () => {
        await bounded(async () => {
          await Promise.all([tracerProvider.shutdown(), meterProvider.shutdown({ timeoutMillis: stepTimeoutMs })]);
        });
        if (endpoint) await bounded(() => endpoint!.close());
        if (globalOwner === owner) {
          trace.disable();
          metricsApi.disable();
          propagation.disable();
          context.disable();
          errors.uninstall();
          globalOwner = undefined;
        }
      })();
      return shutdownPromise;
    },
  };
}

/** Runs a flush or shutdown step to completion or `timeoutMs`, whichever is first; never rejects. */
function boundedRunner(errors: TelemetryErrorHandler, timeoutMs: number): (step: () => Promise<void>) => Promise<void> {
  return async (step) => {
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<"timeout">((resolve) => {
      timer = setTimeout(() => resolve("timeout"), timeoutMs);
    });
    try {
      const outcome = await Promise.race([step(), timedOut]);
      if (outcome === "timeout") errors.report("shutdown", new Error(`gave up waiting after ${timeoutMs} ms`));
    } catch (err) {
      errors.report("shutdown", err);
    } finally {
      clearTimeout(timer);
    }
  };
}
