/**
 * `npm run eval`: simulate → replay over seeds the detectors were not tuned
 * on, and write docs/eval/falsification.{json,md}, content.{json,md} and
 * adversary.{json,md}, field.{json,md} and randomized.{json,md} (labelled-main.ts). Wiring only.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { evaluate } from "./evaluation";
import { renderMarkdown } from "./report";
import { writeContentReport } from "./content-main";
import { writeLabelledReports } from "./labelled-main";
import { createProgress } from "@redline/progress";
import { ADVERSARY_SEEDS } from "./adversary-evaluation";
import { FIELD_SEEDS } from "./field-evaluation";
import { CONTENT_EVALUATION_SEEDS } from "./content-evaluation";
import { EVALUATION_SEEDS, SWEEP_SEEDS } from "./evaluation";
import { RANDOMIZED_SEEDS } from "./randomized-evaluation";

/** Every seed the run simulates, in all five reports: the progress bar's total. */
const SEEDS_IN_RUN = EVALUATION_SEEDS.length + SWEEP_SEEDS.length + CONTENT_EVALUATION_SEEDS.length + RANDOMIZED_SEEDS.length + ADVERSARY_SEEDS.length + FIELD_SEEDS.length;
/** Each evaluation logs one line per finished seed ("... seed 611: ..."); the bar counts them. */
const SEED_DONE = /\bseed \d+:/;

/**
 * On a terminal the run shows one bar over all seeds (rate and ETA) and keeps
 * only the result lines; piped or in CI it prints every line and no bar.
 */
function progressLog(): { log: (line: string) => void; done: () => void } {
  const progress = createProgress({ stream: process.stderr, unit: "seeds", total: SEEDS_IN_RUN, redrawEveryMs: 1000 });
  let seedsDone = 0;
  return {
    log: (line) => {
      if (SEED_DONE.test(line)) {
        progress.update(++seedsDone, line.slice(0, 40));
        if (progress.active) return;
      }
      process.stderr.write(line + "\n");
    },
    done: () => progress.stop(seedsDone),
  };
}

function main(): void {
  const outDir = resolve(process.env.REDLINE_EVAL_OUT_DIR ?? join(__dirname, "..", "..", "..", "docs", "eval"));
  const { log, done } = progressLog();
  const report = evaluate(log);
  mkdirSync(outDir, { recursive: true });
  // Detections are per attacked room; keep them in the JSON for drill-down.
  writeFileSync(join(outDir, "falsification.json"), JSON.stringify(report, null, 2) + "\n");
  writeFileSync(join(outDir, "falsification.md"), renderMarkdown(report));
  const c = report.default.scoring.category;
  const i = report.default.policy.innocent;
  process.stdout.write(`eval: precision ${c.precision}, recall ${c.recall}, median delay ${c.medianDelayS} s; policy: ${i.roomsWithSevere} of ${i.rooms} innocent rooms with a severe action; wrote ${outDir}/falsification.{json,md}\n`);
  writeContentReport(outDir, log);
  writeLabelledReports(outDir, log);
  done();
}

main();
