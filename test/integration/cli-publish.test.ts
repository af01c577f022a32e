import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { runCli } from "@redline/cli";
import { decodeMessage } from "@redline/events";
import { ensureTopics } from "@redline/kafka";
import { LiveEvent } from "@redline/proto";
import { collectTopic, inputTopics, randomId, readTopic, testKafka, waitFor } from "@redline/test-helpers";

const kafka = testKafka();

async function cli(args: string[]): Promise<{ code: number; stderr: string }> {
  const stderr = new PassThrough();
  const chunks: Buffer[] = [];
  stderr.on("data", (c: Buffer) => chunks.push(c));
  const code = await runCli(args, { stdin: new PassThrough(), stdout: new PassThrough(), stderr, env: process.env });
  return { code, stderr: Buffer.concat(chunks).toString("utf8") };
}

describe("publishing from the CLI to the real broker", () => {
  it("redline produce routes events by body type, keyed by room, moves them to now, and skips bad lines", async () => {
    const prefix = `${randomId("it.produce")}.`;
    await ensureTopics(kafka, inputTopics(prefix).map((topic) => ({ topic, numPartitions: 1 })));
    const old = Date.UTC(2026, 0, 1);
    const lines = [
      JSON.stringify({ eventId: "c1", roomId: "r1", eventTimeMs: old, comment: { author: { userId: "u", accountCreatedMs: old - 86_400_000 }, text: "hi" } }),
      "not json",
      JSON.stringify({ eventId: "t1", roomId: "r2", eventTimeMs: String(old + 1000), transaction: { buyer: { userId: "u" }, amountCents: "990" } }),
    ];
    const file = join(mkdtempSync(join(tmpdir(), "produce-")), "events.jsonl");
    writeFileSync(file, lines.join("\n") + "\n");
    const before = Date.now();
    const res = await cli(["produce", "--input", file, "--retime", "--topic-prefix", prefix]);
    expect(res.code).toBe(0);
    expect(res.stderr).toMatch(/line 2 skipped \(UNDECODABLE/);
    expect(res.stderr).toMatch(/2 events sent, 1 invalid lines/);
    const [comment] = await readTopic(kafka, `${prefix}live.comments`, 1);
    const [order] = await readTopic(kafka, `${prefix}live.transactions`, 1);
    expect(comment!.key).toBe("r1");
    expect(order!.key).toBe("r2");
    const c = decodeMessage(LiveEvent, comment!.value, "protobuf");
    const t = decodeMessage(LiveEvent, order!.value, "protobuf");
    expect(c.eventTimeMs).toBeGreaterThanOrEqual(before);
    // Published within a millisecond or two of each other, the second is pulled back from a second in the future to its hand-over.
    expect(t.eventTimeMs - c.eventTimeMs).toBeGreaterThanOrEqual(0);
    expect(t.eventTimeMs - c.eventTimeMs).toBeLessThanOrEqual(1000);
    expect(t.eventTimeMs).toBeLessThanOrEqual(order!.timestampMs);
    if (c.body?.$case !== "comment") throw new Error("expected a comment");
    expect(c.eventTimeMs - c.body.value.author!.accountCreatedMs).toBe(86_400_000);
  });

  it("redline produce --retime --rate keeps a recording replayed faster than it was made at or behind the wall clock (#17)", async () => {
    const prefix = `${randomId("it.produce-rate")}.`;
    await ensureTopics(kafka, inputTopics(prefix).map((topic) => ({ topic, numPartitions: 1 })));
    // Ten minutes of recorded comments, one a second, replayed at 2,000/s: shifted once at the start, the last would be ~10 min ahead.
    const old = Date.UTC(2026, 0, 1);
    const lines = Array.from({ length: 600 }, (_, i) => JSON.stringify({ eventId: `c${i}`, roomId: "r1", eventTimeMs: old + i * 1000, comment: { author: { userId: `u${i}` }, text: "hi" } }));
    const file = join(mkdtempSync(join(tmpdir(), "produce-rate-")), "events.jsonl");
    writeFileSync(file, lines.join("\n") + "\n");
    const res = await cli(["produce", "--input", file, "--retime", "--rate", "2000", "--topic-prefix", prefix]);
    expect(res.code).toBe(0);
    expect(res.stderr).toMatch(/event times pulled back/);
    const records = await readTopic(kafka, `${prefix}live.comments`, 600);
    const times = records.map((r) => decodeMessage(LiveEvent, r.value, "protobuf").eventTimeMs);
    const ahead = records.filter((r, i) => times[i]! > r.timestampMs);
    expect(ahead).toHaveLength(0);
    expect(times).toEqual([...times].sort((a, b) => a - b));
  });

  it("redline simulate --to-kafka streams a simulated hour into the input topics", async () => {
    const prefix = `${randomId("it.simulate")}.`;
    await ensureTopics(kafka, inputTopics(prefix).map((topic) => ({ topic, numPartitions: 1 })));
    const res = await cli(["simulate", "--seed", "5", "--scale", "0.05", "--to-kafka", "--topic-prefix", prefix]);
    expect(res.code).toBe(0);
    const sent = Number(/(\d+) events sent to Kafka/.exec(res.stderr)?.[1]);
    expect(sent).toBeGreaterThan(100);
    const likes = await readTopic(kafka, `${prefix}live.likes`, 1);
    expect(decodeMessage(LiveEvent, likes[0]!.value, "protobuf").body?.$case).toBe("like");
  });

  // The probe's --rate 800 over this simulated hour (~185,000 events, ~62 per simulated second) takes four minutes; 4,000/s
  // outruns the simulation's clock the same way, sooner.
  it("redline simulate --to-kafka --rate 4000 keeps every event time at or behind the moment it is published (#17)", async () => {
    const prefix = `${randomId("it.simulate-rate")}.`;
    const topics = inputTopics(prefix);
    await ensureTopics(kafka, topics.map((topic) => ({ topic, numPartitions: 1 })));
    const res = await cli(["simulate", "--seed", "5", "--scale", "0.05", "--to-kafka", "--rate", "4000", "--topic-prefix", prefix]);
    expect(res.code).toBe(0);
    const sent = Number(/(\d+) events sent to Kafka/.exec(res.stderr)?.[1]);
    expect(sent).toBeGreaterThan(100_000);
    const collectors = await Promise.all(topics.map((t) => collectTopic(kafka, t)));
    try {
      await waitFor(() => collectors.reduce((n, c) => n + c.records.length, 0) >= sent, { what: `${sent} published events`, timeoutMs: 120_000 });
      const records = collectors.flatMap((c) => c.records);
      const aheadMs = records.map((r) => decodeMessage(LiveEvent, r.value, "protobuf").eventTimeMs - r.timestampMs);
      // Over 5 minutes ahead is what the engine dead-letters as EVENT_TIME_SKEW.
      expect({ records: records.length, ahead: aheadMs.filter((ms) => ms > 0).length, overFiveMinutes: aheadMs.filter((ms) => ms > 300_000).length }).toEqual({
        records: sent,
        ahead: 0,
        overFiveMinutes: 0,
      });
    } finally {
      for (const c of collectors) await c.stop();
    }
  }, 360_000);
});
