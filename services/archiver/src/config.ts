import { DEFAULT_RETENTION_DAYS, type RetentionDays } from "@redline/archive";
import { loadClickHouseConfig, type ClickHouseConfig } from "@redline/clickhouse";
import { ConfigError, EnvReader } from "@redline/common";
import { DEFAULT_INPUT_TOPICS, DEFAULT_OUTPUT_TOPICS, loadValidationLimits, type ValidationLimits } from "@redline/events";
import { dlqTopicFor, type KafkaConfig, loadKafkaConfig, type RequiredTopic } from "@redline/kafka";

export interface ArchiverConfig {
  kafka: KafkaConfig;
  clickhouse: ClickHouseConfig;
  groupId: string;
  alertsTopic: string;
  actionsTopic: string;
  feedbackTopic: string;
  /** The dispatcher's delivery outcomes (issue 20). */
  outcomesTopic: string;
  inputTopics: readonly string[];
  /** Input limits, the risk engine's (same variables): what it dead-letters is not archived. */
  limits: Readonly<ValidationLimits>;
  /** Share of ordinary rooms' input events kept beyond the transient class. */
  eventSampleRate: number;
  maxKeyRooms: number;
  retentionDays: RetentionDays;
  retentionIntervalMs: number;
  /** How long after an alert's event time the events it cites are looked for: the transient retention (issue 17). */
  evidenceLookupWindowMs: number;
  maxRecordsPerChunk: number;
  logLevel: "debug" | "info" | "warn" | "error";
}

/** Reads REDLINE_ARCHIVER_* (and the shared Kafka and ClickHouse variables); fails naming the variable. */
export function loadConfig(env: Readonly<Record<string, string | undefined>>): ArchiverConfig {
  // Key rooms had a second definition here (100,000 followers against the policy's 1,000,000); set, it
  // would now be ignored silently, so it fails instead (issue 13).
  if (env.REDLINE_KEY_ROOM_MIN_FOLLOWERS !== undefined) {
    throw new ConfigError("REDLINE_KEY_ROOM_MIN_FOLLOWERS", "is no longer read: key rooms are the policy's (keyRooms.minFollowers and minSalesCents in the policy file); remove it");
  }
  // A wall-clock bound on the evidence look-up lost cited events whenever the input lagged longer (issue 17);
  // the bound is now the transient retention, so the old variable fails rather than being ignored.
  if (env.REDLINE_ARCHIVER_EVIDENCE_RETRY_MS !== undefined) {
    throw new ConfigError(
      "REDLINE_ARCHIVER_EVIDENCE_RETRY_MS",
      "is no longer read: cited events are looked for until the transient retention (REDLINE_RETENTION_TRANSIENT_DAYS) has passed since the alert; remove it",
    );
  }
  const r = new EnvReader(env);
  const retentionDays: RetentionDays = Object.freeze({
    transient: r.int("REDLINE_RETENTION_TRANSIENT_DAYS", DEFAULT_RETENTION_DAYS.transient, { min: 1 }),
    normal: r.int("REDLINE_RETENTION_NORMAL_DAYS", DEFAULT_RETENTION_DAYS.normal, { min: 1 }),
    key: r.int("REDLINE_RETENTION_KEY_DAYS", DEFAULT_RETENTION_DAYS.key, { min: 1 }),
    evidence: r.int("REDLINE_RETENTION_EVIDENCE_DAYS", DEFAULT_RETENTION_DAYS.evidence, { min: 1 }),
  });
  return Object.freeze({
    kafka: loadKafkaConfig(env, "redline-archiver"),
    clickhouse: loadClickHouseConfig(env),
    groupId: r.string("REDLINE_ARCHIVER_GROUP_ID", "redline-archiver"),
    alertsTopic: r.string("REDLINE_ALERTS_TOPIC", DEFAULT_OUTPUT_TOPICS.alerts),
    actionsTopic: r.string("REDLINE_ACTIONS_TOPIC", DEFAULT_OUTPUT_TOPICS.actions),
    feedbackTopic: r.string("REDLINE_FEEDBACK_TOPIC", DEFAULT_OUTPUT_TOPICS.feedback),
    outcomesTopic: r.string("REDLINE_ACTION_OUTCOMES_TOPIC", DEFAULT_OUTPUT_TOPICS.actionOutcomes),
    inputTopics: Object.freeze(r.list("REDLINE_INPUT_TOPICS", [...new Set(Object.values(DEFAULT_INPUT_TOPICS))])),
    limits: loadValidationLimits(env),
    eventSampleRate: r.number("REDLINE_ARCHIVER_EVENT_SAMPLE_RATE", 1, { min: 0, max: 1 }),
    maxKeyRooms: r.int("REDLINE_ARCHIVER_MAX_KEY_ROOMS", 100_000, { min: 1 }),
    retentionDays,
    retentionIntervalMs: r.timerMs("REDLINE_ARCHIVER_RETENTION_INTERVAL_MS", 3_600_000, { min: 1000 }),
    evidenceLookupWindowMs: retentionDays.transient * 86_400_000,
    maxRecordsPerChunk: r.int("REDLINE_ARCHIVER_MAX_RECORDS_PER_BATCH", 2000, { min: 1 }),
    logLevel: r.oneOf("REDLINE_LOG_LEVEL", ["debug", "info", "warn", "error"] as const, "info"),
  });
}

/** Topics the archiver reads, and the dead-letter topics of the outputs it refuses records of. */
export function requiredTopics(
  config: Pick<ArchiverConfig, "alertsTopic" | "actionsTopic" | "feedbackTopic" | "outcomesTopic" | "inputTopics">,
): RequiredTopic[] {
  const outputs = [
    { topic: config.alertsTopic, use: "alerts, REDLINE_ALERTS_TOPIC" },
    { topic: config.actionsTopic, use: "actions, REDLINE_ACTIONS_TOPIC" },
    { topic: config.feedbackTopic, use: "feedback, REDLINE_FEEDBACK_TOPIC" },
    { topic: config.outcomesTopic, use: "delivery outcomes, REDLINE_ACTION_OUTCOMES_TOPIC" },
  ];
  return [
    ...outputs,
    ...outputs.map(({ topic }) => ({ topic: dlqTopicFor(topic), use: `dead letters of ${topic}` })),
    ...config.inputTopics.map((topic) => ({ topic, use: "input, REDLINE_INPUT_TOPICS" })),
  ];
}
