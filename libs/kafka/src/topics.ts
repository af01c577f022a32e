import type { Kafka } from "kafkajs";
import { TopicLayoutError } from "./errors";

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
    await admin.createTopics({
      waitForLeaders: true,
      topics: missing.map((s) => ({
        topic: s.topic,
        numPartitions: s.numPartitions,
        replicationFactor: -1,
        configEntries: Object.entries(s.configs ?? {}).map(([name, value]) => ({ name, value })),
      })),
    });
  } finally {
    await admin.disconnect();
  }
}

/** Partition count per topic; throws `TopicLayoutError` for a topic that does not exist. */
export async function partitionCounts(kafka: Kafka, topics: readonly string[]): Promise<Map<string, number>> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const meta = await admin.fetchTopicMetadata({ topics: [...topics] });
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
