import { retry } from "@redline/common";
import type { Admin, Kafka } from "kafkajs";
import { MissingTopicsError, TopicLayoutError } from "./errors";

const METADATA_RETRY = { maxAttempts: 30, initialDelayMs: 100, maxDelayMs: 2000 };

/**
 * Waits until every partition of `topics` has a leader in fresh metadata. A
 * just-created topic can take a while to show up everywhere (a cold broker,
 * a loaded machine), and a consumer subscribing before then fails.
 */
async function waitForLeaders(admin: Admin, topics: readonly string[]): Promise<void> {
  await retry(async () => {
    const meta = await admin.fetchTopicMetadata({ topics: [...topics] });
    const missing = topics.filter((t) => {
      const found = meta.topics.find((m) => m.name === t);
      return !found || found.partitions.length === 0 || found.partitions.some((p) => p.leader < 0);
    });
    if (missing.length > 0) {
      throw new TopicLayoutError(`topics without leaders yet: ${missing.join(", ")}`, { missing });
    }
    // A leader named in metadata may not serve its log yet; ListOffsets is answered by the leader itself.
    for (const t of topics) await admin.fetchTopicOffsets(t);
  }, { ...METADATA_RETRY, shouldRetry: () => true });
}

export interface TopicSpec {
  topic: string;
  numPartitions: number;
  /** e.g. `{ "cleanup.policy": "compact" }` for changelogs. */
  configs?: Record<string, string>;
}

/** Creates the topics that do not exist yet; existing ones are left as they are. */
export async function ensureTopics(kafka: Kafka, specs: readonly TopicSpec[]): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await admin.listTopics());
    const missing = specs.filter((s) => !existing.has(s.topic));
    if (missing.length === 0) return;
    try {
      await admin.createTopics({
        waitForLeaders: true,
        topics: missing.map((s) => ({
          topic: s.topic,
          numPartitions: s.numPartitions,
          replicationFactor: -1,
          configEntries: Object.entries(s.configs ?? {}).map(([name, value]) => ({ name, value })),
        })),
      });
    } catch (err) {
      // kafkajs' own wait gives up on UNKNOWN_TOPIC_OR_PARTITION while a new topic propagates on a loaded
      // broker (2 of 5 local integration runs during an eval); the topic was created, so wait below instead.
      if ((err as { type?: string }).type !== "UNKNOWN_TOPIC_OR_PARTITION") throw err;
    }
    await waitForLeaders(admin, missing.map((s) => s.topic));
  } finally {
    await admin.disconnect();
  }
}

/** Partition count per topic; throws `TopicLayoutError` for a topic that does not exist. */
export async function partitionCounts(kafka: Kafka, topics: readonly string[]): Promise<Map<string, number>> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    // Retriable metadata errors (a topic still propagating) are retried; a missing topic is reported below.
    const meta = await retry(() => admin.fetchTopicMetadata({ topics: [...topics] }), METADATA_RETRY);
    const counts = new Map(meta.topics.map((t) => [t.name, t.partitions.length]));
    for (const t of topics) {
      if (!counts.has(t) || counts.get(t) === 0) {
        throw new TopicLayoutError(`topic ${t} does not exist`, { topic: t });
      }
    }
    return counts;
  } finally {
    await admin.disconnect();
  }
}

/** A topic a service reads or writes, with what it is for (named when it is missing). */
export interface RequiredTopic {
  topic: string;
  /** e.g. "alerts output, REDLINE_ALERTS_TOPIC" or "dead letters of live.likes". */
  use: string;
}

/**
 * Fails with `MissingTopicsError`, naming every one, when any of `required`
 * does not exist. Services call it before they connect a consumer or a
 * producer: Redline does not create the topics it is given (partition
 * counts, retention and ACLs are the operator's), `redline topics ensure`
 * does. Retriable metadata errors are retried first.
 */
export async function requireTopics(kafka: Kafka, required: readonly RequiredTopic[]): Promise<void> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const existing = new Set(await retry(() => admin.listTopics(), METADATA_RETRY));
    const seen = new Set<string>();
    const missing = required.filter((r) => !existing.has(r.topic) && !seen.has(r.topic) && seen.add(r.topic));
    if (missing.length > 0) throw new MissingTopicsError(missing);
  } finally {
    await admin.disconnect();
  }
}
