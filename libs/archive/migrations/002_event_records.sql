-- The Kafka records input events arrived in, byte for byte, with where they
-- were read (topic, partition, offset), so an evidence bundle (issue 20) can
-- show the platform's own bytes beside the decoded event. Kept in the classes
-- a bundle draws on: `transient` (for two days, so an alert's evidence can
-- still be copied to `evidence` when input lags the alert), `key` and
-- `evidence`; not in `normal`, the sample of ordinary rooms kept for
-- statistics, where it would double the largest class for no dispute.
-- A table of its own rather than columns on `events`: CREATE … IF NOT EXISTS
-- is idempotent on 18.16, which has no ADD COLUMN IF NOT EXISTS, so a
-- migration cut short is finished by the next run; and readers of `events`
-- do not pay for the bytes. Same partitioning and replacing key as `events`.

CREATE TABLE IF NOT EXISTS event_records (
  event_id String,
  room_id String,
  event_time DateTime,
  kafka_topic String,
  kafka_partition Int32,
  kafka_offset Int64,
  kafka_timestamp_ms Int64,
  key_base64 String,
  has_key UInt8,
  value_base64 String,
  headers_json String,
  retention_class String,
  ingested_at DateTime
) ENGINE = ReplacingMergeTree(ingested_at)
PARTITION BY (retention_class, toYYYYMMDD(event_time))
ORDER BY (room_id, event_id);
