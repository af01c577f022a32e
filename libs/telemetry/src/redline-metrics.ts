import type { Counter, Histogram, Meter, ObservableResult } from "@opentelemetry/api";
import { BUCKETS, METRIC_NAMES } from "./metric-names";

/**
 * Every Redline instrument, created once per meter. Methods take only
 * low-cardinality label values; gauges are set by their owners and read at
 * scrape time, so a stale partition is cleared with `forgetPartition`.
 */
export class RedlineMetrics {
  private readonly consumed: Counter;
  private readonly decodeFailures: Counter;
  private readonly lateEvents: Counter;
  private readonly roomsEvictedCounter: Counter;
  private readonly duplicateEventsCounter: Counter;
  private readonly handlerRetries: Counter;
  private readonly dlqRecords: Counter;
  private readonly scoringLatency: Histogram;
  private readonly eventToActionLatency: Histogram;
  private readonly alerts: Counter;
  private readonly actions: Counter;
  private readonly applyRetries: Counter;
  private readonly shadowActions: Counter;
  private readonly grpcServerLatency: Histogram;
  private readonly grpcClientLatency: Histogram;
  private readonly clickhouseBatchRows: Histogram;
  private readonly clickhouseFailures: Counter;
  private readonly stateRestore: Histogram;
  /** `topic|partition` → lag in records. */
  private readonly lagByPartition = new Map<string, { topic: string; partition: number; lag: number }>();
  private readonly stateBytesByPartition = new Map<number, number>();
  /** `group|topic|partition` → committed-offset lag read from the broker. */
  private readonly groupLagByPartition = new Map<string, { group: string; topic: string; partition: number; lag: number }>();
  private readonly oldestUnappliedByPartition = new Map<number, number>();
  private readonly idleAdvancesCounter: Counter;

  constructor(meter: Meter) {
    const counter = (name: string, description: string, unit = "1"): Counter =>
      meter.createCounter(name, { description, unit });
    const histogram = (name: string, description: string, unit: string, buckets: readonly number[]): Histogram =>
      meter.createHistogram(name, { description, unit, advice: { explicitBucketBoundaries: [...buckets] } });

    this.consumed = counter(METRIC_NAMES.eventsConsumed, "Records fetched from Kafka, by topic");
    this.decodeFailures = counter(METRIC_NAMES.decodeFailures, "Records that failed to decode, by topic and reason");
    this.lateEvents = counter(METRIC_NAMES.lateEvents, "Events older than the watermark allows, by topic");
    this.duplicateEventsCounter = counter(METRIC_NAMES.duplicateEvents, "Input records dropped as repeats of a room and event id already seen");
    this.roomsEvictedCounter = counter(METRIC_NAMES.roomsEvicted, "Rooms whose detector state was dropped early because a partition held its maximum of rooms");
    this.handlerRetries = counter(METRIC_NAMES.handlerRetries, "Retries of a failed batch handler, by topic");
    this.dlqRecords = counter(METRIC_NAMES.dlqRecords, "Records written to a dead-letter topic, by source topic and reason");
    this.scoringLatency = histogram(METRIC_NAMES.scoringLatencyMs, "Wall time to score one batch", "ms", BUCKETS.fastMs);
    this.eventToActionLatency = histogram(
      METRIC_NAMES.eventToActionLatencyMs,
      "From the triggering event's time to the platform acknowledging the action, by action kind",
      "ms",
      BUCKETS.eventToActionMs,
    );
    this.alerts = counter(METRIC_NAMES.alerts, "Alerts raised, by category, subcategory and severity");
    this.actions = counter(METRIC_NAMES.actions, "Actions handled by the dispatcher, by kind and delivery outcome");
    this.applyRetries = counter(METRIC_NAMES.applyRetries, "Retried ControlPlane.Apply calls");
    this.shadowActions = counter(METRIC_NAMES.shadowActions, "Actions not delivered because the policy runs in shadow mode");
    this.grpcServerLatency = histogram(METRIC_NAMES.grpcServerLatencyMs, "gRPC server handling time, by method and status code", "ms", BUCKETS.fastMs);
    this.grpcClientLatency = histogram(METRIC_NAMES.grpcClientLatencyMs, "gRPC client call time, by method and status code", "ms", BUCKETS.fastMs);
    this.clickhouseBatchRows = histogram(METRIC_NAMES.clickhouseBatchRows, "Rows per ClickHouse insert, by table", "1", BUCKETS.batchRows);
    this.clickhouseFailures = counter(METRIC_NAMES.clickhouseFailures, "Failed ClickHouse inserts, by table");
    this.idleAdvancesCounter = counter(METRIC_NAMES.idleAdvances, "Times a partition's input went quiet and its held events were applied up to the newest event time");
    this.stateRestore = histogram(METRIC_NAMES.stateRestoreMs, "Time to restore partition state from its changelog", "ms", BUCKETS.restoreMs);

    meter
      .createObservableGauge(METRIC_NAMES.consumerLag, { description: "Records behind the partition's end offset", unit: "1" })
      .addCallback((result: ObservableResult) => {
        for (const { topic, partition, lag } of this.lagByPartition.values()) result.observe(lag, { topic, partition: String(partition) });
      });
    meter
      .createObservableGauge(METRIC_NAMES.groupLag, { description: "Records between the group's committed offset and the end offset, read from the broker", unit: "1" })
      .addCallback((result: ObservableResult) => {
        for (const { group, topic, partition, lag } of this.groupLagByPartition.values()) result.observe(lag, { group, topic, partition: String(partition) });
      });
    meter
      .createObservableGauge(METRIC_NAMES.oldestUnappliedAgeMs, {
        description: "Wall time since the oldest event received but not yet applied by the engine was received, per partition",
        unit: "ms",
      })
      .addCallback((result: ObservableResult) => {
        for (const [partition, ms] of this.oldestUnappliedByPartition) result.observe(ms, { partition: String(partition) });
      });
    meter
      .createObservableGauge(METRIC_NAMES.stateBytes, { description: "Encoded size of a partition's detector state", unit: "By" })
      .addCallback((result: ObservableResult) => {
        for (const [partition, bytes] of this.stateBytesByPartition) result.observe(bytes, { partition: String(partition) });
      });
  }

