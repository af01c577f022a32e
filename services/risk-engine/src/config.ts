import { EnvReader } from "@redline/common";
import { combinerActsFrom, contentConfigForThresholds, DEFAULT_ENGINE_CONFIG, DEFAULT_ROOMS_PER_SLICE, type EngineConfig } from "@redline/engine";
import { PIPELINE_DEFAULTS } from "@redline/pipeline";
import { DEFAULT_INPUT_TOPICS, DEFAULT_OUTPUT_TOPICS, DEFAULT_TABLE_TOPICS, loadValidationLimits, type ValidationLimits } from "@redline/events";
import { dlqTopicFor, type KafkaConfig, loadKafkaConfig, type RequiredTopic } from "@redline/kafka";

export interface RiskEngineConfig {
  kafka: KafkaConfig;
  groupId: string;
  inputTopics: readonly string[];
  alertsTopic: string;
  actionsTopic: string;
  /**
   * Where account-activity records and progress marks go for the crew
   * detector (issue 21); "" when the engine publishes none
   * (REDLINE_ENGINE_ACCOUNT_ACTIVITY, off unless set: npm start and deploy/ set it).
   */
  accountActivityTopic: string;
  /**
   * The crew detector's account-risk minute table (issue 21), read whole and
   * held on: an event is applied once the table is ready for its time
   * (libs/pipeline MinuteTableHold); "" when not read
   * (REDLINE_ENGINE_READ_ACCOUNT_RISK, by default on when the engine
   * publishes account activity: the loop `redline replay --crews` runs).
   */
  accountRiskTopic: string;
  /**
   * The peer baselines' minute table (issue 12): every partition writes its
   * partials there and reads the merged table back, held on until it is
   * ready; "" when off (REDLINE_ENGINE_BASELINES, off by default: today the
   * peer quantiles only explain findings).
   */
  baselinesTopic: string;
  /**
   * Wall time a minute table (account risk, baselines) may stand still while
   * the watermark is past it before the engine stops waiting on it until it
   * moves (REDLINE_ENGINE_TABLE_MAX_WAIT_MS; 0 waits for ever). Past it,
   * alerts may differ from replay's: libs/pipeline `TableWaitBound`.
   */
  maxTableWaitMs: number;
  /** Compacted table of product facts read whole by every instance (issue 22); "" when turned off. */
  productsTopic: string;
  /**
   * Whether REDLINE_PRODUCTS_TOPIC was set: a named table must exist; the default one is
   * read when it exists and otherwise skipped with a warning (claims are then unverifiable).
   */
  productsTopicRequired: boolean;
  /** Compacted topic holding one state snapshot per input partition number. */
  changelogTopic: string;
  snapshotIntervalMs: number;
  /**
   * Rooms encoded per step of a snapshot, between which the event loop runs other work and the
   * partition goes on (#15); 0 encodes the whole state at once inside the partition's turn, as before.
   */
  snapshotRoomsPerSlice: number;
  /** Wall time without input after which a partition's held events are applied (0: never). */
  idleTimeoutMs: number;
  /** How often the group's lag is read from the broker (0: never). */
  lagPollMs: number;
  limits: ValidationLimits;
  engine: Partial<EngineConfig>;
  /** Live action policy file (hot-reloaded); empty (set as `off`) disables actions. */
  policyFile: string;
  /** Candidate policy run in shadow beside the live one; empty for none. */
  shadowPolicyFile: string;
  policyPollMs: number;
  maxRecordsPerChunk: number;
  /**
   * Input partitions (topic and number) whose batches kafkajs hands over at once. The engine is one
   * thread, so this does not add a core: it lets one partition score while another waits on its produce
   * and commit. A partition number's topics still take turns (`PartitionTask.exclusive`), so each
   * partition's order and commit-after-produce hold.
   */
  partitionsConsumedConcurrently: number;
  /**
   * Fetch size per partition. kafkajs fetches again only once every batch of the last fetch is handled, so
   * while draining a backlog each fetch costs a wait; smaller keeps the topics of a partition closer in event
   * time (the merge holds less), `maxQueuedPerTopic` bounds what it holds either way.
   */
  maxBytesPerPartition: number;
  /** Events held per topic lane while the merge waits for a slower topic; beyond it the lane pauses. */
  maxQueuedPerTopic: number;
  sessionTimeoutMs: number;
  logLevel: "debug" | "info" | "warn" | "error";
}

