/**
 * `npm run fit:combiner`: fits the falsification combiner (issue 12) on development seeds only — the field
 * generator's 7001-7005 and the simulator's randomised 501-502, 601-604 — judges each kind with one field seed
 * held out at a time (combiner-judge.ts), and writes the kinds that pass to
 * libs/engine/src/detectors/combiner-model.ts, with the record in docs/eval/combiner.{json,md}. Deterministic:
 * the same seeds and code give the same file. Rebuild the engine and run `npm run eval` afterwards.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { generateFieldTraffic } from "@redline/field-traffic";
import { WINDOW_FEATURES, type CombinerKindModel, type CombinerModel } from "@redline/engine";
import { addedBy, fitWindows, maxAttackedAccounts, leaveOneSeedOut, roomScores, ships, SHIP_RULE, thresholdFor, type HeldOut, type LabelledWindow } from "./combiner-judge";
import { LABEL_OF, sampleSeed, type SeedSamples, type WindowKind } from "./combiner-samples";
import { FIELD_DEVELOPMENT_SEEDS, FIELD_SEEDS } from "./field-evaluation";
import { RANDOMIZED_DEVELOPMENT_SEEDS, RANDOMIZED_SEEDS, randomizedSeed } from "./randomized-evaluation";
import { renderCombinerMarkdown } from "./combiner-report";

const KINDS: readonly WindowKind[] = ["views", "likes", "follows", "orders"];
const VERSION = "combiner-1";
const REPORTING = new Set<number>([...FIELD_SEEDS, ...RANDOMIZED_SEEDS, 9001, 9002, 9003]);

function windowsOf(kind: WindowKind, seeds: readonly SeedSamples[]): LabelledWindow[] {
  const label = LABEL_OF[kind];
  const out: LabelledWindow[] = [];
  for (const s of seeds) {
    for (const w of s.samples) {
      if (w.kind !== kind) continue;
      const room = s.rooms.get(w.roomId);
      if (room === undefined) continue;
      const since = room.attackStartMs === null ? null : w.timeMs - room.attackStartMs;
      out.push({ seed: s.seed, room, sinceStartMs: since, x: w.x, own: room.label === label, ruleAlerted: s.ruleAlerts.has(`${w.roomId}|${label}`) });
    }
  }
  return out;
}

export interface KindRecord {
  kind: WindowKind;
  windows: number;
  positives: number;
  heldOut: HeldOut[];
  shipped: boolean;
  model: CombinerKindModel;
  /** What the shipped model adds on all development seeds (in-sample: the threshold was chosen there). */
  inSample: ReturnType<typeof addedBy>;
}

const r6 = (x: number): number => Math.round(x * 1e6) / 1e6;

function modelSource(model: CombinerModel): string {
  const kinds = Object.entries(model.kinds)
    .map(([kind, m]) => `    ${kind}: {\n      mean: [${m.mean.join(", ")}],\n      scale: [${m.scale.join(", ")}],\n      weights: [${m.weights.join(", ")}],\n      bias: ${m.bias},\n      threshold: ${m.threshold},\n      maxAccounts: ${m.maxAccounts},\n    },`)
    .join("\n");
  return `// Written by \`npm run fit:combiner\` (tools/eval/src/fit-combiner-main.ts): do not edit by hand.
import type { CombinerModel } from "./combiner-types";

export const COMBINER_MODEL: CombinerModel = {
  version: ${JSON.stringify(model.version)},
  fittedOn: ${JSON.stringify(model.fittedOn)},
  features: [${model.features.map((f) => JSON.stringify(f)).join(", ")}],
  kinds: {
${kinds}
  },
};
`;
}

function main(): void {
  const field = FIELD_DEVELOPMENT_SEEDS.map((n) => ({ name: `field:${n}`, n, generate: generateFieldTraffic }));
  const randomised = RANDOMIZED_DEVELOPMENT_SEEDS.map((n) => ({ name: `randomised:${n}`, n, generate: randomizedSeed }));
  const seeds: SeedSamples[] = [];
  for (const s of [...field, ...randomised]) {
    if (REPORTING.has(s.n)) throw new Error(`fit:combiner: ${s.name} is a reporting seed`);
    const t0 = Date.now();
    seeds.push(sampleSeed(s.name, s.n, s.generate));
    process.stderr.write(`fit:combiner: sampled ${s.name}: ${seeds[seeds.length - 1]!.samples.length} windows, ${Date.now() - t0} ms\n`);
  }
  const fittedOn = seeds.map((s) => s.seed).join(", ");
  const records: KindRecord[] = [];
  const shipped: CombinerModel["kinds"] = {};
  for (const kind of KINDS) {
    const windows = windowsOf(kind, seeds);
    const heldOut = leaveOneSeedOut(windows, field.map((s) => s.name));
    const fitted = fitWindows(windows);
    const maxAccounts = maxAttackedAccounts(windows);
    const rooms = roomScores(fitted, windows, maxAccounts);
    const model: CombinerKindModel = { mean: fitted.mean.map(r6), scale: fitted.scale.map(r6), weights: fitted.weights.map(r6), bias: r6(fitted.bias), threshold: r6(thresholdFor(rooms)), maxAccounts };
    const record: KindRecord = { kind, windows: windows.length, positives: windows.filter((w) => w.own && (w.sinceStartMs ?? -1) >= SHIP_RULE.positiveAfterMs).length, heldOut, shipped: ships(heldOut), model, inSample: addedBy(rooms, model.threshold) };
    records.push(record);
    if (record.shipped) shipped[kind] = model;
    process.stderr.write(`fit:combiner: ${kind}: held out ${JSON.stringify(heldOut.map(({ seed, ...a }) => `${seed} +${a.caught}/${a.missed} other ${a.otherLabel} innocent ${a.innocent}`))} -> ${record.shipped ? "shipped" : "not shipped"}\n`);
  }
  const root = join(__dirname, "..", "..", "..");
  const model: CombinerModel = { version: VERSION, fittedOn, features: [...WINDOW_FEATURES], kinds: shipped };
  writeFileSync(join(root, "libs", "engine", "src", "detectors", "combiner-model.ts"), modelSource(model));
  const outDir = resolve(process.env.REDLINE_EVAL_OUT_DIR ?? join(root, "docs", "eval"));
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, "combiner.json"), JSON.stringify({ version: VERSION, fittedOn, shipRule: SHIP_RULE, features: WINDOW_FEATURES, kinds: records }, null, 2) + "\n");
  writeFileSync(join(outDir, "combiner.md"), renderCombinerMarkdown(VERSION, fittedOn, records));
  process.stdout.write(`fit:combiner: shipped ${Object.keys(shipped).join(", ") || "no kind"}; wrote libs/engine/src/detectors/combiner-model.ts and ${outDir}/combiner.{json,md}\n`);
}

main();
