import { RedlineError } from "@redline/common";

/**
 * A background telemetry failure (exporter, metrics endpoint, SDK internals).
 * Never thrown into service code: it is handed to the telemetry error handler,
 * counted in `redline_telemetry_errors_total{component}` and logged.
 */
export class TelemetryError extends RedlineError {
  constructor(
    readonly component: TelemetryComponent,
    message: string,
    cause?: unknown,
    context: Record<string, unknown> = {},
  ) {
    // Retrying is the SDK's job (batch processors, periodic readers); callers never retry these.
    super(`telemetry ${component}: ${message}`, { retriable: false, cause, context: { component, ...context } });
  }
}

/** The Prometheus endpoint could not bind; the service keeps running without it. */
export class MetricsEndpointError extends TelemetryError {
  constructor(host: string, port: number, cause: unknown) {
    super("metrics-endpoint", `could not listen on ${host}:${port}`, cause, { host, port });
  }
}

/** Where a telemetry failure came from; a label value, so kept to a fixed set. */
export type TelemetryComponent = "exporter" | "metrics-endpoint" | "sdk" | "shutdown";
