/**
 * `redline produce` rides out a broker restart (#17): its retries used to
 * give up after about 10 s (exit 1, `Connection error: read ECONNRESET`), so
 * the fault suite had to start it again after its broker restart. This test
 * stops a broker of its own (the shared one is never stopped), keeps it down
 * 30 s while produce is publishing, starts it again, and checks that produce
 * finished with every event on the topic.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { runCli } from "@redline/cli";
import { decodeMessage } from "@redline/events";
import { createKafkaClient, ensureTopics, loadKafkaConfig } from "@redline/kafka";
import { freePort, SuiteStack } from "@redline/faults";
import { LiveEvent } from "@redline/proto";
import { createJsonLogger } from "@redline/common";
import { inputTopics, randomId, readTopic, waitFor } from "@redline/test-helpers";

const DOWN_MS = 30_000;
const EVENTS = 1_500;
const RATE = 100;

describe("redline produce across a broker restart (its own broker)", () => {
  const dir = mkdtempSync(join(tmpdir(), "produce-restart-"));
  let stack: SuiteStack;

  beforeAll(async () => {
    const [kafka, kafkaController, kafkaProxy] = [await freePort(), await freePort(), await freePort()];
    stack = new SuiteStack({ kafka, kafkaController, kafkaProxy, clickhouseProxy: 0, clickhouseHttp: 0, clickhouseTcp: 0 }, dir);
    await stack.up(["kafka"]);
  }, 240_000);

  afterAll(async () => {
    await stack.down(["kafka"]);
    await stack.stopProxies();
    rmSync(dir, { recursive: true, force: true });
  }, 120_000);

  it("keeps sending while the broker is down 30 s, then publishes every event and exits 0", async () => {
    const brokers = stack.kafkaBrokers;
    const kafka = createKafkaClient(loadKafkaConfig({ REDLINE_KAFKA_BROKERS: brokers }, "it-produce-restart"), createJsonLogger({ level: "error", write: () => undefined }));
    const prefix = `${randomId("it.produce-restart")}.`;
    const topic = `${prefix}live.comments`;
    await ensureTopics(kafka, inputTopics(prefix).map((t) => ({ topic: t, numPartitions: 1 })));
    const lines = Array.from({ length: EVENTS }, (_, i) => JSON.stringify({ eventId: `c${i}`, roomId: `r${i % 7}`, eventTimeMs: Date.UTC(2026, 0, 1) + i * 10, comment: { author: { userId: `u${i}` }, text: "hi" } }));
    const file = join(dir, "events.jsonl");
    writeFileSync(file, lines.join("\n") + "\n");

    const stderr = new PassThrough();
    const chunks: Buffer[] = [];
    stderr.on("data", (c: Buffer) => chunks.push(c));
    // 15 s of publishing at 100/s: the broker goes down a few seconds in and stays down 30 s.
    const produced = runCli(["produce", "--input", file, "--retime", "--rate", String(RATE), "--topic-prefix", prefix], {
      stdin: new PassThrough(),
      stdout: new PassThrough(),
      stderr,
      env: { ...process.env, REDLINE_KAFKA_BROKERS: brokers },
    });
    const high = async (): Promise<number> => {
      const admin = kafka.admin();
      await admin.connect();
      try {
        return Number((await admin.fetchTopicOffsets(topic))[0]?.high ?? 0);
      } finally {
        await admin.disconnect();
      }
    };
    const highBefore = await waitFor(async () => ((await high()) >= 200 ? high() : 0), { timeoutMs: 60_000, what: "produce to have sent 200 events" });

    const stoppedAt = Date.now();
    await stack.down(["kafka"]);
    await new Promise((r) => setTimeout(r, DOWN_MS - (Date.now() - stoppedAt)));
    await stack.up(["kafka"]);
    const downMs = Date.now() - stoppedAt;

    const code = await produced;
    const err = Buffer.concat(chunks).toString("utf8");
    expect(downMs).toBeGreaterThanOrEqual(DOWN_MS);
    expect(highBefore).toBeLessThan(EVENTS);
    expect(err).toMatch(/broker unavailable; sending again/);
    expect(code).toBe(0);
    expect(err).toMatch(new RegExp(`done, ${EVENTS} events sent`));
    // At least once: a batch sent again may be on the topic twice; every event is there.
    const records = await readTopic(kafka, topic, await high(), 60_000);
    const ids = new Set(records.map((r) => decodeMessage(LiveEvent, r.value, "protobuf").eventId));
    expect(ids.size).toBe(EVENTS);
  }, 240_000);
});
