/**
 * Writes docs/eval/content.{json,md}: run by `npm run eval` after the
 * falsification report, or alone with `node tools/eval/dist/content-main.js`.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { evaluateContent } from "./content-evaluation";
import { renderContentMarkdown } from "./content-report";

export function writeContentReport(outDir: string, log: (line: string) => void): void {
  const report = evaluateContent(log);
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, "content.json"), JSON.stringify(report, null, 2) + "\n");
  writeFileSync(join(outDir, "content.md"), renderContentMarkdown(report));
  const worst = Object.entries(report.scoring.perSubcategory).reduce((w, [k, c]) => (Math.min(c.precision, c.recall) < w.v ? { k, v: Math.min(c.precision, c.recall) } : w), { k: "-", v: 1 });
  const p = report.policy;
  process.stdout.write(`content eval: ${report.rooms} rooms, lowest precision/recall ${worst.v} (${worst.k}); policy: ${p.innocent.roomsWithSevere} of ${p.innocent.rooms} innocent rooms with a severe action, ${p.underage.blockedOnStatement} of ${p.underage.rooms} underage streams blocked on the stating event; wrote ${outDir}/content.{json,md}\n`);
}

if (require.main === module) {
  writeContentReport(process.env.REDLINE_EVAL_OUT_DIR ?? join(__dirname, "..", "..", "..", "docs", "eval"), (line) => process.stderr.write(line + "\n"));
}
