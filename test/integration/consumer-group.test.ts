import { RedlineError, silentLogger } from "@redline/common";
import { CountingMetrics, DeadLetterWriter, DLQ_HEADERS, dlqTopicFor, ensureTopics, EventConsumer, type InputRecord, partitionNumbers, RecordProducer, type TopicPartitions } from "@redline/kafka";
import { committedOffsets, randomId, readTopic, roomOnPartition, testKafka, waitFor } from "@redline/test-helpers";

const kafka = testKafka();
let producer: RecordProducer;

beforeAll(async () => {
  producer = await RecordProducer.connect(kafka, silentLogger);
});
afterAll(async () => {
  await producer.disconnect();
});

const decodeText = (r: InputRecord): string => r.value.toString("utf8");

/** A member's joins as its onAssigned/onRevoked callbacks report them, awaited one at a time. */
class Joins {
  readonly revoked: number[][] = [];
  private readonly seen: number[][] = [];
  private waiter: ((parts: number[]) => void) | undefined;

  assigned = (assigned: readonly TopicPartitions[]): void => {
    const parts = partitionNumbers(assigned);
    if (this.waiter) this.waiter(parts);
    else this.seen.push(parts);
    this.waiter = undefined;
  };

  onRevoked = (revoked: readonly TopicPartitions[]): void => {
    this.revoked.push(partitionNumbers(revoked));
  };

  /** The assignment of the next join not yet taken. */
  next(): Promise<number[]> {
    const ready = this.seen.shift();
    return ready ? Promise.resolve(ready) : new Promise((resolve) => (this.waiter = resolve));
  }
}

function member(
  groupId: string,
  topic: string,
  seen: Map<string, string[]>,
  name: string,
  handle?: (values: string[]) => Promise<void>,
  metrics = new CountingMetrics(),
  maxRecordsPerChunk = 500,
  joins = new Joins(),
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
    onAssigned: joins.assigned,
    onRevoked: joins.onRevoked,
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
    const aJoins = new Joins();
    const bJoins = new Joins();
    const a = member(groupId, topic, seen, "a", undefined, undefined, undefined, aJoins);
    const b = member(groupId, topic, seen, "b", undefined, undefined, undefined, bJoins);
    await a.start();
    expect(await aJoins.next()).toEqual([0, 1, 2, 3]);
    await b.start();
    const [aParts, bParts] = await Promise.all([aJoins.next(), bJoins.next()]);
    expect(aParts.length).toBeGreaterThan(0);
    expect(bParts.length).toBeGreaterThan(0);
    expect([...aParts, ...bParts].sort()).toEqual([0, 1, 2, 3]);
    // What b took, a was told it lost; b, new to the group, lost nothing.
    expect(aJoins.revoked).toEqual([bParts]);
    expect(bJoins.revoked).toEqual([]);

    const all = () => [...(seen.get("a") ?? []), ...(seen.get("b") ?? [])];
    await waitFor(() => new Set(all()).size === 40, { what: "40 messages across both members" });

    await b.stop();
    expect(await aJoins.next()).toEqual([0, 1, 2, 3]);
    await send(40, 60);
    await waitFor(() => new Set(all()).size === 60, { what: "60 messages after b left" });
    await a.stop();

    // A new member of the same group starts from the commits: nothing is read again.
    const offsets = await committedOffsets(kafka, groupId, topic);
    const total = [...offsets.values()].reduce((s, o) => s + Number(o), 0);
    expect(total).toBe(60);
    const late = new Map<string, string[]>();
    const cJoins = new Joins();
    const c = member(groupId, topic, late, "c", undefined, undefined, undefined, cJoins);
    await c.start();
    await cJoins.next();
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
      // A record the handler refused is dead-lettered, not counted as a decode failure.
      await waitFor(() => metrics.deadLettered.get(`${topic}|HANDLER_FAILED`) === 1, { what: "the poison record counted as dead-lettered" });
      expect(metrics.undecodable.size).toBe(0);
    } finally {
      await consumer.stop();
    }
  });

  it("pauses and resumes single partitions, and reports the topics' offsets and the group's commits", async () => {
    const topic = randomId("it.pause.topic");
    await ensureTopics(kafka, [{ topic, numPartitions: 2 }]);
    const seen = new Map<string, string[]>();
    const joins = new Joins();
    const consumer = member(randomId("it.pause"), topic, seen, "x", undefined, undefined, undefined, joins);
    const values = () => seen.get("x") ?? [];
    const on0 = roomOnPartition(0, "room", 2);
    const on1 = roomOnPartition(1, "room", 2);
    await consumer.start();
    try {
      await joins.next();
      await producer.send(topic, [{ key: on0, value: Buffer.from("p0-first") }]);
      await waitFor(() => values().includes("p0-first"), { what: "the first record of partition 0" });

      consumer.pause([{ topic, partitions: [0] }]);
      expect(consumer.isPaused(topic, 0)).toBe(true);
      expect(consumer.isPaused(topic, 1)).toBe(false);
      // Written before partition 1's record, fetched with it if partition 0 were still fetched.
      await producer.send(topic, [{ key: on0, value: Buffer.from("p0-held") }]);
      await producer.send(topic, [{ key: on1, value: Buffer.from("p1-later") }]);
      await waitFor(() => values().includes("p1-later"), { what: "partition 1's record while partition 0 is paused" });
      expect(values()).not.toContain("p0-held");

      const { low, high } = await consumer.watermarks();
      expect(high.get(topic)).toEqual(new Map([[0, 2n], [1, 1n]]));
      expect(low.get(topic)).toEqual(new Map([[0, 0n], [1, 0n]]));
      // The commit lands after the handler has seen the record: wait for it rather than read it at once.
      const committed = async () => (await consumer.committedOffsets()).get(topic);
      await waitFor(async () => (await committed())?.get(1) === 1n, { what: "partition 1 committed past its record" });
      expect(await committed()).toEqual(new Map([[0, 1n], [1, 1n]]));

      consumer.resume([{ topic, partitions: [0] }]);
      expect(consumer.isPaused(topic, 0)).toBe(false);
      await waitFor(() => values().includes("p0-held"), { what: "partition 0's held record after resume" });
      await waitFor(async () => (await consumer.committedOffsets()).get(topic)?.get(0) === 2n, { what: "partition 0 committed past the held record" });
    } finally {
      await consumer.stop();
    }
  });
});
