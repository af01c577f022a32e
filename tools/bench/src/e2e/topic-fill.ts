import { encodeMessage } from "@redline/events";
import { ensureTopics, partitionForKey } from "@redline/kafka";
import { LiveEvent } from "@redline/proto";
import type { Kafka, Message } from "kafkajs";

export interface FillTarget {
  topic: string;
  /** What of each event goes to this topic (the event itself, or a variant of it). */
  variant: (e: LiveEvent) => LiveEvent;
}

export interface FillResult {
  records: number;
  /** Value bytes written to the first target. */
  bytes: number;
  elapsedMs: number;
}

/**
 * Writes `count` events to each target topic (created with `partitions`),
 * keyed by room, each event's time moved by `shiftMs` and the record
 * timestamp set to it (what the engine's skew check compares against).
 * One pass over the source for all targets; several batches in flight: this
 * loads a backlog, it does not measure the producer.
 */
export async function fillTopics(
  kafka: Kafka,
  targets: readonly FillTarget[],
  partitions: number,
  events: Iterator<LiveEvent>,
  count: number,
  shiftMs: number,
  onEvent: (e: LiveEvent) => void = () => undefined,
): Promise<FillResult> {
  await ensureTopics(kafka, targets.map((t) => ({ topic: t.topic, numPartitions: partitions })));
  const producer = kafka.producer({ allowAutoTopicCreation: false });
  await producer.connect();
  const started = Date.now();
  let bytes = 0;
  const inFlight = new Set<Promise<unknown>>();
  try {
    for (let sent = 0; sent < count; ) {
      const batches: Message[][] = targets.map(() => []);
      for (const end = Math.min(count, sent + 5000); sent < end; sent++) {
        const next = events.next();
        if (next.done === true) throw new RangeError(`event source ended after ${sent} of ${count} events`);
        const e = { ...next.value, eventTimeMs: next.value.eventTimeMs + shiftMs };
        onEvent(e);
        targets.forEach((t, i) => {
          const m = toMessage(t.variant(e), partitions);
          if (i === 0) bytes += m.value.length;
          batches[i]!.push(m);
        });
      }
      for (const [i, t] of targets.entries()) {
        const p = producer.send({ topic: t.topic, messages: batches[i]!, acks: -1 }).finally(() => inFlight.delete(p));
        inFlight.add(p);
      }
      while (inFlight.size >= 4) await Promise.race(inFlight);
    }
    await Promise.all(inFlight);
  } finally {
    await producer.disconnect();
  }
  return { records: count, bytes, elapsedMs: Date.now() - started };
}

/** One LiveEvent as the platforms publish it: protobuf, keyed by room, on the partition Kafka's default partitioner picks. */
export function toMessage(e: LiveEvent, partitions: number): Message & { value: Buffer } {
  const enc = encodeMessage(LiveEvent, e, "protobuf");
  return {
    key: e.roomId,
    value: enc.value,
    partition: partitionForKey(e.roomId, partitions),
    headers: { "content-type": enc.contentType },
    timestamp: String(e.eventTimeMs),
  };
}
