import { DEFAULT_INPUT_TOPICS, type BodyCase } from "@redline/events";
import { ensureTopics } from "@redline/kafka";
import type { LiveEvent } from "@redline/proto";
import { SIMULATION_EPOCH_MS } from "@redline/simulator";
import type { Admin, Kafka, Message } from "kafkajs";
import { benchEvents } from "./bench-events";
import type { BenchSettings } from "./bench-settings";
import { toMessage } from "./topic-fill";

/**
 * The throughput topic's events split into one topic per kind, as platforms
 * publish them (live.likes, live.views, ... in deployment): the engine's
 * event-time merge then has nine lanes per partition number to hold and wait
 * for, which the one-topic bench never exercises. Kept and reused like the
 * one-topic pair. Returns the topics in a fixed order.
 */
export async function splitBenchTopics(kafka: Kafka, admin: Admin, settings: BenchSettings, say: (line: string) => void): Promise<string[]> {
  const base = `bench-e2e.v2.s${settings.seed}-n${settings.records}-r${settings.rooms}-z${settings.zipfS}-p${settings.partitions}.split`;
  const kinds = Object.keys(DEFAULT_INPUT_TOPICS) as BodyCase[];
  const topicOf = new Map(kinds.map((k) => [k, `${base}.${k}`]));
  const topics = [...topicOf.values()];
  if (await holdsAll(admin, topics, settings.records)) {
    say(`reusing the split topics ${base}.*`);
    return topics;
  }
  const existing = (await admin.listTopics()).filter((t) => topics.includes(t));
  if (existing.length > 0) await admin.deleteTopics({ topics: existing });
  await ensureTopics(kafka, topics.map((topic) => ({ topic, numPartitions: settings.partitions })));
  say(`filling the split topics ${base}.* with ${settings.records.toLocaleString("en-US")} events`);
  // Event times end now, as in the one-topic pair (benchTopics).
  const shiftMs = Date.now() - (SIMULATION_EPOCH_MS + (Math.ceil(settings.records / 500_000) + 1) * 3_600_000);
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  const events = benchEvents({ seed: settings.seed, rooms: settings.rooms, zipfS: settings.zipfS, withText: true });
  try {
    for (let sent = 0; sent < settings.records; ) {
      const byTopic = new Map<string, Message[]>();
      for (const end = Math.min(settings.records, sent + 5000); sent < end; sent++) {
        const next = events.next();
        if (next.done === true) throw new RangeError(`event source ended after ${sent} of ${settings.records} events`);
        const e: LiveEvent = { ...next.value, eventTimeMs: next.value.eventTimeMs + shiftMs };
        const topic = topicOf.get(e.body!.$case)!;
        const batch = byTopic.get(topic) ?? [];
        batch.push(toMessage(e, settings.partitions));
        byTopic.set(topic, batch);
      }
      await producer.sendBatch({ topicMessages: [...byTopic].map(([topic, messages]) => ({ topic, messages })), acks: -1 });
    }
  } finally {
    await producer.disconnect();
  }
  return topics;
}

async function holdsAll(admin: Admin, topics: readonly string[], records: number): Promise<boolean> {
  const listed = new Set(await admin.listTopics());
  if (!topics.every((t) => listed.has(t))) return false;
  let total = 0;
  for (const t of topics) for (const o of await admin.fetchTopicOffsets(t)) total += Number(o.high) - Number(o.low);
  return total === records;
}
