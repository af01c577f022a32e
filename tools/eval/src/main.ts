/**
 * `npm run eval`: simulate → replay over seeds the detectors were not tuned
 * on, and write docs/eval/falsification.{json,md}, content.{json,md} and
 * adversary.{json,md} and randomized.{json,md} (labelled-main.ts). Wiring only.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { evaluate } from "./evaluation";
import { renderMarkdown } from "./report";
import { writeContentReport } from "./content-main";
import { writeLabelledReports } from "./labelled-main";

function main(): void {
  const outDir = resolve(process.env.REDLINE_EVAL_OUT_DIR ?? join(__dirname, "..", "..", "..", "docs", "eval"));
  const report = evaluate((line) => process.stderr.write(line + "\n"));
  mkdirSync(outDir, { recursive: true });
  // Detections are per attacked room; keep them in the JSON for drill-down.
  writeFileSync(join(outDir, "falsification.json"), JSON.stringify(report, null, 2) + "\n");
  writeFileSync(join(outDir, "falsification.md"), renderMarkdown(report));
  const c = report.default.scoring.category;
  const i = report.default.policy.innocent;
  process.stdout.write(`eval: precision ${c.precision}, recall ${c.recall}, median delay ${c.medianDelayS} s; policy: ${i.roomsWithSevere} of ${i.rooms} innocent rooms with a severe action; wrote ${outDir}/falsification.{json,md}\n`);
  writeContentReport(outDir, (line) => process.stderr.write(line + "\n"));
  writeLabelledReports(outDir, (line) => process.stderr.write(line + "\n"));
}

main();