/** Reads REDLINE_ENGINE_* and the shared variables; fails naming the variable. */
/**
 * `off` runs the engine without actions (as `off` turns the products table off). A blank value cannot
 * say so: like every variable here, a blank one is read as unset and takes the default policy.
 */
function policyFileOf(value: string): string {
  return value.toLowerCase() === "off" ? "" : value;
}

export function loadConfig(env: Readonly<Record<string, string | undefined>>): RiskEngineConfig {
  const r = new EnvReader(env);
  const groupId = r.string("REDLINE_ENGINE_GROUP_ID", "redline-risk-engine");
  return Object.freeze({
    kafka: loadKafkaConfig(env, "redline-risk-engine"),
    groupId,
    inputTopics: Object.freeze(r.list("REDLINE_INPUT_TOPICS", [...new Set(Object.values(DEFAULT_INPUT_TOPICS))])),
    alertsTopic: r.string("REDLINE_ALERTS_TOPIC", DEFAULT_OUTPUT_TOPICS.alerts),
    actionsTopic: r.string("REDLINE_ACTIONS_TOPIC", DEFAULT_OUTPUT_TOPICS.actions),
    // Off unless asked for: an engine embedded in a test would otherwise write to the shared activity topic.
    accountActivityTopic: r.bool("REDLINE_ENGINE_ACCOUNT_ACTIVITY", false) ? r.string("REDLINE_ACCOUNT_ACTIVITY_TOPIC", DEFAULT_OUTPUT_TOPICS.accountActivity) : "",
    // On with the activity unless turned off: an engine that feeds the crew detector reads its table back, as replay --crews does.
    accountRiskTopic: r.bool("REDLINE_ENGINE_READ_ACCOUNT_RISK", r.bool("REDLINE_ENGINE_ACCOUNT_ACTIVITY", false)) ? r.string("REDLINE_ACCOUNT_RISK_TOPIC", DEFAULT_TABLE_TOPICS.accountRisk) : "",
    // "off" runs without product facts: claims are then unverifiable and only superlatives (LOW) alert.
    baselinesTopic: r.bool("REDLINE_ENGINE_BASELINES", false) ? r.string("REDLINE_BASELINES_TOPIC", DEFAULT_TABLE_TOPICS.baselines) : "",
    // Five minutes: a healthy table moves at least once per event-time minute plus a round trip, so only a stuck producer waits this long.
    maxTableWaitMs: r.int("REDLINE_ENGINE_TABLE_MAX_WAIT_MS", 300_000, { min: 0 }),
    productsTopic: ((t) => (t === "off" ? "" : t))(r.optionalString("REDLINE_PRODUCTS_TOPIC") ?? DEFAULT_TABLE_TOPICS.products),
    productsTopicRequired: r.optionalString("REDLINE_PRODUCTS_TOPIC") !== undefined,
    changelogTopic: r.string("REDLINE_ENGINE_CHANGELOG_TOPIC", `${groupId}.state`),
    snapshotIntervalMs: r.timerMs("REDLINE_ENGINE_SNAPSHOT_INTERVAL_MS", 30_000, { min: 0 }),
    snapshotRoomsPerSlice: r.int("REDLINE_ENGINE_SNAPSHOT_ROOMS_PER_SLICE", DEFAULT_ROOMS_PER_SLICE, { min: 0 }),
    idleTimeoutMs: r.int("REDLINE_ENGINE_IDLE_TIMEOUT_MS", PIPELINE_DEFAULTS.idleTimeoutMs, { min: 0 }),
    lagPollMs: r.timerMs("REDLINE_ENGINE_LAG_POLL_MS", 10_000, { min: 0 }),
    limits: loadValidationLimits(env),
    engine: Object.freeze({
      allowedLatenessMs: r.int("REDLINE_ENGINE_ALLOWED_LATENESS_MS", PIPELINE_DEFAULTS.allowedLatenessMs, { min: 0 }),
      maxRooms: r.int("REDLINE_ENGINE_MAX_ROOMS_PER_PARTITION", DEFAULT_ENGINE_CONFIG.maxRooms, { min: 1 }),
      dedupeWindowMs: r.int("REDLINE_ENGINE_DEDUPE_WINDOW_MS", DEFAULT_ENGINE_CONFIG.dedupeWindowMs, { min: 0 }),
      // Per-label text thresholds (issue 14); `redline replay` reads the same variable, so both agree.
      content: contentConfigForThresholds(env.REDLINE_TEXT_THRESHOLDS),
      // Whether the fitted falsification combiner's findings are acted on (MEDIUM) or evidence only (LOW); replay reads it too.
      falsification: { ...DEFAULT_ENGINE_CONFIG.falsification, combinerActs: combinerActsFrom(env.REDLINE_ENGINE_COMBINER_ACTS) },
    }),
    policyFile: policyFileOf(r.string("REDLINE_POLICY_FILE", "deploy/policy/default-policy.json")),
    shadowPolicyFile: r.optionalString("REDLINE_SHADOW_POLICY_FILE") ?? "",
    policyPollMs: r.timerMs("REDLINE_POLICY_POLL_MS", 2000, { min: 100 }),
    // Draining a backlog, 1 MiB fetches in chunks of 5,000 with 8 partitions in flight took 1.7-2.9 times the
    // records/s of 256 KiB, chunks of 1,000 and one partition at a time, at 0.74 of the CPU per record (#15, docs/performance.md).
    maxRecordsPerChunk: r.int("REDLINE_ENGINE_MAX_RECORDS_PER_BATCH", 5000, { min: 1 }),
    partitionsConsumedConcurrently: r.int("REDLINE_ENGINE_PARTITIONS_CONCURRENTLY", 8, { min: 1 }),
    maxBytesPerPartition: r.int("REDLINE_ENGINE_MAX_BYTES_PER_PARTITION", 1024 * 1024, { min: 1024 }),
    maxQueuedPerTopic: r.int("REDLINE_ENGINE_MAX_QUEUED_PER_TOPIC", 20_000, { min: 100 }),
    sessionTimeoutMs: r.int("REDLINE_ENGINE_SESSION_TIMEOUT_MS", 30_000, { min: 6000 }),
    logLevel: r.oneOf("REDLINE_LOG_LEVEL", ["debug", "info", "warn", "error"] as const, "info"),
  });
}

