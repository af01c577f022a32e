import { ConfigError, EnvReader } from "@redline/common";

/** Everything `initTelemetry` reads from the environment; frozen and validated. */
export interface TelemetryConfig {
  readonly serviceName: string;
  /**
   * Share of new (root) traces that are recorded, 0..1. Child spans follow
   * their parent's decision, so a trace is kept or dropped as a whole.
   */
  readonly traceSampleRatio: number;
  /** OTLP/HTTP base URL, e.g. `http://collector:4318`; unset = no OTLP export. */
  readonly otlpEndpoint: string | undefined;
  readonly otlpExportIntervalMs: number;
  /** Per-export bound, retries included; an unreachable collector costs at most this per batch. */
  readonly otlpTimeoutMs: number;
  /** Prometheus endpoint; port 0 binds a random free port (tests), `undefined` disables it. */
  readonly metricsPort: number | undefined;
  readonly metricsHost: string;
}

export const DEFAULT_METRICS_PORT = 9464;

/**
 * Reads telemetry settings. Services on one host pass their own default
 * `metricsPort` so they do not collide. `REDLINE_METRICS_PORT=off` disables the endpoint;
 * `OTEL_EXPORTER_OTLP_ENDPOINT` wins over `REDLINE_OTLP_ENDPOINT` because it is
 * what collectors' docs and operators already set.
 */
export function loadTelemetryConfig(
  env: Readonly<Record<string, string | undefined>>,
  serviceName: string,
  defaults: { metricsPort?: number } = {},
): TelemetryConfig {
  const read = new EnvReader(env);
  const otlpEndpoint = read.optionalString("OTEL_EXPORTER_OTLP_ENDPOINT") ?? read.optionalString("REDLINE_OTLP_ENDPOINT");
  if (otlpEndpoint !== undefined && !/^https?:\/\/[^/]/.test(otlpEndpoint)) {
    const variable = read.optionalString("OTEL_EXPORTER_OTLP_ENDPOINT") ? "OTEL_EXPORTER_OTLP_ENDPOINT" : "REDLINE_OTLP_ENDPOINT";
    throw new ConfigError(variable, `must be an http(s) URL such as http://localhost:4318, got '${otlpEndpoint}'`);
  }
  const portText = read.optionalString("REDLINE_METRICS_PORT");
  const metricsPort =
    portText?.toLowerCase() === "off" ? undefined : read.int("REDLINE_METRICS_PORT", defaults.metricsPort ?? DEFAULT_METRICS_PORT, { min: 0, max: 65535 });
  return Object.freeze({
    serviceName: read.string("OTEL_SERVICE_NAME", serviceName),
    traceSampleRatio: read.number("REDLINE_TRACE_SAMPLE_RATIO", 1, { min: 0, max: 1 }),
    otlpEndpoint: otlpEndpoint?.replace(/\/+$/, ""),
    otlpExportIntervalMs: read.int("REDLINE_OTLP_EXPORT_INTERVAL_MS", 15_000, { min: 100 }),
    otlpTimeoutMs: read.int("REDLINE_OTLP_TIMEOUT_MS", 5_000, { min: 100 }),
    metricsPort,
    metricsHost: read.string("REDLINE_METRICS_HOST", "127.0.0.1"),
  });
}
