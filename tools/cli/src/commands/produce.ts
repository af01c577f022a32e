import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { InvalidEventError, parseLiveEventJson, REPLAY_LIMITS } from "@redline/events";
import type { LiveEvent } from "@redline/proto";
import { EXIT_CODES, type CommandContext } from "../command";
import { publishEvents } from "./publish-events";

/** Parsed by the command's definition (commands/index.ts). */
export interface ProduceOptions {
  /** A file, or "-" for stdin. */
  input: string;
  rate: number;
  json: boolean;
  retime: boolean;
  topicPrefix: string;
  /** Seconds a batch keeps being sent again while the broker cannot be reached (a broker restart). */
  brokerWaitS: number;
}

/**
 * Publishes LiveEvent JSON lines to the input topic of each event's body
 * type, keyed by room; invalid lines are reported on stderr and skipped.
 */
export async function run(values: ProduceOptions, ctx: CommandContext): Promise<number> {
  let invalid = 0;
  async function* parsed(): AsyncGenerator<LiveEvent> {
    const input = values.input === "-" ? ctx.stdin : createReadStream(values.input);
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
  const { sent, elapsedMs, pulledBackMs } = await publishEvents(
    parsed(),
    { rate: values.rate, json: values.json, retime: values.retime, topicPrefix: values.topicPrefix, label: "produce", brokerWaitMs: values.brokerWaitS * 1000 },
    ctx,
  );
  if (pulledBackMs > 0) {
    ctx.stderr.write(`produce: published faster than the recording's own clock; event times pulled back ${(pulledBackMs / 1000).toFixed(1)} s in all to stay at or behind the wall clock\n`);
  }
  ctx.stderr.write(`produce: done, ${sent} events sent, ${invalid} invalid lines, ${(elapsedMs / 1000).toFixed(1)} s\n`);
  return invalid > 0 && sent === 0 ? EXIT_CODES.failed : EXIT_CODES.ok;
}
