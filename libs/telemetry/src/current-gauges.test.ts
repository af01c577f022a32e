import { AggregationTemporality, InMemoryMetricExporter, MeterProvider, PeriodicExportingMetricReader } from "@opentelemetry/sdk-metrics";
import { createJsonLogger } from "@redline/common";
import { TelemetryErrorHandler } from "./error-handler";
import { GuardedMetricExporter } from "./guarded-exporters";
import { MetricInstruments } from "./metric-instruments";

describe("gauges on the push (OTLP) path", () => {
  it("stop exporting a forgotten series after it was exported once; counters stay cumulative", async () => {
    const inner = new InMemoryMetricExporter(AggregationTemporality.CUMULATIVE);
    const reader = new PeriodicExportingMetricReader({ exporter: new GuardedMetricExporter(inner, new TelemetryErrorHandler({ logger: createJsonLogger({ level: "error", write: () => undefined }) })), exportIntervalMillis: 3_600_000 });
    const provider = new MeterProvider({ readers: [reader] });
    const instruments = new MetricInstruments(provider.getMeter("test"));
    const lag = instruments.gauge("test_lag", "lag");
    const consumed = instruments.counter("test_consumed_total", "consumed");
    /** The series (partition: value) and counter total of the latest export. */
    const exported = async (): Promise<{ lag: Record<string, number>; consumed: number }> => {
      await reader.forceFlush();
      const metrics = inner.getMetrics().at(-1)!.scopeMetrics.flatMap((s) => s.metrics);
      const points = (name: string) => metrics.find((m) => m.descriptor.name === name)?.dataPoints ?? [];
      return {
        lag: Object.fromEntries(points("test_lag").map((p) => [String(p.attributes.partition), p.value as number])),
        consumed: points("test_consumed_total").reduce((n, p) => n + (p.value as number), 0),
      };
    };

    lag.set(5, { partition: "1" });
    lag.set(9, { partition: "2" });
    consumed.add(3);
    expect(await exported()).toEqual({ lag: { "1": 5, "2": 9 }, consumed: 3 });
    lag.forget((labels) => labels.partition === "2");
    consumed.add(2);
    expect(await exported()).toEqual({ lag: { "1": 5 }, consumed: 5 });
    await provider.shutdown();
  });
});