  eventsConsumed(topic: string, count = 1): void {
    this.consumed.add(count, { topic });
  }

  decodeFailed(topic: string, reason: string): void {
    this.decodeFailures.add(1, { topic, reason });
  }

  setConsumerLag(topic: string, partition: number, lag: number): void {
    this.lagByPartition.set(`${topic}|${partition}`, { topic, partition, lag });
  }

  /** Broker-side lag of a consumer group, reported for every partition whether or not a member owns it. */
  setGroupLag(group: string, topic: string, partition: number, lag: number): void {
    this.groupLagByPartition.set(`${group}|${topic}|${partition}`, { group, topic, partition, lag });
  }

  /** How long the partition's oldest held event has waited, in wall time (0 when nothing is held). */
  setOldestUnappliedAgeMs(partition: number, ms: number): void {
    this.oldestUnappliedByPartition.set(partition, ms);
  }

  idleAdvanced(count = 1): void {
    this.idleAdvancesCounter.add(count);
  }

  lateEvent(topic: string, count = 1): void {
    this.lateEvents.add(count, { topic });
  }

  /** Repeats of an input record (an at-least-once producer's retry), dropped by the engine. */
  duplicateEvents(count: number): void {
    this.duplicateEventsCounter.add(count);
  }

  /** State dropped before its room ended: detections in those rooms start over. */
  roomsEvicted(count: number): void {
    this.roomsEvictedCounter.add(count);
  }

  handlerRetried(topic: string): void {
    this.handlerRetries.add(1, { topic });
  }

  deadLettered(topic: string, reason: string, count = 1): void {
    this.dlqRecords.add(count, { topic, reason });
  }

  scoringLatencyMs(ms: number): void {
    this.scoringLatency.record(ms);
  }

  eventToActionLatencyMs(kind: string, ms: number): void {
    // Clock skew between producer and dispatcher can make this negative; clamp, not drop.
    this.eventToActionLatency.record(Math.max(0, ms), { kind });
  }

  alertRaised(category: string, subcategory: string, severity: string): void {
    this.alerts.add(1, { category, subcategory, severity });
  }

  actionDelivered(kind: string, outcome: string): void {
    this.actions.add(1, { kind, outcome });
  }

  applyRetried(): void {
    this.applyRetries.add(1);
  }

  shadowSkipped(): void {
    this.shadowActions.add(1);
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

  setStateBytes(partition: number, bytes: number): void {
    this.stateBytesByPartition.set(partition, bytes);
  }

  stateRestoredMs(ms: number): void {
    this.stateRestore.record(ms);
  }

  /** Stops reporting gauges for a partition this member no longer owns (rebalance). */
  forgetPartition(partition: number, topic?: string): void {
    this.stateBytesByPartition.delete(partition);
    this.oldestUnappliedByPartition.delete(partition);
    for (const [key, entry] of this.lagByPartition) {
      if (entry.partition === partition && (topic === undefined || entry.topic === topic)) this.lagByPartition.delete(key);
    }
  }
}
