import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { InvalidEventError, parseLiveEventJson, REPLAY_LIMITS } from "@redline/events";
import type { LiveEvent } from "@redline/proto";
import type { CommandContext } from "../command";
import { publishEvents } from "./publish-events";

const USAGE = `usage: redline produce [--input FILE] [--rate N] [--json] [--retime] [--topic-prefix P]
  Publishes LiveEvent JSON lines (stdin when no --input) to the input topic
  of each event's body type (live.comments, live.transactions, …), keyed by
  room, protobuf-encoded unless --json.
  --rate N          at most N events per second (default: as fast as possible)
  --retime          shift event times (and account ages with them) so the first event happens now
  --topic-prefix P  publish to P + topic name (e.g. a test's own topics)
  Brokers: REDLINE_KAFKA_BROKERS (default 127.0.0.1:9092).
`;

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
  let invalid = 0;
  async function* parsed(): AsyncGenerator<LiveEvent> {
    const input = values.input === undefined ? ctx.stdin : createReadStream(values.input);
    let lineNo = 0;
    for await (const line of createInterface({ input, crlfDelay: Infinity })) {
      lineNo++;
      if (line.trim() === "") continue;
      try {
        yield parseLiveEventJson(line, REPLAY_LIMITS, Date.now());
      } catch (err) {
        invalid++;
        const why = err instanceof InvalidEventError ? `${err.reason}: ${err.detail}` : (err as Error).message;
        ctx.stderr.write(`produce: line ${lineNo} skipped (${why})\n`);
      }
    }
  }
  const { sent, elapsedMs } = await publishEvents(
    parsed(),
    { rate, json: values.json, retime: values.retime, topicPrefix: values["topic-prefix"], label: "produce" },
    ctx,
  );
  ctx.stderr.write(`produce: done, ${sent} events sent, ${invalid} invalid lines, ${(elapsedMs / 1000).toFixed(1)} s\n`);
  return invalid > 0 && sent === 0 ? 1 : 0;
}
