import { RedlineError, silentLogger } from "@redline/common";
import { CountingMetrics, DeadLetterWriter, DLQ_HEADERS, dlqTopicFor, ensureTopics, EventConsumer, RecordProducer } from "@redline/kafka";
import { randomId, testKafka, waitFor } from "@redline/test-helpers";

const kafka = testKafka("it-dead-letter-headers");

/** Header values as the broker hands them to a reader. */
type Headers = Record<string, Buffer | string | Array<Buffer | string> | undefined>;

class Undecodable extends RedlineError {
  readonly reason = "UNDECODABLE";
}

/** Every record on `topic` with its headers as the broker holds them (bytes, repeated keys kept). */
async function rawRecords(topic: string, count: number): Promise<Array<{ value: Buffer | null; headers: Headers }>> {
  const consumer = kafka.consumer({ groupId: randomId("it.dlq.reader"), maxWaitTimeInMs: 200 });
  const out: Array<{ value: Buffer | null; headers: Headers }> = [];
  await consumer.connect();
  await consumer.subscribe({ topics: [topic], fromBeginning: true });
  await consumer.run({ eachMessage: async ({ message }) => void out.push({ value: message.value, headers: message.headers ?? {} }) });
  try {
    await waitFor(() => out.length >= count, { what: `${count} records on ${topic}` });
  } finally {
    await consumer.disconnect();
  }
  return out;
}

describe("dead-lettering on a real broker", () => {
  it("keeps the original headers untouched: binary values byte for byte, and every value of a repeated key", async () => {
    const topic = randomId("it.dlq.headers");
    await ensureTopics(kafka, [
      { topic, numPartitions: 1 },
      { topic: dlqTopicFor(topic), numPartitions: 1 },
    ]);
    const schemaId = Buffer.from([0x00, 0xff, 0xfe, 0x80, 0x01]);
    const raw = kafka.producer();
    await raw.connect();
    await raw.send({ topic, messages: [{ key: "room-1", value: Buffer.from([0x08, 0x96]), headers: { "schema-id": schemaId, hop: ["edge-a", "edge-b"] } }] });
    await raw.disconnect();

    const producer = await RecordProducer.connect(kafka, silentLogger);
    const consumer = new EventConsumer<never>({
      kafka,
      groupId: randomId("it.dlq.headers"),
      topics: [topic],
      fromBeginning: true,
      decode: () => {
        throw new Undecodable("not a LiveEvent");
      },
      handleBatch: async () => undefined,
      deadLetters: new DeadLetterWriter(producer, new CountingMetrics(), silentLogger),
      logger: silentLogger,
    });
    await consumer.start();
    try {
      const [dead] = await rawRecords(dlqTopicFor(topic), 1);
      expect(dead!.headers[DLQ_HEADERS.reason]?.toString()).toBe("UNDECODABLE");
      expect(Buffer.from(dead!.headers["schema-id"] as Buffer).equals(schemaId)).toBe(true);
      expect((dead!.headers.hop as Buffer[]).map((b) => b.toString())).toEqual(["edge-a", "edge-b"]);
    } finally {
      await consumer.stop();
      await producer.disconnect();
    }
  });
});
