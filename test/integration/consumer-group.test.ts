import { RedlineError, silentLogger } from "@redline/common";
import { dlqTopicFor, DLQ_HEADERS } from "@redline/events";
import {
  CountingMetrics,
  DeadLetterWriter,
  EventConsumer,
  ensureTopics,
  RecordProducer,
  type InputRecord,
} from "@redline/kafka";
import { committedOffsets, randomId, readTopic, testKafka, waitFor } from "@redline/test-helpers";

const kafka = testKafka();
let producer: RecordProducer;

beforeAll(async () => {
  producer = await RecordProducer.connect(kafka, silentLogger);
});
afterAll(async () => {
  await producer.disconnect();
});

const decodeText = (r: InputRecord): string => r.value.toString("utf8");

function member(
  groupId: string,
  topic: string,
  seen: Map<string, string[]>,
  name: string,
  handle?: (values: string[]) => Promise<void>,
  metrics = new CountingMetrics(),
  maxRecordsPerChunk = 500,
): EventConsumer<string> {
  return new EventConsumer<string>({
    kafka,
    groupId,
    topics: [topic],
    fromBeginning: true,
    decode: decodeText,
    handleBatch: async (batch) => {
      const values = batch.records.map((r) => r.value);
      if (handle) await handle(values);
      seen.set(name, [...(seen.get(name) ?? []), ...values]);
    },
    deadLetters: new DeadLetterWriter(producer, metrics, silentLogger),
    logger: silentLogger,
    metrics,
    maxRecordsPerChunk,
    sessionTimeoutMs: 10_000,
    heartbeatIntervalMs: 500,
    handlerRetry: { maxAttempts: 5, initialDelayMs: 10, maxDelayMs: 50 },
  });
}

async function assignmentOf(consumer: EventConsumer<string>): Promise<number[]> {
  return new Promise((resolve) => {
    consumer.raw.on(consumer.raw.events.GROUP_JOIN, (e) => {
      const parts = Object.values(e.payload.memberAssignment).flat() as number[];
      resolve(parts.sort());
    });
  });
}

describe("consumer group on a real broker", () => {
  it("splits partitions between two members, moves them on leave, and resumes from commits", async () => {
    const topic = randomId("it.group.topic");
    await ensureTopics(kafka, [{ topic, numPartitions: 4 }]);
    const send = (from: number, to: number) =>
      producer.send(
        topic,
        Array.from({ length: to - from }, (_, i) => ({ key: `room-${from + i}`, value: Buffer.from(`m${from + i}`) })),
      );
    await send(0, 40);

    const groupId = randomId("it.group");
    const seen = new Map<string, string[]>();
    const a = member(groupId, topic, seen, "a");
    const b = member(groupId, topic, seen, "b");
    const aJoined = assignmentOf(a);
    await a.start();
    await aJoined;
    const aRebalanced = assignmentOf(a);
    const bJoined = assignmentOf(b);
    await b.start();
    const [aParts, bParts] = await Promise.all([aRebalanced, bJoined]);
    expect(aParts.length).toBeGreaterThan(0);
    expect(bParts.length).toBeGreaterThan(0);
    expect([...aParts, ...bParts].sort()).toEqual([0, 1, 2, 3]);

    const all = () => [...(seen.get("a") ?? []), ...(seen.get("b") ?? [])];
    await waitFor(() => new Set(all()).size === 40, { what: "40 messages across both members" });

    const aTakesAll = assignmentOf(a);
    await b.stop();
    expect(await aTakesAll).toEqual([0, 1, 2, 3]);
    await send(40, 60);
    await waitFor(() => new Set(all()).size === 60, { what: "60 messages after b left" });
    await a.stop();

    // A new member of the same group starts from the commits: nothing is read again.
    const offsets = await committedOffsets(kafka, groupId, topic);
    const total = [...offsets.values()].reduce((s, o) => s + Number(o), 0);
    expect(total).toBe(60);
    const late = new Map<string, string[]>();
    const c = member(groupId, topic, late, "c");
    const cJoined = assignmentOf(c);
    await c.start();
    await cJoined;
    await send(60, 61);
    await waitFor(() => (late.get("c") ?? []).length > 0, { what: "c to consume the new message" });
    await c.stop();
    expect(late.get("c")).toEqual(["m60"]);
  });

  it("retries a retriable handler failure without loss and dead-letters a non-retriable one", async () => {
    const topic = randomId("it.retry.topic");
    await ensureTopics(kafka, [
      { topic, numPartitions: 1 },
      { topic: dlqTopicFor(topic), numPartitions: 1 },
    ]);
    await producer.send(topic, [
      { key: "r", value: Buffer.from("ok-1") },
      { key: "r", value: Buffer.from("poison") },
    ]);
    let failures = 0;
    const metrics = new CountingMetrics();
    const seen = new Map<string, string[]>();
    const consumer = member(
      randomId("it.retry"),
      topic,
      seen,
      "x",
      async (values) => {
        if (values.includes("poison")) throw new RedlineError("cannot score this", { retriable: false });
        if (failures < 2) {
          failures++;
          throw new RedlineError("output topic briefly unavailable", { retriable: true });
        }
      },
      metrics,
      1, // one record per chunk, so the poison record fails alone
    );
    await consumer.start();
    try {
      await waitFor(() => (seen.get("x") ?? []).includes("ok-1"), { what: "ok-1 after retries" });
      const dlq = await readTopic(kafka, dlqTopicFor(topic), 1);
      expect(dlq[0]!.value.toString()).toBe("poison");
      expect(dlq[0]!.headers[DLQ_HEADERS.reason]).toBe("HANDLER_FAILED");
      expect(failures).toBe(2);
      expect(metrics.retries.get(topic)).toBe(2);
    } finally {
      await consumer.stop();
    }
  });
});
