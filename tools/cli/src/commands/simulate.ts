/**
 * `redline simulate --seed N (--out FILE | --to-kafka [--rate N] [--topic-prefix P]) [--truth FILE] [--hours H] [--scale S] [--strength LO,HI]`
 *
 * Writes simulated LiveEvent proto3-JSON lines (roughly time-ordered, with
 * delivery jitter) and, with --truth, one room-level ground-truth JSON line
 * per room. Hours are generated one at a time, so memory stays flat. With
 * --to-kafka the events go to the input topics instead, moved to start now
 * and never ahead of the wall clock when they are published.
 */
import { createWriteStream } from "node:fs";
import { once } from "node:events";
import { EventTimePacer } from "@redline/events";
import { LiveEvent } from "@redline/proto";
import { simulate } from "@redline/simulator";
import type { ScenarioOptions } from "@redline/simulator";
import { EXIT_CODES, type CommandContext } from "../command";
import { createProgress } from "@redline/progress";
import { publishEvents } from "./publish-events";

/** Parsed by the command's definition (commands/index.ts). */
export interface SimulateFlags {
  seed: number;
  out?: string;
  toKafka?: boolean;
  rate?: number;
  topicPrefix?: string;
  truth?: string;
  hours: number;
  scale?: number;
  strength?: [number, number];
}

interface SimulateOptions {
  scenario: ScenarioOptions & { hours: number };
  outPath: string | undefined;
  truthPath: string | undefined;
  toKafka: { rate: number; topicPrefix: string } | undefined;
}

/** The rules between flags that commander cannot state; a string is the usage error. */
function checkFlags(f: SimulateFlags): SimulateOptions | string {
  if ((f.out === undefined) === (f.toKafka !== true)) return "give exactly one of --out FILE and --to-kafka";
  if (f.toKafka !== true && (f.rate !== undefined || f.topicPrefix !== undefined)) return "--rate and --topic-prefix go with --to-kafka";
  const scenario: ScenarioOptions & { hours: number } = {
    seed: f.seed,
    hours: f.hours,
    ...(f.scale === undefined ? {} : { scale: f.scale }),
    ...(f.strength === undefined ? {} : { strength: f.strength }),
  };
  return {
    scenario,
    outPath: f.out,
    truthPath: f.truth,
    toKafka: f.toKafka === true ? { rate: f.rate ?? 0, topicPrefix: f.topicPrefix ?? "" } : undefined,
  };
}

async function writeAll(stream: NodeJS.WritableStream, lines: Iterable<string>): Promise<void> {
  let chunk: string[] = [];
  for (const line of lines) {
    chunk.push(line);
    if (chunk.length >= 1_000) {
      if (!stream.write(chunk.join(""))) await once(stream, "drain");
      chunk = [];
    }
  }
  if (chunk.length > 0 && !stream.write(chunk.join(""))) await once(stream, "drain");
}

async function close(stream: NodeJS.WritableStream & { close?: unknown }): Promise<void> {
  stream.end();
  await once(stream, "finish");
}

export async function run(flags: SimulateFlags, ctx: CommandContext): Promise<number> {
  const parsed = checkFlags(flags);
  if (typeof parsed === "string") {
    ctx.stderr.write(`redline simulate: ${parsed}\n`);
    return EXIT_CODES.usage;
  }
  if (parsed.toKafka) return toKafka(parsed, parsed.toKafka, ctx);
  const out = createWriteStream(parsed.outPath!);
  const truth = parsed.truthPath === undefined ? undefined : createWriteStream(parsed.truthPath);
  let events = 0;
  let rooms = 0;
  let hours = 0;
  const bar = createProgress({ stream: ctx.stderr, unit: "hours", total: parsed.scenario.hours });
  try {
    for (const hour of simulate(parsed.scenario)) {
      await writeAll(out, (function* () {
        for (const e of hour.events) yield JSON.stringify(LiveEvent.toJSON(e)) + "\n";
      })());
      if (truth !== undefined) await writeAll(truth, hour.truth.map((t) => JSON.stringify(t) + "\n"));
      events += hour.events.length;
      rooms += hour.truth.length;
      bar.update(++hours, `${events} events, ${rooms} rooms`);
    }
    await close(out);
    if (truth !== undefined) await close(truth);
  } catch (err) {
    ctx.stderr.write(`redline simulate: ${(err as Error).message}\n`);
    return EXIT_CODES.failed;
  } finally {
    bar.stop(hours, `${events} events, ${rooms} rooms`);
  }
  ctx.stderr.write(`simulate: ${events} events, ${rooms} rooms\n`);
  return EXIT_CODES.ok;
}

/**
 * Streams the simulation to the input topics, hour by hour, moved so that it
 * starts now. Each event is retimed as it is handed to the publisher (events
 * are pulled one by one, the publisher waits for --rate between batches), so
 * `EventTimePacer` keeps event times from running ahead of the wall clock
 * when --rate outruns the simulation's own clock (issue 17).
 */
async function toKafka(parsed: SimulateOptions, o: { rate: number; topicPrefix: string }, ctx: CommandContext): Promise<number> {
  const truth = parsed.truthPath === undefined ? undefined : createWriteStream(parsed.truthPath);
  const truthLines: string[] = [];
  const pacer = new EventTimePacer();
  // The bar counts hours handed to the publisher, which runs at most one hour behind.
  const bar = createProgress({ stream: ctx.stderr, unit: "hours", total: parsed.scenario.hours });
  let hours = 0;
  function* events(): Generator<LiveEvent> {
    for (const hour of simulate(parsed.scenario)) {
      for (const t of hour.truth) truthLines.push(JSON.stringify(t) + "\n");
      for (const e of hour.events) yield pacer.retime(e, Date.now());
      bar.update(++hours);
    }
  }
  try {
    const { sent, elapsedMs } = await publishEvents(
      events(),
      { rate: o.rate, json: false, retime: false, topicPrefix: o.topicPrefix, label: "simulate" },
      ctx,
    );
    if (pacer.pulledBackMs > 0) {
      ctx.stderr.write(
        `simulate: published faster than the simulation's clock advances; event times pulled back ${(pacer.pulledBackMs / 1000).toFixed(1)} s in all to stay at or behind the wall clock (a larger --scale keeps the simulated timing at this rate)\n`,
      );
    }
    if (truth !== undefined) {
      await writeAll(truth, truthLines);
      await close(truth);
    }
    bar.stop(hours);
    ctx.stderr.write(`simulate: ${sent} events sent to Kafka in ${(elapsedMs / 1000).toFixed(1)} s\n`);
  } catch (err) {
    bar.stop();
    ctx.stderr.write(`redline simulate: ${(err as Error).message}\n`);
    return EXIT_CODES.failed;
  }
  return EXIT_CODES.ok;
}
