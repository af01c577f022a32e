import { loadClickHouseConfig, type ClickHouseConfig } from "@redline/clickhouse";
import { ConfigError, EnvReader } from "@redline/common";
import { DEFAULT_OUTPUT_TOPICS } from "@redline/events";
import { loadTlsConfig, parseTokens, type TlsConfig, type TokenTable } from "@redline/grpc";
import { loadKafkaConfig, type KafkaConfig, type RequiredTopic } from "@redline/kafka";

export interface GatewayConfig {
  /** host:port to listen on; port 0 picks a free one (tests). */
  address: string;
  alertsTopic: string;
  feedbackTopic: string;
  /** Bearer token → principal, from REDLINE_GATEWAY_TOKENS. */
  tokens: TokenTable;
  tls: TlsConfig;
  kafka: KafkaConfig;
  /** The archive GetEvidence reads; undefined when REDLINE_GATEWAY_EVIDENCE_STORE=none. */
  evidenceClickHouse: ClickHouseConfig | undefined;
  /** Recent alerts held in memory for all clients together. */
  ringCapacity: number;
  /** Matching alerts held per client before it counts as full. */
  maxQueuedAlertsPerClient: number;
  /** How long a client's buffer may stay full before it is disconnected. */
  slowClientGraceMs: number;
  /** Most Kafka catch-up reads (clients resuming from before the ring) at once. */
  maxCatchUpReaders: number;
  /** Longest review note accepted, in characters. */
  maxNoteChars: number;
  /** Largest request message accepted, in bytes; a larger one is refused with RESOURCE_EXHAUSTED before it is decoded. */
  maxReceiveMessageBytes: number;
  /** Tail streams one principal may have open at once; one more is refused with RESOURCE_EXHAUSTED. */
  maxTailsPerClient: number;
  shutdownTimeoutMs: number;
  logLevel: "debug" | "info" | "warn" | "error";
}

/** Reads the gateway's configuration; throws `ConfigError` naming the bad variable. */
export function loadConfig(env: Readonly<Record<string, string | undefined>>): GatewayConfig {
  const r = new EnvReader(env);
  const tokenSpec = r.optionalString("REDLINE_GATEWAY_TOKENS");
  if (tokenSpec === undefined) {
    throw new ConfigError("REDLINE_GATEWAY_TOKENS", "is required (id:inspector:token, id:admin:token or id:reader:token, comma-separated)");
  }
  const tokens = parseTokens(tokenSpec, "REDLINE_GATEWAY_TOKENS");
  if (tokens.size === 0) throw new ConfigError("REDLINE_GATEWAY_TOKENS", "names no token");
  const ringCapacity = r.int("REDLINE_GATEWAY_RING_CAPACITY", 10_000, { min: 1, max: 1_000_000 });
  const maxQueued = r.int("REDLINE_GATEWAY_MAX_QUEUED_ALERTS", 1000, { min: 1, max: 100_000 });
  if (maxQueued > ringCapacity) {
    throw new ConfigError(
      "REDLINE_GATEWAY_MAX_QUEUED_ALERTS",
      `(${maxQueued}) must not exceed REDLINE_GATEWAY_RING_CAPACITY (${ringCapacity}); raise the ring or lower the queue`,
    );
  }
  return Object.freeze({
    address: r.string("REDLINE_GATEWAY_ADDRESS", "127.0.0.1:7070"),
    alertsTopic: r.string("REDLINE_ALERTS_TOPIC", DEFAULT_OUTPUT_TOPICS.alerts),
    feedbackTopic: r.string("REDLINE_FEEDBACK_TOPIC", DEFAULT_OUTPUT_TOPICS.feedback),
    tokens,
    tls: loadTlsConfig(env, "REDLINE_GATEWAY"),
    kafka: loadKafkaConfig(env, "alert-gateway"),
    evidenceClickHouse:
      r.oneOf("REDLINE_GATEWAY_EVIDENCE_STORE", ["clickhouse", "none"] as const, "clickhouse") === "clickhouse"
        ? loadClickHouseConfig(env)
        : undefined,
    ringCapacity,
    maxQueuedAlertsPerClient: maxQueued,
    slowClientGraceMs: r.timerMs("REDLINE_GATEWAY_SLOW_CLIENT_GRACE_MS", 10_000, { min: 10 }),
    maxCatchUpReaders: r.int("REDLINE_GATEWAY_MAX_CATCH_UP_READERS", 16, { min: 0, max: 1000 }),
    maxNoteChars: r.int("REDLINE_GATEWAY_MAX_NOTE_CHARS", 4000, { min: 1, max: 100_000 }),
    // The largest honest request is a Tail naming 1,000 rooms of 256-byte ids,
    // or a 100,000-character note (4 bytes a character at worst): 512 KiB covers both.
    maxReceiveMessageBytes: r.int("REDLINE_GATEWAY_MAX_MESSAGE_BYTES", 512 * 1024, { min: 1024, max: 64 * 1024 * 1024 }),
    maxTailsPerClient: r.int("REDLINE_GATEWAY_MAX_TAILS_PER_CLIENT", 16, { min: 1, max: 10_000 }),
    shutdownTimeoutMs: r.timerMs("REDLINE_GATEWAY_SHUTDOWN_TIMEOUT_MS", 5000, { min: 0 }),
    logLevel: r.oneOf("REDLINE_LOG_LEVEL", ["debug", "info", "warn", "error"] as const, "info"),
  });
}

/** Topics the gateway reads (alerts, for Tail) and writes (feedback, from Review). */
export function requiredTopics(config: Pick<GatewayConfig, "alertsTopic" | "feedbackTopic">): RequiredTopic[] {
  return [
    { topic: config.alertsTopic, use: "alerts, REDLINE_ALERTS_TOPIC" },
    { topic: config.feedbackTopic, use: "feedback, REDLINE_FEEDBACK_TOPIC" },
  ];
}
