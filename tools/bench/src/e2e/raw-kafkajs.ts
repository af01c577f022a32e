import type { Kafka } from "kafkajs";
import type { CeilingResult } from "./consumer-performance";

/**
 * kafkajs's eachBatch doing no work: fetch and hand over, commit by kafkajs's
 * own interval. The ceiling of any kafkajs consumer on this topic and broker.
 * Timed from the group join to the last record; CPU of this process over the same window.
 */
export async function runRawKafkajs(kafka: Kafka, topic: string, records: number, fetch: { maxBytesPerPartition?: number } = {}): Promise<CeilingResult> {
  const consumer = kafka.consumer({ groupId: `bench-raw-${Date.now()}`, ...fetch });
  let joinedAt = 0n;
  let cpuAtJoin = process.cpuUsage();
  let seen = 0;
  let done: () => void = () => undefined;
  const finished = new Promise<void>((r) => (done = r));
  let endedAt = 0n;
  let cpuAtEnd = cpuAtJoin;
  consumer.on(consumer.events.GROUP_JOIN, () => {
    joinedAt = process.hrtime.bigint();
    cpuAtJoin = process.cpuUsage();
  });
  await consumer.connect();
  await consumer.subscribe({ topic, fromBeginning: true });
  await consumer.run({
    eachBatch: async ({ batch }) => {
      seen += batch.messages.length;
      if (seen >= records && endedAt === 0n) {
        endedAt = process.hrtime.bigint();
        cpuAtEnd = process.cpuUsage(cpuAtJoin);
        done();
      }
    },
  });
  await finished;
  await consumer.disconnect();
  const elapsedMs = Number(endedAt - joinedAt) / 1e6;
  return {
    name: `kafkajs eachBatch, no work${fetch.maxBytesPerPartition ? ` (${fetch.maxBytesPerPartition / 1024} KiB/partition)` : ""}`,
    records: seen,
    elapsedMs,
    perSecond: (seen / elapsedMs) * 1000,
    cpuSeconds: (cpuAtEnd.user + cpuAtEnd.system) / 1e6,
  };
}
