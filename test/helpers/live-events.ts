import { DEFAULT_INPUT_TOPICS, encodeMessage } from "@redline/events";
import { dlqTopicFor, ensureTopics, type OutputRecord, partitionForKey, type RecordProducer } from "@redline/kafka";
import type { Kafka } from "kafkajs";
import { LiveEvent } from "@redline/proto";

/** The input topics under a test's own prefix. */
export function inputTopics(prefix: string): string[] {
  return [...new Set(Object.values(DEFAULT_INPUT_TOPICS))].map((t) => prefix + t);
}

/**
 * The topics a risk-engine test needs under its prefix: the eight inputs with `partitions` each, a DLQ
 * per input, and `alerts` and `actions` (with the actions DLQ the dispatcher writes to).
 */
export async function ensureEngineTopics(kafka: Kafka, prefix: string, partitions: number): Promise<void> {
  const inputs = inputTopics(prefix);
  await ensureTopics(kafka, [
    ...inputs.map((topic) => ({ topic, numPartitions: partitions })),
    ...inputs.map((topic) => ({ topic: dlqTopicFor(topic), numPartitions: 1 })),
    { topic: `${prefix}alerts`, numPartitions: partitions },
    { topic: `${prefix}actions`, numPartitions: partitions },
    { topic: dlqTopicFor(`${prefix}actions`), numPartitions: 1 },
    // The dispatcher publishes delivery outcomes; the archiver reads them (issue 20).
    { topic: `${prefix}action-outcomes`, numPartitions: partitions },
    { topic: dlqTopicFor(`${prefix}action-outcomes`), numPartitions: 1 },
  ]);
}

/**
 * The risk engine's environment for a test that compares it with `redline replay` on a day-old backlog
 * under `prefix`: its own inputs, actions and group, no policy and no product table (so no version stamp or
 * claim differs from replay's), a quick idle timeout so quiet partitions mark their progress, and a past
 * skew that admits the backlog. `overrides` come last.
 */
export function replayComparableEngineEnv(prefix: string, overrides: Record<string, string> = {}): Record<string, string> {
  return {
    ...(process.env as Record<string, string>),
    REDLINE_INPUT_TOPICS: inputTopics(prefix).join(","),
    REDLINE_ALERTS_TOPIC: `${prefix}alerts`,
    REDLINE_ACTIONS_TOPIC: `${prefix}actions`,
    REDLINE_ENGINE_GROUP_ID: `${prefix}engine`,
    REDLINE_ENGINE_IDLE_TIMEOUT_MS: "1000",
    REDLINE_ENGINE_SESSION_TIMEOUT_MS: "10000",
    REDLINE_POLICY_FILE: "off",
    REDLINE_PRODUCTS_TOPIC: "off",
    REDLINE_MAX_PAST_SKEW_MS: String(7 * 86_400_000),
    ...overrides,
  };
}

/** A room id that Kafka's default partitioner puts on partition `p` of `partitions`. */
export function roomOnPartition(p: number, base: string, partitions: number): string {
  for (let i = 0; ; i++) if (partitionForKey(`${base}-${i}`, partitions) === p) return `${base}-${i}`;
}

/** Publishes events to `prefix + <topic of their body>`, keyed by room, in order, in batches. */
export async function publishEvents(producer: RecordProducer, prefix: string, events: readonly LiveEvent[], batchSize = 500): Promise<void> {
  for (let i = 0; i < events.length; i += batchSize) {
    const byTopic = new Map<string, OutputRecord[]>();
    for (const e of events.slice(i, i + batchSize)) {
      const topic = prefix + DEFAULT_INPUT_TOPICS[e.body!.$case];
      const enc = encodeMessage(LiveEvent, e, "protobuf");
      byTopic.set(topic, [...(byTopic.get(topic) ?? []), { key: e.roomId, value: enc.value, headers: { "content-type": enc.contentType } }]);
    }
    await producer.sendMany([...byTopic].map(([topic, records]) => ({ topic, records })));
  }
}
