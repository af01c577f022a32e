-- Redline's archive. Every table is a ReplacingMergeTree keyed by its id, so a
-- redelivered batch adds no visible duplicate: reads use FINAL (or LIMIT 1 BY
-- id). Retention is by partition: the partition key starts with the row's
-- retention class, and the archiver's retention job drops whole partitions past
-- their class's age (no TTL: ClickHouse 18.16 lacks it). The sort key leaves the
-- class out on purpose: an event copied from `transient` to `evidence` is one
-- row under FINAL, and outlives the transient copy when that partition drops.

CREATE TABLE IF NOT EXISTS alerts (
  alert_id String,
  room_id String,
  subject_user_id String,
  category String,
  subcategory String,
  severity String,
  score Float64,
  event_time DateTime,
  event_time_ms Int64,
  summary String,
  evidence_event_ids Array(String),
  model_version String,
  policy_version String,
  alert_json String,
  retention_class String,
  ingested_at DateTime
) ENGINE = ReplacingMergeTree(ingested_at)
PARTITION BY (retention_class, toYYYYMMDD(event_time))
ORDER BY (room_id, alert_id);

CREATE TABLE IF NOT EXISTS actions (
  action_id String,
  alert_id String,
  room_id String,
  target_user_id String,
  kind String,
  category String,
  subcategory String,
  issued_at DateTime,
  issued_at_ms Int64,
  expires_at_ms Int64,
  policy_version String,
  shadow UInt8,
  action_json String,
  retention_class String,
  ingested_at DateTime
) ENGINE = ReplacingMergeTree(ingested_at)
PARTITION BY (retention_class, toYYYYMMDD(issued_at))
ORDER BY (room_id, action_id);

CREATE TABLE IF NOT EXISTS feedback (
  alert_id String,
  room_id String,
  inspector_id String,
  verdict String,
  note String,
  reviewed_at DateTime,
  reviewed_at_ms Int64,
  retention_class String,
  ingested_at DateTime
) ENGINE = ReplacingMergeTree(ingested_at)
PARTITION BY (retention_class, toYYYYMMDD(reviewed_at))
ORDER BY (alert_id, inspector_id, reviewed_at_ms);

CREATE TABLE IF NOT EXISTS events (
  event_id String,
  room_id String,
  platform String,
  body_case String,
  event_time DateTime,
  event_time_ms Int64,
  event_json String,
  retention_class String,
  ingested_at DateTime
) ENGINE = ReplacingMergeTree(ingested_at)
PARTITION BY (retention_class, toYYYYMMDD(event_time))
ORDER BY (room_id, event_id);
