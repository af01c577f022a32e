import { EnvReader } from "@redline/common";
import { DEFAULT_CREW_CONFIG, type CrewConfig } from "@redline/crews";
import { DEFAULT_OUTPUT_TOPICS, DEFAULT_TABLE_TOPICS } from "@redline/events";
import { dlqTopicFor, type KafkaConfig, loadKafkaConfig, type RequiredTopic } from "@redline/kafka";

export interface CrewDetectorConfig {
  kafka: KafkaConfig;
  activityTopic: string;
  alertsTopic: string;
  accountRiskTopic: string;
  /** Compacted topic holding the detector's snapshot with its offsets (created by the service). */
  changelogTopic: string;
  /** A snapshot is taken each time the release frontier enters a new block of this many event-time minutes. */
  snapshotEveryMinutes: number;
  /** Records held above the frontier beyond which the reader stops fetching until it moves. */
  maxHeldRecords: number;
  crew: Partial<CrewConfig>;
  logLevel: "debug" | "info" | "warn" | "error";
}

/** Reads REDLINE_CREWS_* and the shared variables; fails naming the variable. */
export function loadConfig(env: Readonly<Record<string, string | undefined>>): CrewDetectorConfig {
  const r = new EnvReader(env);
  return Object.freeze({
    kafka: loadKafkaConfig(env, "redline-crew-detector"),
    activityTopic: r.string("REDLINE_ACCOUNT_ACTIVITY_TOPIC", DEFAULT_OUTPUT_TOPICS.accountActivity),
    alertsTopic: r.string("REDLINE_ALERTS_TOPIC", DEFAULT_OUTPUT_TOPICS.alerts),
    accountRiskTopic: r.string("REDLINE_ACCOUNT_RISK_TOPIC", DEFAULT_TABLE_TOPICS.accountRisk),
    changelogTopic: r.string("REDLINE_CREWS_CHANGELOG_TOPIC", "redline-crew-detector.state"),
    snapshotEveryMinutes: r.int("REDLINE_CREWS_SNAPSHOT_EVERY_MINUTES", 1, { min: 1 }),
    maxHeldRecords: r.int("REDLINE_CREWS_MAX_HELD_RECORDS", 500_000, { min: 1000 }),
    crew: Object.freeze({ windowMs: r.int("REDLINE_CREWS_WINDOW_MS", DEFAULT_CREW_CONFIG.windowMs, { min: 60_000 }) }),
    logLevel: r.oneOf("REDLINE_LOG_LEVEL", ["debug", "info", "warn", "error"] as const, "info"),
  });
}

/** Topics the service reads or writes that it does not create itself (it creates its changelog). */
export function requiredTopics(config: Pick<CrewDetectorConfig, "activityTopic" | "alertsTopic" | "accountRiskTopic">): RequiredTopic[] {
  return [
    { topic: config.activityTopic, use: "input, REDLINE_ACCOUNT_ACTIVITY_TOPIC" },
    { topic: dlqTopicFor(config.activityTopic), use: `dead letters of ${config.activityTopic}` },
    { topic: config.alertsTopic, use: "alerts output, REDLINE_ALERTS_TOPIC" },
    { topic: config.accountRiskTopic, use: "account-risk table output, REDLINE_ACCOUNT_RISK_TOPIC" },
  ];
}
