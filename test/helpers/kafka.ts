import { silentLogger } from "@redline/common";
import { createKafkaClient, headersToStrings, loadKafkaConfig } from "@redline/kafka";
import type { Kafka } from "kafkajs";
import { randomId, waitFor } from "./wait";

export function testKafka(clientId = "redline-test"): Kafka {
  return createKafkaClient(loadKafkaConfig(process.env, clientId), silentLogger);
}

export interface ReadRecord {
  partition: number;
  offset: string;
  key: string | null;
  value: Buffer;
  headers: Record<string, string>;
  /** The record's Kafka timestamp (when it was published). */
  timestampMs: number;
}

/** Reads a topic from the beginning with a throw-away group until `count` records arrived. */
export async function readTopic(kafka: Kafka, topic: string, count: number, timeoutMs = 30_000): Promise<ReadRecord[]> {
  const collector = await collectTopic(kafka, topic);
  try {
    await waitFor(() => collector.records.length >= count, { timeoutMs, what: `${count} records on ${topic}` });
  } finally {
    await collector.stop();
  }
  return [...collector.records];
}

/** Committed offset per partition for a group (-1 when nothing is committed). */
export async function committedOffsets(kafka: Kafka, groupId: string, topic: string): Promise<Map<number, string>> {
  const admin = kafka.admin();
  await admin.connect();
  try {
    const res = await admin.fetchOffsets({ groupId, topics: [topic] });
    return new Map(res[0]!.partitions.map((p) => [p.partition, p.offset]));
  } finally {
    await admin.disconnect();
  }
}

export interface TopicCollector {
  readonly records: ReadRecord[];
  stop(): Promise<void>;
}

/** Collects everything on `topic` (from the beginning) in the background until stopped. */
export async function collectTopic(kafka: Kafka, topic: string): Promise<TopicCollector> {
  const consumer = kafka.consumer({ groupId: randomId("collector"), maxWaitTimeInMs: 200 });
  const records: ReadRecord[] = [];
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  await consumer.run({
    eachMessage: async ({ partition, message }) => {
      records.push({
        partition,
        offset: message.offset,
        key: message.key?.toString("utf8") ?? null,
        value: message.value ?? Buffer.alloc(0),
        headers: headersToStrings(message.headers),
        timestampMs: Number(message.timestamp),
      });
    },
  });
  return { records, stop: () => consumer.disconnect() };
}
