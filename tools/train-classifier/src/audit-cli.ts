/**
 * The spam-rubric audit: `npm run audit:spam-rubric -- --print` lists the
 * sample's row ids and texts for a person to label (shuffled strata, no
 * source label, no mapping shown); without `--print` it compares the
 * committed labels in data/spam-audit.tsv with the rubric's code.
 */
import { join, resolve } from "node:path";
import { auditSample, compareAudit, readAuditFile } from "./spam-audit";
import { loadSmsSpam, loadYoutubeSpam } from "./spam-datasets";

const PACKAGE_DIR = resolve(__dirname, "..");

function main(argv: readonly string[]): void {
  const i = argv.indexOf("--datasets");
  const datasetsDir = resolve(i >= 0 && argv[i + 1] !== undefined ? argv[i + 1]! : join(PACKAGE_DIR, "..", "..", "..", "shared", "datasets"));
  const rows = [...loadYoutubeSpam(datasetsDir), ...loadSmsSpam(datasetsDir)];
  const sample = auditSample(rows);
  if (argv.includes("--print")) {
    for (const row of sample) process.stdout.write(`${row.rowId}\t${row.text.replace(/\s+/g, " ")}\n`);
    return;
  }
  const labels = readAuditFile(join(PACKAGE_DIR, "data", "spam-audit.tsv"));
  const sampled = new Set(sample.map((r) => r.rowId));
  const outsideSample = labels.filter((l) => !sampled.has(l.rowId)).map((l) => l.rowId);
  process.stdout.write(`${JSON.stringify({ ...compareAudit(rows, labels), outsideSample }, null, 2)}\n`);
}

main(process.argv.slice(2));
