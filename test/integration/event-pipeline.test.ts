import { silentLogger } from "@redline/common";
import { DEFAULT_LIMITS } from "@redline/events";
import { CountingMetrics, DeadLetterWriter, DLQ_HEADERS, dlqTopicFor, ensureTopics, EventConsumer, liveEventDecoder, RecordProducer } from "@redline/kafka";
import { LiveEvent } from "@redline/proto";
import { committedOffsets, randomId, readTopic, testKafka, waitFor } from "@redline/test-helpers";

const kafka = testKafka();
let producer: RecordProducer;

beforeAll(async () => {
  producer = await RecordProducer.connect(kafka, silentLogger);
});
afterAll(async () => {
  await producer.disconnect();
});

function event(id: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    eventId: id,
    roomId: "room-1",
    eventTimeMs: String(Date.now()),
    platform: "demo",
    comment: { commentId: `c-${id}`, author: { userId: "u-1", ageBand: "AGE_BAND_ADULT" }, text: "好评" },
    ...extra,
  };
}

const asProto = (o: Record<string, unknown>) => ({
  key: "room-1",
  value: Buffer.from(LiveEvent.encode(LiveEvent.fromJSON(o)).finish()),
});
const asJson = (o: unknown) => ({
  key: "room-1",
  value: Buffer.from(JSON.stringify(o)),
  headers: { "content-type": "application/json" },
});

describe("input events through a real Kafka topic", () => {
  it("decodes protobuf and JSON, dead-letters each kind of bad input with its reason, and goes on", async () => {
    const topic = randomId("it.live.comments");
    await ensureTopics(kafka, [
      { topic, numPartitions: 3 },
      { topic: dlqTopicFor(topic), numPartitions: 1 },
    ]);
    const bad = [
      { reason: "UNDECODABLE", record: { key: "room-1", value: Buffer.from([0xff, 0xfe, 0x00, 0x13, 0x37]) } },
      { reason: "MISSING_FIELD", record: asJson({ ...event("m1"), roomId: "" }) },
      {
        reason: "NEGATIVE_AMOUNT",
        record: asJson({
          ...event("m2", { comment: undefined }),
          transaction: { orderId: "o", amountCents: "-500", buyer: { userId: "u" } },
        }),
      },
      {
        reason: "TEXT_TOO_LONG",
        record: asProto(event("m3", { comment: { author: { userId: "u" }, text: "长".repeat(DEFAULT_LIMITS.maxTextChars + 1) } })),
      },
      { reason: "EVENT_TIME_SKEW", record: asJson(event("m4", { eventTimeMs: String(Date.now() + 86_400_000) })) },
    ];
    // Valid events before, between and after the bad ones, same key so same partition and order.
    const records = [
      asProto(event("v1")),
      bad[0]!.record,
      asJson(event("v2")),
      bad[1]!.record,
      bad[2]!.record,
      asProto(event("v3", { eventTimeMs: Date.now() })),
      bad[3]!.record,
      bad[4]!.record,
      asJson(event("v4")),
    ];
    const sent = await producer.send(topic, records);
    const partition = sent[0]!.partition;

    const groupId = randomId("it.group");
    const metrics = new CountingMetrics();
    const handled: LiveEvent[] = [];
    const consumer = new EventConsumer<LiveEvent>({
      kafka,
      groupId,
      topics: [topic],
      fromBeginning: true,
      decode: liveEventDecoder(DEFAULT_LIMITS),
      handleBatch: async (batch) => {
        handled.push(...batch.records.map((r) => r.value));
      },
      deadLetters: new DeadLetterWriter(producer, metrics, silentLogger),
      logger: silentLogger,
      metrics,
    });
    await consumer.start();
    try {
      await waitFor(() => handled.length === 4, { what: "4 valid events" });
      const dlq = await readTopic(kafka, dlqTopicFor(topic), bad.length);
      expect(handled.map((e) => e.eventId)).toEqual(["v1", "v2", "v3", "v4"]);
      expect(handled[0]!.body?.$case).toBe("comment");

      dlq.sort((a, b) => Number(a.headers[DLQ_HEADERS.sourceOffset]) - Number(b.headers[DLQ_HEADERS.sourceOffset]));
      expect(dlq.map((r) => r.headers[DLQ_HEADERS.reason])).toEqual(bad.map((b) => b.reason));
      const originalOffsets = [1, 3, 4, 6, 7];
      dlq.forEach((r, i) => {
        expect(r.value.equals(bad[i]!.record.value)).toBe(true);
        expect(r.key).toBe("room-1");
        expect(r.headers[DLQ_HEADERS.sourceTopic]).toBe(topic);
        expect(r.headers[DLQ_HEADERS.sourcePartition]).toBe(String(partition));
        expect(r.headers[DLQ_HEADERS.sourceOffset]).toBe(String(originalOffsets[i]));
        expect(r.headers[DLQ_HEADERS.detail]).toMatch(/invalid event/);
      });
      expect(dlq[1]!.headers["content-type"]).toBe("application/json");
      expect(metrics.deadLetteredTotal()).toBe(5);
      // Every one of them was refused for what it holds, so each is also a decode failure.
      expect([...metrics.undecodable.values()].reduce((a, b) => a + b, 0)).toBe(5);
      expect(metrics.consumed.get(topic)).toBe(9);

      const committed = await waitFor(async () => {
        const offsets = await committedOffsets(kafka, groupId, topic);
        return offsets.get(partition) === "9" ? offsets : undefined;
      }, { what: "offset 9 committed" });
      expect(committed.get(partition)).toBe("9");
    } finally {
      await consumer.stop();
    }
  });
});
