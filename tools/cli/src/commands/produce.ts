import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { createJsonLogger } from "@redline/common";
import { DEFAULT_INPUT_TOPICS, encodeMessage, InvalidEventError, parseLiveEventJson, REPLAY_LIMITS, shiftEventTime } from "@redline/events";
import { createKafkaClient, loadKafkaConfig, RecordProducer, type OutputRecord } from "@redline/kafka";
import { LiveEvent } from "@redline/proto";
import type { CommandContext } from "../command";

const USAGE = `usage: redline produce [--input FILE] [--rate N] [--json] [--retime] [--topic-prefix P]
  Publishes LiveEvent JSON lines (stdin when no --input) to the input topic
  of each event's body type (live.comments, live.transactions, …), keyed by
  room, protobuf-encoded unless --json.
  --rate N          at most N events per second (default: as fast as possible)
  --retime          shift event times (and account ages with them) so the first event happens now
  --topic-prefix P  publish to P + topic name (e.g. a test's own topics)
  Brokers: REDLINE_KAFKA_BROKERS (default 127.0.0.1:9092).
`;

const BATCH = 500;

export async function run(args: string[], ctx: CommandContext): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      input: { type: "string" },
      rate: { type: "string", default: "0" },
      json: { type: "boolean", default: false },
      retime: { type: "boolean", default: false },
      "topic-prefix": { type: "string", default: "" },
      help: { type: "boolean", short: "h" },
    },
  });
  if (values.help) {
    ctx.stdout.write(USAGE);
    return 0;
  }
  const rate = Number(values.rate);
  if (!Number.isFinite(rate) || rate < 0) {
    ctx.stderr.write(`redline produce: --rate must be a number ≥ 0, got '${values.rate}'\n${USAGE}`);
    return 2;
  }
  const logger = createJsonLogger({ level: "warn", write: (l) => ctx.stderr.write(l) });
  const kafka = createKafkaClient(loadKafkaConfig(ctx.env, "redline-cli"), logger);
  const producer = await RecordProducer.connect(kafka, logger);
  const input = values.input === undefined ? ctx.stdin : createReadStream(values.input);
  const lines = createInterface({ input, crlfDelay: Infinity });
  const prefix = values["topic-prefix"];
  const startedAt = Date.now();
  let shiftMs: number | undefined;
  let sent = 0;
  let invalid = 0;
  let lineNo = 0;
  let lastProgress = startedAt;
  let batch = new Map<string, OutputRecord[]>();
  let batchSize = 0;

  const flush = async (): Promise<void> => {
    if (batchSize === 0) return;
    await producer.sendMany([...batch].map(([topic, records]) => ({ topic, records })));
    sent += batchSize;
    batch = new Map();
    batchSize = 0;
    if (rate > 0) {
      const dueMs = startedAt + (sent / rate) * 1000;
      const waitMs = dueMs - Date.now();
      if (waitMs > 0) await new Promise((r) => setTimeout(r, waitMs));
    }
    if (Date.now() - lastProgress > 5000) {
      lastProgress = Date.now();
      ctx.stderr.write(`produce: ${sent} events sent, ${invalid} invalid lines\n`);
    }
  };

  try {
    for await (const line of lines) {
      lineNo++;
      if (line.trim() === "") continue;
      let event: LiveEvent;
      try {
        event = parseLiveEventJson(line, REPLAY_LIMITS, Date.now());
      } catch (err) {
        invalid++;
        const why = err instanceof InvalidEventError ? `${err.reason}: ${err.detail}` : (err as Error).message;
        ctx.stderr.write(`produce: line ${lineNo} skipped (${why})\n`);
        continue;
      }
      if (values.retime) {
        shiftMs ??= Date.now() - event.eventTimeMs;
        shiftEventTime(event, shiftMs);
      }
      const topic = prefix + DEFAULT_INPUT_TOPICS[event.body!.$case];
      const enc = encodeMessage(LiveEvent, event, values.json ? "json" : "protobuf");
      const list = batch.get(topic) ?? [];
      list.push({ key: event.roomId, value: enc.value, headers: { "content-type": enc.contentType } });
      batch.set(topic, list);
      batchSize++;
      if (batchSize >= (rate > 0 ? Math.max(1, Math.min(BATCH, Math.ceil(rate / 10))) : BATCH)) await flush();
    }
    await flush();
  } finally {
    await producer.disconnect();
  }
  ctx.stderr.write(`produce: done, ${sent} events sent, ${invalid} invalid lines, ${((Date.now() - startedAt) / 1000).toFixed(1)} s\n`);
  return invalid > 0 && sent === 0 ? 1 : 0;
}
