import { createWriteStream, writeFileSync } from "node:fs";
import { once } from "node:events";
import { parseArgs } from "node:util";
import { LiveEvent } from "@redline/proto";
import { generateAdversaryTraffic } from "./generate";
import { DEFAULT_ADVERSARY_OPTIONS, type AdversaryOptions } from "./types";

const USAGE =
  "usage: node tools/adversary/dist/main.js --seed N [--out events.jsonl] [--truth truth.json]\n" +
  "       [--start-ms MS] [--attacked-per-label N] [--hard-negatives N] [--organic N]";

function intOption(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`--${name} must be a non-negative integer, got ${value}`);
  return n;
}

function readOptions(argv: string[]): { options: AdversaryOptions; out: string | undefined; truth: string | undefined } {
  const { values } = parseArgs({
    args: argv,
    options: {
      seed: { type: "string" },
      out: { type: "string" },
      truth: { type: "string" },
      "start-ms": { type: "string" },
      "attacked-per-label": { type: "string" },
      "hard-negatives": { type: "string" },
      organic: { type: "string" },
    },
  });
  if (values.seed === undefined) throw new RangeError(`--seed is required\n${USAGE}`);
  const d = DEFAULT_ADVERSARY_OPTIONS;
  const options: AdversaryOptions = {
    seed: intOption(values.seed, "seed", 0),
    startMs: intOption(values["start-ms"], "start-ms", d.startMs),
    attackedRoomsPerLabel: intOption(values["attacked-per-label"], "attacked-per-label", d.attackedRoomsPerLabel),
    hardNegativeRooms: intOption(values["hard-negatives"], "hard-negatives", d.hardNegativeRooms),
    organicRooms: intOption(values.organic, "organic", d.organicRooms),
  };
  return { options, out: values.out, truth: values.truth };
}

/** proto3 JSON, one event a line; to stdout when no file is given. */
async function writeEvents(events: LiveEvent[], path: string | undefined): Promise<void> {
  const stream = path === undefined ? process.stdout : createWriteStream(path);
  for (const e of events) {
    if (!stream.write(JSON.stringify(LiveEvent.toJSON(e)) + "\n")) await once(stream, "drain");
  }
  if (path !== undefined) {
    stream.end();
    await once(stream, "finish");
  }
}

async function main(): Promise<void> {
  const { options, out, truth } = readOptions(process.argv.slice(2));
  const startedMs = Date.now();
  const traffic = generateAdversaryTraffic(options);
  process.stderr.write(
    `adversary: seed ${options.seed}: ${traffic.truth.length} rooms, ${traffic.events.length} events in ${Date.now() - startedMs} ms\n`,
  );
  if (truth !== undefined) writeFileSync(truth, JSON.stringify(traffic.truth, null, 2) + "\n");
  await writeEvents(traffic.events, out);
}

main().catch((err: unknown) => {
  process.stderr.write(`adversary: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
