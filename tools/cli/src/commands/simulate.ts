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
import type { CommandContext } from "../command";
import { publishEvents } from "./publish-events";

const USAGE =
  "usage: redline simulate --seed N (--out FILE | --to-kafka [--rate N] [--topic-prefix P]) [--truth FILE] [--hours H] [--scale S] [--strength LO,HI]\n";

interface SimulateOptions {
  scenario: ScenarioOptions;
  /** A file, or "kafka" for --to-kafka. */
  outPath: string | undefined;
  truthPath: string | undefined;
  toKafka: { rate: number; topicPrefix: string } | undefined;
}

function parseOptions(allArgs: readonly string[]): SimulateOptions | string {
  // --to-kafka is the one flag without a value; the rest come in pairs.
  const toKafka = allArgs.includes("--to-kafka") ? { rate: 0, topicPrefix: "" } : undefined;
  const args = allArgs.filter((a) => a !== "--to-kafka");
  let seed: number | undefined;
  let outPath: string | undefined;
  let truthPath: string | undefined;
  const scenario: Partial<ScenarioOptions> = {};
  for (let i = 0; i < args.length; i += 2) {
    const flag = args[i];
    const value = args[i + 1];
    if (value === undefined) return `${String(flag)} needs a value`;
    const n = Number(value);
    switch (flag) {
      case "--seed":
        if (!Number.isInteger(n) || n < 0) return `--seed must be a non-negative integer, got ${value}`;
        seed = n;
        break;
      case "--out": outPath = value; break;
      case "--rate":
        if (!toKafka || !(n >= 0)) return `--rate goes with --to-kafka and must be a number >= 0, got ${value}`;
        toKafka.rate = n;
        break;
      case "--topic-prefix":
        if (!toKafka) return "--topic-prefix goes with --to-kafka";
        toKafka.topicPrefix = value;
        break;
      case "--truth": truthPath = value; break;
      case "--hours":
        if (!Number.isInteger(n) || n < 1) return `--hours must be a positive integer, got ${value}`;
        scenario.hours = n;
        break;
      case "--scale":
        if (!(n > 0)) return `--scale must be a positive number, got ${value}`;
        scenario.scale = n;
        break;
      case "--strength": {
        const [lo, hi] = value.split(",").map(Number);
        if (!(lo! >= 0 && hi! <= 1 && lo! <= hi!)) return `--strength must be LO,HI with 0 <= LO <= HI <= 1, got ${value}`;
        scenario.strength = [lo!, hi!];
        break;
      }
      default:
        return `unknown option ${String(flag)}`;
    }
  }
  if (seed === undefined) return "--seed is required";
  if ((outPath === undefined) === (toKafka === undefined)) return "give exactly one of --out FILE and --to-kafka";
  return { scenario: { ...scenario, seed }, outPath, truthPath, toKafka };
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

export async function run(args: string[], ctx: CommandContext): Promise<number> {
  const parsed = parseOptions(args);
  if (typeof parsed === "string") {
    ctx.stderr.write(`redline simulate: ${parsed}\n${USAGE}`);
    return 2;
  }
  if (parsed.toKafka) return toKafka(parsed, parsed.toKafka, ctx);
  const out = createWriteStream(parsed.outPath!);
  const truth = parsed.truthPath === undefined ? undefined : createWriteStream(parsed.truthPath);
  let events = 0;
  let rooms = 0;
  try {
    for (const hour of simulate(parsed.scenario)) {
      await writeAll(out, (function* () {
        for (const e of hour.events) yield JSON.stringify(LiveEvent.toJSON(e)) + "\n";
      })());
      if (truth !== undefined) await writeAll(truth, hour.truth.map((t) => JSON.stringify(t) + "\n"));
      events += hour.events.length;
      rooms += hour.truth.length;
      ctx.stderr.write(`simulate: ${events} events, ${rooms} rooms\n`);
    }
    await close(out);
    if (truth !== undefined) await close(truth);
  } catch (err) {
    ctx.stderr.write(`redline simulate: ${(err as Error).message}\n`);
    return 1;
  }
  return 0;
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
  function* events(): Generator<LiveEvent> {
    for (const hour of simulate(parsed.scenario)) {
      for (const t of hour.truth) truthLines.push(JSON.stringify(t) + "\n");
      for (const e of hour.events) yield pacer.retime(e, Date.now());
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
    ctx.stderr.write(`simulate: ${sent} events sent to Kafka in ${(elapsedMs / 1000).toFixed(1)} s\n`);
  } catch (err) {
    ctx.stderr.write(`redline simulate: ${(err as Error).message}\n`);
    return 1;
  }
  return 0;
}
