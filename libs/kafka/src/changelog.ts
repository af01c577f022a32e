import type { Logger } from "@redline/common";
import type { Kafka } from "kafkajs";
import { earliestOffsets, latestOffsets } from "./offsets";
import { TopicReader } from "./topic-reader";

/**
 * The latest value of every key of a compacted topic, read from the oldest
 * retained offset to the high-water mark as of the call. Used to restore
 * state snapshots; a tombstone (empty value) removes the key.
 */
export async function readLatestByKey(kafka: Kafka, topic: string, logger: Logger): Promise<Map<string, Buffer>> {
  const [from, until] = await Promise.all([earliestOffsets(kafka, topic), latestOffsets(kafka, topic)]);
  const latest = new Map<string, Buffer>();
  const pending = new Set([...until].filter(([p, high]) => (from.get(p) ?? 0n) < high).map(([p]) => p));
  if (pending.size === 0) return latest;
  let done: () => void = () => undefined;
  const finished = new Promise<void>((resolve) => (done = resolve));
  const reader = await TopicReader.open({
    kafka,
    topic,
    from,
    logger,
    groupIdPrefix: "redline-changelog-reader",
    onRecords: async (records) => {
      for (const r of records) {
        if (r.offset >= until.get(r.partition)!) continue;
        const key = r.key?.toString("utf8") ?? "";
        if (r.value.length === 0) latest.delete(key);
        else latest.set(key, r.value);
        if (r.offset + 1n >= until.get(r.partition)!) pending.delete(r.partition);
      }
      if (pending.size === 0) done();
    },
  });
  try {
    await finished;
  } finally {
    await reader.stop();
  }
  return latest;
}
