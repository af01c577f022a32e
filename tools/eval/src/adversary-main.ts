/**
 * `npm run eval:adversary`: the falsification detectors on the independent
 * generator's reporting seeds; prints a summary and writes
 * docs/eval/adversary.{json,md}. Wiring only.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { evaluateAdversary } from "./adversary-evaluation";
import { renderAdversaryMarkdown } from "./adversary-report";

export function writeAdversaryReport(outDir: string, log: (line: string) => void): void {
  const report = evaluateAdversary(undefined, log);
  mkdirSync(outDir, { recursive: true });
  writeFileSync(join(outDir, "adversary.json"), JSON.stringify(report, null, 2) + "\n");
  writeFileSync(join(outDir, "adversary.md"), renderAdversaryMarkdown(report));
  for (const [label, s] of Object.entries(report.medium.perLabel)) {
    log(`eval: adversary ${label}: precision ${s.precision}, recall ${s.recall} (catchable ${s.catchableRecall} of ${s.catchable}), median delay ${s.medianDelayS} s`);
  }
}

if (require.main === module) {
  writeAdversaryReport(resolve(process.env.REDLINE_EVAL_OUT_DIR ?? join(__dirname, "..", "..", "..", "docs", "eval")), (l) => process.stderr.write(l + "\n"));
}
