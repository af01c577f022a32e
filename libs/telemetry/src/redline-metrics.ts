import { BUCKETS, METRIC_NAMES } from "./metric-names";
import type { CounterInstrument, HistogramInstrument, MetricInstruments } from "./metric-instruments";

/**
 * The instruments the gRPC and ClickHouse adapters and the dispatcher's
 * latency report to, on `MetricInstruments`. The risk engine, the dispatcher,
 * the archiver and the Kafka consumer have ports of their own, bound to
 * these same instruments by name (`consumerMetricsOn` for the consumer).
 */
export class RedlineMetrics {
  private readonly eventToActionLatency: HistogramInstrument;
  private readonly grpcServerLatency: HistogramInstrument;
  private readonly grpcClientLatency: HistogramInstrument;
  private readonly clickhouseBatchRows: HistogramInstrument;
  private readonly clickhouseFailures: CounterInstrument;

  constructor(instruments: MetricInstruments) {
    this.eventToActionLatency = instruments.histogram(
      METRIC_NAMES.eventToActionLatencyMs,
      "From the triggering event's time to the platform acknowledging the action, by action kind",
      "ms",
      BUCKETS.eventToActionMs,
    );
    this.grpcServerLatency = instruments.histogram(METRIC_NAMES.grpcServerLatencyMs, "gRPC server handling time, by method and status code", "ms", BUCKETS.fastMs);
    this.grpcClientLatency = instruments.histogram(METRIC_NAMES.grpcClientLatencyMs, "gRPC client call time, by method and status code", "ms", BUCKETS.fastMs);
    this.clickhouseBatchRows = instruments.histogram(METRIC_NAMES.clickhouseBatchRows, "Rows per ClickHouse insert, by table", "1", BUCKETS.batchRows);
    this.clickhouseFailures = instruments.counter(METRIC_NAMES.clickhouseFailures, "Failed ClickHouse inserts, by table");
  }

  eventToActionLatencyMs(kind: string, ms: number): void {
    // Clock skew between producer and dispatcher can make this negative; clamp, not drop.
    this.eventToActionLatency.record(Math.max(0, ms), { kind });
  }

  grpcServerCall(method: string, code: string, ms: number): void {
    this.grpcServerLatency.record(ms, { method, code });
  }

  grpcClientCall(method: string, code: string, ms: number): void {
    this.grpcClientLatency.record(ms, { method, code });
  }

  clickhouseBatch(table: string, rows: number): void {
    this.clickhouseBatchRows.record(rows, { table });
  }

  clickhouseFailed(table: string): void {
    this.clickhouseFailures.add(1, { table });
  }
}
