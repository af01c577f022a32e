import { BUCKETS, METRIC_NAMES } from "./metric-names";
import type { CounterInstrument, HistogramInstrument, MetricInstruments } from "./metric-instruments";

/**
 * The instruments the Kafka consumer, gateway, gRPC and ClickHouse adapters
 * report to, on `MetricInstruments`. The risk engine and the dispatcher bind
 * their own metrics ports; the consumer's port (`metric-adapters.ts`) is to
 * move the same way.
 */
export class RedlineMetrics {
  private readonly consumed: CounterInstrument;
  private readonly decodeFailures: CounterInstrument;
  private readonly handlerRetries: CounterInstrument;
  private readonly dlqRecords: CounterInstrument;
  private readonly eventToActionLatency: HistogramInstrument;
  private readonly grpcServerLatency: HistogramInstrument;
  private readonly grpcClientLatency: HistogramInstrument;
  private readonly clickhouseBatchRows: HistogramInstrument;
  private readonly clickhouseFailures: CounterInstrument;

  constructor(instruments: MetricInstruments) {
    this.consumed = instruments.counter(METRIC_NAMES.eventsConsumed, "Records fetched from Kafka, by topic");
    this.decodeFailures = instruments.counter(METRIC_NAMES.decodeFailures, "Records that failed to decode, by topic and reason");
    this.handlerRetries = instruments.counter(METRIC_NAMES.handlerRetries, "Retries of a failed batch handler, by topic");
    this.dlqRecords = instruments.counter(METRIC_NAMES.dlqRecords, "Records written to a dead-letter topic, by source topic and reason");
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

  eventsConsumed(topic: string, count = 1): void {
    this.consumed.add(count, { topic });
  }

  decodeFailed(topic: string, reason: string): void {
    this.decodeFailures.add(1, { topic, reason });
  }

  handlerRetried(topic: string): void {
    this.handlerRetries.add(1, { topic });
  }

  deadLettered(topic: string, reason: string, count = 1): void {
    this.dlqRecords.add(count, { topic, reason });
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
