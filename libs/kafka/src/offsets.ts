import type { Admin, Kafka } from "kafkajs";

/**
 * Offsets by topic, then partition. Offsets in this package's consumer-group
 * API are `bigint`: they are int64 (a number is exact only to 2^53), and
 * callers compare them and add to them, which strings would make them parse
 * first (and "9" > "10"). kafkajs's decimal strings are converted here, in
 * the consumer and in the topic reader, nowhere else.
 */
export type TopicOffsets = Map<string, Map<number, bigint>>;

/** Next offset to read, per partition of one topic. */
export type PartitionOffsets = ReadonlyMap<number, bigint>;

/** The oldest retained offset (low-water mark) of every partition of `topic`. */
export async function earliestOffsets(kafka: Kafka, topic: string): Promise<Map<number, bigint>> {
  return (await topicWatermarks(kafka, topic)).low;
}

/** The live end (high-water mark) of every partition of `topic`. */
export async function latestOffsets(kafka: Kafka, topic: string): Promise<Map<number, bigint>> {
  return (await topicWatermarks(kafka, topic)).high;
}

async function topicWatermarks(kafka: Kafka, topic: string): Promise<{ low: Map<number, bigint>; high: Map<number, bigint> }> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const { low, high } = await fetchWatermarks(admin, [topic]);
    return { low: low.get(topic) ?? new Map(), high: high.get(topic) ?? new Map() };
  } finally {
    await admin.disconnect();
  }
}

/**
 * Low- and high-water marks (oldest retained offset, next offset to be
 * written) of every partition of `topics`.
 */
export async function fetchWatermarks(admin: Admin, topics: readonly string[]): Promise<{ low: TopicOffsets; high: TopicOffsets }> {
  const low: TopicOffsets = new Map();
  const high: TopicOffsets = new Map();
  const fetched = await Promise.all(topics.map(async (topic) => [topic, await admin.fetchTopicOffsets(topic)] as const));
  for (const [topic, offsets] of fetched) {
    low.set(topic, new Map(offsets.map((o) => [o.partition, BigInt(o.low)])));
    high.set(topic, new Map(offsets.map((o) => [o.partition, BigInt(o.high)])));
  }
  return { low, high };
}

/** The group's committed offsets; a partition the group never committed is absent. */
export async function fetchCommittedOffsets(admin: Admin, groupId: string, topics: readonly string[]): Promise<TopicOffsets> {
  const out: TopicOffsets = new Map();
  for (const t of await admin.fetchOffsets({ groupId, topics: [...topics] })) {
    const committed = new Map<number, bigint>();
    // kafkajs reports "-1" for a partition without a commit.
    for (const p of t.partitions) if (BigInt(p.offset) >= 0n) committed.set(p.partition, BigInt(p.offset));
    out.set(t.topic, committed);
  }
  return out;
}

/**
 * The high-water mark (next offset to be written) of every partition of
 * `topics`, by topic then partition: what a consumer has not read yet lies
 * below it. For code outside a consumer group (tools); a member asks its
 * `EventConsumer`.
 */
export async function highWatermarks(kafka: Kafka, topics: readonly string[]): Promise<TopicOffsets> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    return (await fetchWatermarks(admin, topics)).high;
  } finally {
    await admin.disconnect();
  }
}
