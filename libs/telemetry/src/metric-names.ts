/**
 * Stable Prometheus-style metric names. Dashboards and alerts depend on these:
 * rename only with a changelog entry. Labels are low-cardinality by rule
 * (topics, partitions, enums, method names) — never room, user or event ids.
 */
export const METRIC_NAMES = {
  eventsConsumed: "redline_events_consumed_total",
  decodeFailures: "redline_decode_failures_total",
  consumerLag: "redline_consumer_lag",
  groupLag: "redline_consumer_group_lag",
  oldestUnappliedAgeMs: "redline_engine_oldest_unapplied_age_ms",
  idleAdvances: "redline_engine_idle_advances_total",
  tableLagMs: "redline_engine_table_lag_ms",
  tableMinutesPassedOver: "redline_engine_table_minutes_passed_over_total",
  lateEvents: "redline_late_events_total",
  roomsEvicted: "redline_rooms_evicted_total",
  duplicateEvents: "redline_duplicate_events_total",
  handlerRetries: "redline_handler_retries_total",
  dlqRecords: "redline_dlq_records_total",
  scoringLatencyMs: "redline_scoring_latency_ms",
  eventToActionLatencyMs: "redline_event_to_action_latency_ms",
  alerts: "redline_alerts_total",
  actions: "redline_actions_total",
  applyRetries: "redline_apply_retries_total",
  shadowActions: "redline_shadow_actions_total",
  grpcServerLatencyMs: "redline_grpc_server_latency_ms",
  grpcClientLatencyMs: "redline_grpc_client_latency_ms",
  clickhouseBatchRows: "redline_clickhouse_batch_rows",
  clickhouseFailures: "redline_clickhouse_failures_total",
  evidencePending: "redline_archiver_evidence_pending",
  evidenceAbandoned: "redline_archiver_evidence_abandoned_total",
  stateBytes: "redline_state_bytes",
  stateRestoreMs: "redline_state_restore_ms",
  telemetryErrors: "redline_telemetry_errors_total",
} as const;

/** Histogram buckets, chosen for the ranges each measurement actually spans. */
export const BUCKETS = {
  /** Per-batch scoring and gRPC calls: sub-millisecond to a deadline of seconds. */
  fastMs: [0.5, 1, 2, 5, 10, 25, 50, 100, 250, 500, 1000, 2500, 5000, 10_000],
  /** Event time to platform action: window close plus delivery, up to minutes. */
  eventToActionMs: [100, 250, 500, 1000, 2000, 5000, 10_000, 20_000, 30_000, 60_000, 120_000, 300_000, 600_000],
  batchRows: [1, 10, 50, 100, 500, 1000, 5000, 10_000, 50_000, 100_000],
  restoreMs: [10, 50, 100, 500, 1000, 5000, 10_000, 30_000, 60_000, 300_000],
} as const;
