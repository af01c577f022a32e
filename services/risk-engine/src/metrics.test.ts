import { silentLogger } from "@redline/common";
import { initTelemetry, loadTelemetryConfig, type Telemetry } from "@redline/telemetry";
import { riskEngineMetricsOn } from "./metrics";

async function scrape(telemetry: Telemetry): Promise<string> {
  return (await fetch(telemetry.metricsUrl!)).text();
}

function sample(body: string, series: string): number | undefined {
  const line = body.split("\n").find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1).trim().split(" ")[0]);
}

describe("the risk engine's metrics on telemetry", () => {
  let telemetry: Telemetry;
  beforeEach(async () => {
    telemetry = await initTelemetry(loadTelemetryConfig({ REDLINE_METRICS_PORT: "0" }, "risk-engine"), { logger: silentLogger });
  });
  afterEach(() => telemetry.shutdown());

  it("exports under the names dashboards and alert rules use", async () => {
    const m = riskEngineMetricsOn(telemetry.instruments);
    m.alertRaised("FAKE_ENGAGEMENT", "FAKE_LIKES", "HIGH");
    m.lateEvent("input", 3);
    m.roomsEvicted(2);
    m.roomsEvicted(1);
    m.duplicateEvents(4);
    m.idleAdvanced(1);
    m.setConsumerLag("live.comments", 3, 42);
    m.setGroupLag("risk-engine", "live.comments", 3, 40);
    m.setStateBytes(3, 2048);
    m.setOldestUnappliedAgeMs(3, 500);
    m.setTableLagMs("account-risk", 90_000);
    m.tableMinutesPassedOver("account-risk", 2);
    m.tableMinutesPassedOver("account-risk", 1);
    m.stateRestoredMs(20);
    m.scoringLatencyMs(0.7);
    const body = await scrape(telemetry);
    expect(sample(body, 'redline_alerts_total{category="FAKE_ENGAGEMENT",subcategory="FAKE_LIKES",severity="HIGH"}')).toBe(1);
    expect(sample(body, 'redline_late_events_total{topic="input"}')).toBe(3);
    expect(sample(body, "redline_rooms_evicted_total")).toBe(3);
    expect(sample(body, "redline_duplicate_events_total")).toBe(4);
    expect(sample(body, "redline_engine_idle_advances_total")).toBe(1);
    expect(sample(body, 'redline_consumer_lag{topic="live.comments",partition="3"}')).toBe(42);
    expect(sample(body, 'redline_consumer_group_lag{group="risk-engine",topic="live.comments",partition="3"}')).toBe(40);
    expect(sample(body, 'redline_state_bytes{partition="3"}')).toBe(2048);
    expect(sample(body, 'redline_engine_oldest_unapplied_age_ms{partition="3"}')).toBe(500);
    expect(sample(body, 'redline_engine_table_lag_ms{table="account-risk"}')).toBe(90_000);
    expect(sample(body, 'redline_engine_table_minutes_passed_over_total{table="account-risk"}')).toBe(3);
    expect(sample(body, "redline_state_restore_ms_count")).toBe(1);
    expect(sample(body, 'redline_scoring_latency_ms_bucket{le="1"}')).toBe(1);
  });

  it("drops a partition's gauges after forgetPartition (rebalance), and two bindings share the series", async () => {
    const a = riskEngineMetricsOn(telemetry.instruments);
    const b = riskEngineMetricsOn(telemetry.instruments);
    a.setConsumerLag("t", 1, 5);
    b.setConsumerLag("t", 2, 7);
    a.setStateBytes(1, 10);
    a.setOldestUnappliedAgeMs(1, 3);
    a.lateEvent("input", 1);
    b.lateEvent("input", 1);
    b.forgetPartition(1);
    const body = await scrape(telemetry);
    expect(sample(body, 'redline_consumer_lag{topic="t",partition="1"}')).toBeUndefined();
    expect(sample(body, 'redline_consumer_lag{topic="t",partition="2"}')).toBe(7);
    expect(sample(body, 'redline_state_bytes{partition="1"}')).toBeUndefined();
    expect(sample(body, 'redline_engine_oldest_unapplied_age_ms{partition="1"}')).toBeUndefined();
    expect(sample(body, 'redline_late_events_total{topic="input"}')).toBe(2);
  });
});
