import { silentLogger } from "@redline/common";
import { CountingMetrics, DeadLetterWriter, ensureTopics, EventConsumer, RecordProducer } from "@redline/kafka";
import { randomId, testKafka, waitFor } from "@redline/test-helpers";

const kafka = testKafka("it-consumer-position-retention");

describe("a restored position the log no longer holds, on a real broker", () => {
  it("reads on from the oldest retained record instead of seeking back to it for ever", async () => {
    const topic = randomId("it.position.retention");
    await ensureTopics(kafka, [{ topic, numPartitions: 1 }]);
    const producer = await RecordProducer.connect(kafka, silentLogger);
    await producer.send(topic, ["m0", "m1", "m2", "m3", "m4", "m5"].map((v) => ({ key: "room-1", value: Buffer.from(v) })));
    // Retention (or deleteRecords) took offsets 0-2 while the state that wants to resume at 1 was not running.
    const admin = kafka.admin();
    await admin.connect();
    try {
      await admin.fetchTopicMetadata({ topics: [topic] });
      await admin.deleteTopicRecords({ topic, partitions: [{ partition: 0, offset: "3" }] });
    } finally {
      await admin.disconnect();
    }

    const seen: string[] = [];
    const consumer = new EventConsumer<string>({
      kafka,
      groupId: randomId("it.position.retention"),
      topics: [topic],
      fromBeginning: true,
      decode: (r) => r.value.toString(),
      handleBatch: async (batch) => void seen.push(...batch.records.map((r) => r.value)),
      deadLetters: new DeadLetterWriter(producer, new CountingMetrics(), silentLogger),
      logger: silentLogger,
      // As the risk engine's restored snapshot: resume at offset 1 until something was received.
      positionFor: async (_t, _p, firstOffset) => {
        return seen.length > 0 ? firstOffset : 1n;
      },
    });
    await consumer.start();
    try {
      await waitFor(() => seen.length >= 3, { timeoutMs: 20_000, what: "m3-m5, read on from the oldest retained offset" });
      expect(seen).toEqual(["m3", "m4", "m5"]);
    } finally {
      await consumer.stop();
      await producer.disconnect();
    }
  });
});
