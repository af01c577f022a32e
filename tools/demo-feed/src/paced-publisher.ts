import { DEFAULT_INPUT_TOPICS, encodeMessage } from "@redline/events";
import type { OutputRecord, RecordProducer } from "@redline/kafka";
import { LiveEvent } from "@redline/proto";

export interface PacedPublisherOptions {
  producer: RecordProducer;
  topicPrefix: string;
  /** How often due events are sent. */
  tickMs: number;
  now?: () => number;
  onProgress?: (sent: number, total: number) => void;
}

/**
 * Publishes time-sorted events when the wall clock reaches their event time
 * (events already in the past go at once), so the pipeline sees traffic as a
 * platform would send it. Resolves when every event is sent or `signal` aborts.
 */
export async function publishPaced(events: readonly LiveEvent[], opts: PacedPublisherOptions, signal?: AbortSignal): Promise<number> {
  const now = opts.now ?? Date.now;
  let next = 0;
  while (next < events.length && !signal?.aborted) {
    const due = new Map<string, OutputRecord[]>();
    let count = 0;
    while (next < events.length && events[next]!.eventTimeMs <= now() && count < 2000) {
      const e = events[next++]!;
      const topic = opts.topicPrefix + DEFAULT_INPUT_TOPICS[e.body!.$case];
      const enc = encodeMessage(LiveEvent, e, "protobuf");
      const records = due.get(topic) ?? [];
      records.push({ key: e.roomId, value: enc.value, headers: { "content-type": enc.contentType } });
      due.set(topic, records);
      count++;
    }
    if (count > 0) {
      await opts.producer.sendMany([...due].map(([topic, records]) => ({ topic, records })));
      opts.onProgress?.(next, events.length);
    } else {
      await new Promise((r) => setTimeout(r, opts.tickMs));
    }
  }
  return next;
}
