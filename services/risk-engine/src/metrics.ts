import { BUCKETS, METRIC_NAMES, type MetricInstruments } from "@redline/telemetry";

/**
 * What the risk engine reports (its metrics port). `riskEngineMetricsOn`
 * binds it to the telemetry lib's instruments under the names dashboards and
 * alert rules use; without telemetry the service reports nowhere.
 */
export interface RiskEngineMetrics {
  alertRaised(category: string, subcategory: string, severity: string): void;
  lateEvent(topic: string, count: number): void;
  /** Repeats of an input record (an at-least-once producer's retry), dropped by the engine. */
  duplicateEvents(count: number): void;
  idleAdvanced(count: number): void;
  /** State dropped before its room ended: detections in those rooms start over. */
  roomsEvicted(count: number): void;
  /** Wall time to score one released event, averaged over a release. */
  scoringLatencyMs(ms: number): void;
  setConsumerLag(topic: string, partition: number, lag: number): void;
  /** Broker-side lag of the group, for every partition whether or not this member owns it. */
  setGroupLag(group: string, topic: string, partition: number, lag: number): void;
  setOldestUnappliedAgeMs(partition: number, ms: number): void;
  /** Event time by which the newest watermark of this member's partitions is past a minute table's ready time (#21); 0 when it is not. */
  setTableLagMs(table: string, ms: number): void;
  /** Event-time minutes applied without waiting for a minute table that stood still past its bound. */
  tableMinutesPassedOver(table: string, minutes: number): void;
  setStateBytes(partition: number, bytes: number): void;
  stateRestoredMs(ms: number): void;
  /** Stops reporting gauges of a partition this member no longer owns. */
  forgetPartition(partition: number): void;
}

export const noopRiskEngineMetrics: RiskEngineMetrics = {
  alertRaised: () => undefined,
  lateEvent: () => undefined,
  duplicateEvents: () => undefined,
  idleAdvanced: () => undefined,
  roomsEvicted: () => undefined,
  scoringLatencyMs: () => undefined,
  setConsumerLag: () => undefined,
  setGroupLag: () => undefined,
  setOldestUnappliedAgeMs: () => undefined,
  setTableLagMs: () => undefined,
  tableMinutesPassedOver: () => undefined,
  setStateBytes: () => undefined,
  stateRestoredMs: () => undefined,
  forgetPartition: () => undefined,
};

export function riskEngineMetricsOn(instruments: MetricInstruments): RiskEngineMetrics {
  const alerts = instruments.counter(METRIC_NAMES.alerts, "Alerts raised, by category, subcategory and severity");
  const late = instruments.counter(METRIC_NAMES.lateEvents, "Events older than the watermark allows, by topic");
  const duplicates = instruments.counter(METRIC_NAMES.duplicateEvents, "Input records dropped as repeats of a room and event id already seen");
  const idleAdvances = instruments.counter(METRIC_NAMES.idleAdvances, "Times a partition's input went quiet and its held events were applied up to the newest event time");
  const evicted = instruments.counter(METRIC_NAMES.roomsEvicted, "Rooms whose detector state was dropped early because a partition held its maximum of rooms");
  const scoring = instruments.histogram(METRIC_NAMES.scoringLatencyMs, "Wall time to score one batch", "ms", BUCKETS.fastMs);
  const restore = instruments.histogram(METRIC_NAMES.stateRestoreMs, "Time to restore partition state from its changelog", "ms", BUCKETS.restoreMs);
  const lag = instruments.gauge(METRIC_NAMES.consumerLag, "Records behind the partition's end offset");
  const groupLag = instruments.gauge(METRIC_NAMES.groupLag, "Records between the group's committed offset and the end offset, read from the broker");
  const unapplied = instruments.gauge(
    METRIC_NAMES.oldestUnappliedAgeMs,
    "Wall time since the oldest event received but not yet applied by the engine was received, per partition",
    "ms",
  );
  const tableLag = instruments.gauge(
    METRIC_NAMES.tableLagMs,
    "Event time by which the newest watermark of this member's partitions is past a minute table's ready time, by table; the engine holds what lies beyond",
    "ms",
  );
  const passedOver = instruments.counter(METRIC_NAMES.tableMinutesPassedOver, "Event-time minutes the engine applied without waiting for a minute table that stood still past REDLINE_ENGINE_TABLE_MAX_WAIT_MS, by table");
  const stateBytes = instruments.gauge(METRIC_NAMES.stateBytes, "Encoded size of a partition's detector state", "By");
  return {
    alertRaised: (category, subcategory, severity) => alerts.add(1, { category, subcategory, severity }),
    lateEvent: (topic, count) => late.add(count, { topic }),
    duplicateEvents: (count) => duplicates.add(count),
    idleAdvanced: (count) => idleAdvances.add(count),
    roomsEvicted: (count) => evicted.add(count),
    scoringLatencyMs: (ms) => scoring.record(ms),
    setConsumerLag: (topic, partition, value) => lag.set(value, { topic, partition: String(partition) }),
    setGroupLag: (group, topic, partition, value) => groupLag.set(value, { group, topic, partition: String(partition) }),
    setOldestUnappliedAgeMs: (partition, ms) => unapplied.set(ms, { partition: String(partition) }),
    setTableLagMs: (table, ms) => tableLag.set(ms, { table }),
    tableMinutesPassedOver: (table, minutes) => passedOver.add(minutes, { table }),
    setStateBytes: (partition, bytes) => stateBytes.set(bytes, { partition: String(partition) }),
    stateRestoredMs: (ms) => restore.record(ms),
    forgetPartition: (partition) => {
      const owned = (labels: Readonly<Record<string, string>>) => labels.partition === String(partition);
      for (const gauge of [lag, unapplied, stateBytes]) gauge.forget(owned);
    },
  };
}
