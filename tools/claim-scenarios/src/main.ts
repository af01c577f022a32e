#!/usr/bin/env node
import { mkdirSync, writeFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { generateClaimScenarios } from "./generate";
import { summarize } from "./summary";
import { DEFAULT_SCENARIO_OPTIONS, type ScenarioOptions } from "./types";

const USAGE =
  "usage: node tools/claim-scenarios/dist/main.js --seed N --out DIR\n" +
  "       [--start-ms MS] [--rooms N] [--misleading N] [--hard-negatives N] [--superlatives N] [--fillers-per-room N]";

function intOption(value: string | undefined, name: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isSafeInteger(n) || n < 0) throw new RangeError(`--${name} must be a non-negative integer, got ${value}\n${USAGE}`);
  return n;
}

function readOptions(argv: string[]): { options: ScenarioOptions; outDir: string } {
  const { values } = parseArgs({
    args: argv,
    options: {
      seed: { type: "string" },
      out: { type: "string" },
      "start-ms": { type: "string" },
      rooms: { type: "string" },
      misleading: { type: "string" },
      "hard-negatives": { type: "string" },
      superlatives: { type: "string" },
      "fillers-per-room": { type: "string" },
    },
  });
  if (values.seed === undefined || values.out === undefined) throw new RangeError(`--seed and --out are required\n${USAGE}`);
  const d = DEFAULT_SCENARIO_OPTIONS;
  return {
    outDir: values.out,
    options: {
      seed: intOption(values.seed, "seed", d.seed),
      startMs: intOption(values["start-ms"], "start-ms", d.startMs),
      rooms: intOption(values.rooms, "rooms", d.rooms),
      misleadingSegments: intOption(values.misleading, "misleading", d.misleadingSegments),
      hardNegativeEpisodes: intOption(values["hard-negatives"], "hard-negatives", d.hardNegativeEpisodes),
      superlatives: intOption(values.superlatives, "superlatives", d.superlatives),
      fillersPerRoom: intOption(values["fillers-per-room"], "fillers-per-room", d.fillersPerRoom),
    },
  };
}

function main(): void {
  const { options, outDir } = readOptions(process.argv.slice(2));
  const scenarios = generateClaimScenarios(options);
  const manifest = summarize(options, scenarios);
  mkdirSync(outDir, { recursive: true });
  writeFileSync(path.join(outDir, "facts.json"), JSON.stringify(scenarios.facts, null, 2) + "\n");
  writeFileSync(path.join(outDir, "segments.jsonl"), scenarios.segments.map((s) => JSON.stringify(s)).join("\n") + "\n");
  writeFileSync(path.join(outDir, "truth.json"), JSON.stringify(scenarios.truth, null, 2) + "\n");
  writeFileSync(path.join(outDir, "manifest.json"), JSON.stringify(manifest, null, 2) + "\n");
  process.stderr.write(
    `claim-scenarios: seed ${options.seed} (${manifest.seedUse}): ${manifest.rooms} rooms, ${manifest.skus} SKUs, ` +
      `${manifest.segments} segments: ${manifest.misleading} misleading, ${manifest.hardNegatives} hard negatives, ` +
      `${manifest.superlatives} superlatives -> ${outDir}\n`,
  );
}

try {
  main();
} catch (err: unknown) {
  process.stderr.write(`claim-scenarios: ${err instanceof Error ? err.message : String(err)}\n`);
  process.exitCode = 1;
}
