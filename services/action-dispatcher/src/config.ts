import { ConfigError, EnvReader } from "@redline/common";
import type { DeliveryPolicy } from "@redline/dispatch";
import { DEFAULT_OUTPUT_TOPICS } from "@redline/events";
import { loadTlsConfig, parseTokens, TokenTable, type TlsConfig } from "@redline/grpc";
import { dlqTopicFor, type KafkaConfig, loadKafkaConfig, type RequiredTopic } from "@redline/kafka";

export interface DispatcherConfig {
  kafka: KafkaConfig;
  groupId: string;
  actionsTopic: string;
  alertsTopic: string;
  /** Where every delivery's ActionOutcome is published, keyed by actionId (issue 20). */
  outcomesTopic: string;
  /** The platform's ControlPlane; empty disables push delivery (pull-only platforms). */
  controlPlaneAddress: string;
  controlPlaneTls: TlsConfig & { enabled: boolean };
  delivery: DeliveryPolicy;
  /** ActionFeed server for platforms that pull; empty disables it. */
  actionFeedAddress: string;
  actionFeedTls: TlsConfig;
  /** Bearer tokens allowed to pull; empty map = no authentication (loopback demo only). */
  actionFeedTokens: TokenTable;
  partitionsConsumedConcurrently: number;
  /** How long a crashed member holds its partitions before another takes them and re-sends what it left uncommitted. */
  sessionTimeoutMs: number;
  logLevel: "debug" | "info" | "warn" | "error";
}

/** Reads REDLINE_DISPATCHER_*, REDLINE_CONTROL_PLANE_*, REDLINE_ACTION_FEED_*; fails naming the variable. */
export function loadConfig(env: Readonly<Record<string, string | undefined>>): DispatcherConfig {
  const r = new EnvReader(env);
  const tokens = r.optionalString("REDLINE_ACTION_FEED_TOKENS");
  // Set but empty turns the feed off (README); EnvReader would read it as unset
  // and listen on the default port, as every pipeline test did (issue 17).
  const actionFeedAddress =
    env.REDLINE_ACTION_FEED_ADDRESS?.trim() === "" ? "" : r.string("REDLINE_ACTION_FEED_ADDRESS", "127.0.0.1:7071");
  // Every action names rooms and accounts; an open feed beyond loopback would
  // hand them to anyone who can reach the port (issue 17, docs/security.md).
  if (tokens === undefined && actionFeedAddress !== "" && !isLoopback(actionFeedAddress)) {
    throw new ConfigError(
      "REDLINE_ACTION_FEED_TOKENS",
      `is required when REDLINE_ACTION_FEED_ADDRESS (${actionFeedAddress}) listens beyond loopback; set id:reader:token entries, or an empty address to turn the feed off`,
    );
  }
  const delivery = Object.freeze({
    deadlineMs: r.int("REDLINE_DISPATCHER_APPLY_DEADLINE_MS", 5000, { min: 10 }),
    retryBudgetMs: r.int("REDLINE_DISPATCHER_RETRY_BUDGET_MS", 15 * 60_000, { min: 0 }),
    initialBackoffMs: r.timerMs("REDLINE_DISPATCHER_INITIAL_BACKOFF_MS", 200, { min: 1 }),
    maxBackoffMs: r.timerMs("REDLINE_DISPATCHER_MAX_BACKOFF_MS", 30_000, { min: 1 }),
  });
  // The broker refuses less than its group.min.session.timeout.ms, 6 s by default.
  const sessionTimeoutMs = r.int("REDLINE_DISPATCHER_SESSION_TIMEOUT_MS", 30_000, { min: 6000 });
  checkDeliveryTimes(delivery, sessionTimeoutMs);
  return Object.freeze({
    kafka: loadKafkaConfig(env, "redline-action-dispatcher"),
    groupId: r.string("REDLINE_DISPATCHER_GROUP_ID", "redline-action-dispatcher"),
    actionsTopic: r.string("REDLINE_ACTIONS_TOPIC", DEFAULT_OUTPUT_TOPICS.actions),
    alertsTopic: r.string("REDLINE_ALERTS_TOPIC", DEFAULT_OUTPUT_TOPICS.alerts),
    outcomesTopic: r.string("REDLINE_ACTION_OUTCOMES_TOPIC", DEFAULT_OUTPUT_TOPICS.actionOutcomes),
    controlPlaneAddress: r.string("REDLINE_CONTROL_PLANE_ADDRESS", "127.0.0.1:7000"),
    controlPlaneTls: Object.freeze({
      ...loadTlsConfig(env, "REDLINE_CONTROL_PLANE"),
      enabled: r.bool("REDLINE_CONTROL_PLANE_TLS", false),
    }),
    delivery,
    actionFeedAddress,
    actionFeedTls: loadTlsConfig(env, "REDLINE_ACTION_FEED"),
    actionFeedTokens: tokens === undefined ? new TokenTable([]) : parseTokens(tokens, "REDLINE_ACTION_FEED_TOKENS"),
    partitionsConsumedConcurrently: r.int("REDLINE_DISPATCHER_CONCURRENT_PARTITIONS", 3, { min: 1 }),
    sessionTimeoutMs,
    logLevel: r.oneOf("REDLINE_LOG_LEVEL", ["debug", "info", "warn", "error"] as const, "info"),
  });
}

/**
 * Nothing heartbeats while an Apply waits on its deadline (kafkajs heartbeats only when asked, and a heartbeat
 * asked for within its interval of the last is skipped): a deadline past half the session timeout lets the group
 * take the partition mid-call and hand the chunk to another member, which sends it again.
 */
function checkDeliveryTimes(delivery: DeliveryPolicy, sessionTimeoutMs: number): void {
  if (delivery.deadlineMs * 2 > sessionTimeoutMs) {
    throw new ConfigError(
      "REDLINE_DISPATCHER_APPLY_DEADLINE_MS",
      `(${delivery.deadlineMs}) must be at most half of REDLINE_DISPATCHER_SESSION_TIMEOUT_MS (${sessionTimeoutMs}); lower the deadline or raise the session timeout`,
    );
  }
  if (delivery.initialBackoffMs > delivery.maxBackoffMs) {
    throw new ConfigError(
      "REDLINE_DISPATCHER_INITIAL_BACKOFF_MS",
      `(${delivery.initialBackoffMs}) must not exceed REDLINE_DISPATCHER_MAX_BACKOFF_MS (${delivery.maxBackoffMs})`,
    );
  }
}

/** Whether host:port listens on the loopback interface only. */
function isLoopback(address: string): boolean {
  const host = address.slice(0, address.lastIndexOf(":")).replace(/^\[|\]$/g, "");
  return host === "localhost" || host === "::1" || /^127\./.test(host);
}

/** Topics the dispatcher reads (actions) and writes (undeliverable actions, ACTION_UNDELIVERED alerts, delivery outcomes). */
export function requiredTopics(config: Pick<DispatcherConfig, "actionsTopic" | "alertsTopic" | "outcomesTopic">): RequiredTopic[] {
  return [
    { topic: config.actionsTopic, use: "actions, REDLINE_ACTIONS_TOPIC" },
    { topic: dlqTopicFor(config.actionsTopic), use: `dead letters of ${config.actionsTopic}` },
    { topic: config.alertsTopic, use: "ACTION_UNDELIVERED alerts, REDLINE_ALERTS_TOPIC" },
    { topic: config.outcomesTopic, use: "delivery outcomes, REDLINE_ACTION_OUTCOMES_TOPIC" },
  ];
}
