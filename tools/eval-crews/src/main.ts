/**
 * `npm run eval:crews`: every declared seed through the crew detector, then
 * docs/eval/crews.{md,json}. `--dev` runs the development seeds only and
 * prints them (for tuning) without writing the report.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { renderCrewMarkdown, type CrewReport } from "./crew-report";
import { runSeed } from "./run-seed";
import { missesByKind } from "./miss-kinds";
import { checkSeedsDisjoint, CREW_DEVELOPMENT_SEEDS, CREW_REPORTING_SEEDS } from "./seeds";

function main(argv: readonly string[]): void {
  const devOnly = argv.includes("--dev");
  const throughEngine = argv.includes("--engine");
  checkSeedsDisjoint(CREW_DEVELOPMENT_SEEDS, CREW_REPORTING_SEEDS);
  const seeds = devOnly ? [...CREW_DEVELOPMENT_SEEDS] : [...CREW_DEVELOPMENT_SEEDS, ...CREW_REPORTING_SEEDS];
  const report: CrewReport = { developmentSeeds: [...CREW_DEVELOPMENT_SEEDS], reportingSeeds: [...CREW_REPORTING_SEEDS], results: [] };
  for (const seed of seeds) {
    const result = runSeed(seed, {}, throughEngine);
    report.results.push(result);
    const s = result.score;
    process.stderr.write(`seed ${seed}: crew recall ${s.crewRecall}, precision ${s.precision}, room recall ${s.roomRecall}, precision ${s.roomPrecision}, ${result.state.bytesPerAccount} B/account\n`);
    const e = result.throughEngine;
    if (e !== undefined) {
      process.stderr.write(`  through the engine: crew recall ${e.score.crewRecall}, precision ${e.score.precision}, room recall ${e.score.roomRecall}, ${e.records} records, ${e.lateDropped} late, ${e.state.bytesPerAccount} B/account\n`);
      process.stderr.write(`  room actions: ${JSON.stringify(e.roomActions)}\n`);
    }
    // Misses by kind (the crew's style and size) are what a development round reads; never printed for reporting seeds.
    if (devOnly) for (const c of s.perCrew.filter((x) => !x.found)) process.stderr.write(`  missed ${JSON.stringify(c)}\n`);
  }
  if (devOnly) {
    process.stderr.write(`missed crews by where their evidence is: ${JSON.stringify(missesByKind(report.results.flatMap((r) => r.score.perCrew)))}\n`);
    return;
  }
  const outDir = process.env.REDLINE_EVAL_OUT_DIR ?? join(__dirname, "..", "..", "..", "docs", "eval");
  mkdirSync(outDir, { recursive: true });
  // Per-crew outcomes are for --dev tuning; the report keeps the totals.
  const json = {
    ...report,
    results: report.results.map((r) => ({
      ...r,
      score: { ...r.score, perCrew: undefined },
      throughEngine: r.throughEngine === undefined ? undefined : { ...r.throughEngine, score: { ...r.throughEngine.score, perCrew: undefined } },
    })),
  };
  writeFileSync(join(outDir, "crews.json"), JSON.stringify(json, null, 2) + "\n");
  writeFileSync(join(outDir, "crews.md"), renderCrewMarkdown(report));
  process.stdout.write(`crew eval: wrote ${outDir}/crews.{md,json}\n`);
}

main(process.argv.slice(2));
