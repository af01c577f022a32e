/**
 * `node tools/eval/dist/claims-main.js`: the misleading-claims evaluation on
 * the scenarios' development and reporting seeds, written to
 * docs/eval/claims.{json,md}. With `--development` it runs the development
 * seeds only and prints their misses and false alarms (what a detector
 * author may look at) without writing anything. Wiring only.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { RiskEngine } from "@redline/engine";
import { CLAIMS_DEVELOPMENT_SEEDS, CLAIMS_REPORTING_SEEDS, evaluateClaimsSeed } from "./claims-evaluation";
import { renderClaimsMarkdown } from "./claims-report";

function main(argv: readonly string[]): void {
  const development = CLAIMS_DEVELOPMENT_SEEDS.map((seed) => evaluateClaimsSeed(seed, "development"));
  for (const r of development) process.stderr.write(`claims: seed ${r.seed}: precision ${r.precision}, recall ${r.recall} (${r.truePositives}/${r.misleading}, ${r.falsePositives} false)\n`);
  if (argv.includes("--development")) {
    for (const r of development) for (const e of r.errors ?? []) process.stdout.write(`${r.seed}\t${e.kind}\t${e.text}\t${e.alert ?? ""}\n`);
    return;
  }
  const reporting = CLAIMS_REPORTING_SEEDS.map((seed) => evaluateClaimsSeed(seed, "reporting"));
  for (const r of reporting) process.stderr.write(`claims: seed ${r.seed}: precision ${r.precision}, recall ${r.recall} (${r.truePositives}/${r.misleading}, ${r.falsePositives} false)\n`);
  const outDir = resolve(process.env.REDLINE_EVAL_OUT_DIR ?? join(__dirname, "..", "..", "..", "docs", "eval"));
  mkdirSync(outDir, { recursive: true });
  const modelVersion = new RiskEngine({}, { textScorer: { version: "none", classify: () => ({}) as never } }).modelVersion.replace(/\+text-none$/, "");
  writeFileSync(join(outDir, "claims.json"), JSON.stringify({ development: development.map(({ errors: _e, ...r }) => r), reporting }, null, 2) + "\n");
  writeFileSync(join(outDir, "claims.md"), renderClaimsMarkdown(development, reporting, modelVersion));
  process.stdout.write(`claims eval: wrote ${outDir}/claims.{json,md}\n`);
}

main(process.argv.slice(2));