/** Topics the engine reads or writes that it does not create itself (it creates its changelog). */
export function requiredTopics(
  config: Pick<RiskEngineConfig, "inputTopics" | "alertsTopic" | "actionsTopic"> & Partial<Pick<RiskEngineConfig, "productsTopic" | "productsTopicRequired" | "accountActivityTopic" | "accountRiskTopic" | "baselinesTopic">>,
): RequiredTopic[] {
  const products = config.productsTopicRequired === true ? (config.productsTopic ?? "") : "";
  return [
    ...(products === ""
      ? []
      : [
          { topic: products, use: "product facts table, REDLINE_PRODUCTS_TOPIC" },
          { topic: dlqTopicFor(products), use: `dead letters of ${products}` },
        ]),
    ...config.inputTopics.map((topic) => ({ topic, use: "input, REDLINE_INPUT_TOPICS" })),
    ...config.inputTopics.map((topic) => ({ topic: dlqTopicFor(topic), use: `dead letters of ${topic}` })),
    { topic: config.alertsTopic, use: "alerts output, REDLINE_ALERTS_TOPIC" },
    { topic: config.actionsTopic, use: "actions output, REDLINE_ACTIONS_TOPIC" },
    ...(config.accountActivityTopic ? [{ topic: config.accountActivityTopic, use: "account-activity output, REDLINE_ACCOUNT_ACTIVITY_TOPIC (REDLINE_ENGINE_ACCOUNT_ACTIVITY=true)" }] : []),
    ...(config.accountRiskTopic
      ? [
          { topic: config.accountRiskTopic, use: "account-risk table, REDLINE_ACCOUNT_RISK_TOPIC (REDLINE_ENGINE_READ_ACCOUNT_RISK=true)" },
          { topic: dlqTopicFor(config.accountRiskTopic), use: `dead letters of ${config.accountRiskTopic}` },
        ]
      : []),
    ...(config.baselinesTopic
      ? [
          { topic: config.baselinesTopic, use: "peer baselines table, REDLINE_BASELINES_TOPIC (REDLINE_ENGINE_BASELINES=true)" },
          { topic: dlqTopicFor(config.baselinesTopic), use: `dead letters of ${config.baselinesTopic}` },
        ]
      : []),
  ];
}
