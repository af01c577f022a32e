import { createWriteStream, mkdirSync, writeFileSync } from "node:fs";
import { once } from "node:events";
import path from "node:path";
import { parseArgs } from "node:util";
import { LiveEvent } from "@redline/proto";
import { generateCrewScenario } from "./generate";
import { DEFAULT_CREW_SCENARIO_OPTIONS, type CrewScenarioOptions } from "./types";

const USAGE =
  "usage: node tools/crew-scenarios/dist/main.js --seed N --out DIR\n" +
  "       [--start-ms MS] [--crews N] [--ordinary-rooms N] [--groups-per-kind N]\n" +
  "writes DIR/events.jsonl (proto3-JSON LiveEvents sorted by eventTimeMs, eventId) and DIR/truth.json";

function intOption(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`--${name} must be a non-negative integer, got ${value}\n${USAGE}`);
  return n;
}

function readOptions(argv: string[]): { options: CrewScenarioOptions; outDir: string } {
  const { values } = parseArgs({
    args: argv,
    options: {
      seed: { type: "string" },
      out: { type: "string" },
      "start-ms": { type: "string" },
      crews: { type: "string" },
      "ordinary-rooms": { type: "string" },
      "groups-per-kind": { type: "string" },
    },
  });
  if (values.seed === undefined || values.out === undefined) throw new RangeError(`--seed and --out are required\n${USAGE}`);
  const d = DEFAULT_CREW_SCENARIO_OPTIONS;
  return {
    options: {
      seed: intOption(values.seed, "seed", 0),
      startMs: intOption(values["start-ms"], "start-ms", d.startMs),
      crews: intOption(values.crews, "crews", d.crews),
      ordinaryRooms: intOption(values["ordinary-rooms"], "ordinary-rooms", d.ordinaryRooms),
      rentedShare: d.rentedShare,
      groupsPerHardNegative: intOption(values["groups-per-kind"], "groups-per-kind", d.groupsPerHardNegative),
    },
    outDir: values.out,
  };
}

async function writeEvents(events: LiveEvent[], file: string): Promise<void> {
  const stream = createWriteStream(file);
  for (const e of events) {
    if (!stream.write(JSON.stringify(LiveEvent.toJSON(e)) + "\n")) await once(stream, "drain");
  }
  stream.end();
  await once(stream, "finish");
}

async function main(): Promise<void> {
  const { options, outDir } = readOptions(process.argv.slice(2));
  const startedMs = Date.now();
  const { events, truth } = generateCrewScenario(options);
  mkdirSync(outDir, { recursive: true });
  writeFileSync(path.join(outDir, "truth.json"), JSON.stringify(truth, null, 2) + "\n");
  await writeEvents(events, path.join(outDir, "events.jsonl"));
  process.stderr.write(
    `crew-scenarios: seed ${options.seed}: ${truth.rooms.length} rooms, ${truth.crews.length} crews, ` +
      `${truth.hardNegatives.length} hard-negative groups, ${events.length} events in ${Date.now() - startedMs} ms -> ${outDir}\n`,
  );
}

main().catch((err: unknown) => {
  process.stderr.write(`crew-scenarios: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
});
