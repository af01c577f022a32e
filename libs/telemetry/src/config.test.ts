import { ConfigError } from "@redline/common";
import { DEFAULT_METRICS_PORT, loadTelemetryConfig } from "./config";

describe("loadTelemetryConfig", () => {
  it("defaults: full sampling, no OTLP, Prometheus on loopback", () => {
    const cfg = loadTelemetryConfig({}, "risk-engine");
    expect(cfg).toEqual({
      serviceName: "risk-engine",
      traceSampleRatio: 1,
      otlpEndpoint: undefined,
      otlpExportIntervalMs: 15_000,
      otlpTimeoutMs: 5_000,
      metricsPort: DEFAULT_METRICS_PORT,
      metricsHost: "127.0.0.1",
    });
    expect(Object.isFrozen(cfg)).toBe(true);
  });

  it("takes the service's own default port, overridable by REDLINE_METRICS_PORT (0 = random, off = none)", () => {
    expect(loadTelemetryConfig({}, "archiver", { metricsPort: 9467 }).metricsPort).toBe(9467);
    expect(loadTelemetryConfig({ REDLINE_METRICS_PORT: "0" }, "archiver", { metricsPort: 9467 }).metricsPort).toBe(0);
    expect(loadTelemetryConfig({ REDLINE_METRICS_PORT: "off" }, "archiver").metricsPort).toBeUndefined();
  });

  it("prefers OTEL_EXPORTER_OTLP_ENDPOINT over REDLINE_OTLP_ENDPOINT and trims a trailing slash", () => {
    expect(loadTelemetryConfig({ REDLINE_OTLP_ENDPOINT: "http://b:4318/" }, "x").otlpEndpoint).toBe("http://b:4318");
    const both = { OTEL_EXPORTER_OTLP_ENDPOINT: "http://a:4318", REDLINE_OTLP_ENDPOINT: "http://b:4318" };
    expect(loadTelemetryConfig(both, "x").otlpEndpoint).toBe("http://a:4318");
  });

  it("lets OTEL_SERVICE_NAME rename the service", () => {
    expect(loadTelemetryConfig({ OTEL_SERVICE_NAME: "engine-canary" }, "risk-engine").serviceName).toBe("engine-canary");
  });

  it.each([
    [{ REDLINE_TRACE_SAMPLE_RATIO: "1.5" }, "REDLINE_TRACE_SAMPLE_RATIO"],
    [{ REDLINE_TRACE_SAMPLE_RATIO: "often" }, "REDLINE_TRACE_SAMPLE_RATIO"],
    [{ REDLINE_METRICS_PORT: "70000" }, "REDLINE_METRICS_PORT"],
    [{ OTEL_EXPORTER_OTLP_ENDPOINT: "collector:4318" }, "OTEL_EXPORTER_OTLP_ENDPOINT"],
    [{ REDLINE_OTLP_ENDPOINT: "grpc://collector" }, "REDLINE_OTLP_ENDPOINT"],
  ])("rejects %p naming %s", (env, variable) => {
    expect(() => loadTelemetryConfig(env, "x")).toThrow(ConfigError);
    expect(() => loadTelemetryConfig(env, "x")).toThrow(variable);
  });
});
