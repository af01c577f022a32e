import { DEFAULT_INPUT_TOPICS, encodeMessage } from "@redline/events";
import type { OutputRecord, RecordProducer } from "@redline/kafka";
import { LiveEvent } from "@redline/proto";

/** The eight input topics under a test's own prefix. */
export function inputTopics(prefix: string): string[] {
  return [...new Set(Object.values(DEFAULT_INPUT_TOPICS))].map((t) => prefix + t);
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
