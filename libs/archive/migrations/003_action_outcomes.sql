-- What became of each delivery of an action (issue 20): the dispatcher's
-- ActionOutcome records from `risk.action-outcomes`, so an evidence bundle
-- shows the platform's acknowledgement, not only the failures. One row per
-- delivery: a delivery cut short by a crash is made again and the platform
-- answers DUPLICATE, so an action may have several rows (APPLIED, then
-- DUPLICATE); the same outcome consumed twice is one row under FINAL or
-- LIMIT 1 BY, by (action_id, first_attempt_at_ms, attempts).
-- Kept with their action: the action's retention class (`key` for key rooms,
-- `evidence` otherwise) and partitioned by the action's issue day, so an
-- action and its outcomes expire together. A table of its own, like
-- event_records: CREATE … IF NOT EXISTS is re-runnable on 18.16.

CREATE TABLE IF NOT EXISTS action_outcomes (
  action_id String,
  alert_id String,
  room_id String,
  kind String,
  result String,
  attempts UInt32,
  first_attempt_at_ms Int64,
  finished_at_ms Int64,
  ack_status String,
  ack_message String,
  failure_reason String,
  failure_detail String,
  issued_at DateTime,
  issued_at_ms Int64,
  policy_version String,
  outcome_json String,
  retention_class String,
  ingested_at DateTime
) ENGINE = ReplacingMergeTree(ingested_at)
PARTITION BY (retention_class, toYYYYMMDD(issued_at))
ORDER BY (room_id, action_id, first_attempt_at_ms, attempts);
