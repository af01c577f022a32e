import { silentLogger } from "@redline/common";
import { initTelemetry, loadTelemetryConfig, type Telemetry } from "@redline/telemetry";
import { dispatcherMetricsOn } from "./metrics";

function sample(body: string, series: string): number | undefined {
  const line = body.split("\n").find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1).trim().split(" ")[0]);
}

describe("the dispatcher's metrics on telemetry", () => {
  let telemetry: Telemetry;
  beforeEach(async () => {
    telemetry = await initTelemetry(loadTelemetryConfig({ REDLINE_METRICS_PORT: "0" }, "action-dispatcher"), { logger: silentLogger });
  });
  afterEach(() => telemetry.shutdown());

  it("counts outcomes by kind, Apply retries and shadow skips under the names dashboards and alert rules use", async () => {
    const metrics = dispatcherMetricsOn(telemetry.instruments);
    metrics.actionDelivered("MUTE_USER", "rejected");
    metrics.actionDelivered("MUTE_USER", "rejected");
    metrics.actionDelivered("STREAM_BLOCK", "delivered");
    metrics.applyRetried();
    metrics.applyRetried();
    metrics.shadowSkipped();
    const body = await (await fetch(telemetry.metricsUrl!)).text();
    expect(sample(body, 'redline_actions_total{kind="MUTE_USER",outcome="rejected"}')).toBe(2);
    expect(sample(body, 'redline_actions_total{kind="STREAM_BLOCK",outcome="delivered"}')).toBe(1);
    expect(sample(body, "redline_apply_retries_total")).toBe(2);
    expect(sample(body, "redline_shadow_actions_total")).toBe(1);
  });
});
