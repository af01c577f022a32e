/**
 * `npm run eval:classifier [-- --folds 0,4 --out FILE --scores FILE --thresholds DIVERSION=0.6 --operating-point DIVERSION --operating-point-rows own-sources ...]`:
 * leave-one-domain-out results (lodo.ts) as a Markdown table on stdout and
 * JSON in FILE (default results/lodo.json); `--scores` also writes every
 * held-out example's score and target, the input of travel-calibration. Training options as in
 * train-config.ts. Ten trainings: about 15-30 min on two busy cores.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { TEXT_LABELS, parseThresholds, type TextLabel } from "@redline/text-classifier";
import { lodoFolds, runFold, THRESHOLD_GRID, worstByLabel, type DomainResult, type HeldOutScores, type OperatingPointRule } from "./lodo";
import { FeatureCache } from "./feature-cache";
import { loadPools } from "./prepare-data";
import { PACKAGE_DIR, parseArgs } from "./train-config";

function table(results: readonly DomainResult[]): string {
  const rows = [
    "| label | held-out domain | trained on | n | positives | threshold | balanced accuracy | AUC | ECE (15 equal-mass) | mean score |",
    "|---|---|---|---:|---:|---:|---:|---:|---:|---:|",
  ];
  const worst = worstByLabel(results);
  for (const label of TEXT_LABELS) {
    for (const r of results.filter((x) => x.label === label)) {
      const mark = worst[label] === r ? " **(worst)**" : "";
      rows.push(`| ${r.label} | ${r.family}: ${r.domain}${mark} | ${r.trainedOn} | ${r.n} | ${r.positives} | ${r.threshold} | ${r.balancedAccuracy ?? "-"} | ${r.auc ?? "-"} | ${r.ece} | ${r.meanScore} |`);
    }
  }
  return rows.join("\n");
}

/** Per label, the worst held-out domain's balanced accuracy at each grid threshold: the threshold to pick maximises it. */
function thresholdTable(results: readonly DomainResult[]): string {
  const rows = [`| label | ${THRESHOLD_GRID.join(" | ")} |`, `|---|${THRESHOLD_GRID.map(() => "---:").join("|")}|`];
  for (const label of TEXT_LABELS) {
    const mine = results.filter((r) => r.label === label);
    if (mine.length === 0) continue;
    const worst = THRESHOLD_GRID.map((t) => Math.min(...mine.map((r) => r.balancedAccuracyByThreshold[String(t)] ?? 1)));
    rows.push(`| ${label} (worst domain) | ${worst.join(" | ")} |`);
  }
  return rows.join("\n");
}

function main(argv: readonly string[]): void {
  const value = (flag: string): string | undefined => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const config = parseArgs(argv);
  const thresholds: Record<TextLabel, number> = { ...(Object.fromEntries(TEXT_LABELS.map((l) => [l, 0.5])) as Record<TextLabel, number>), ...parseThresholds(value("--thresholds") ?? "", "--thresholds") };
  // Labels whose threshold each fold chooses on its own calibration split (operating-point.ts) instead of --thresholds.
  const ruleLabels = (value("--operating-point") ?? "").split(",").filter((x) => x !== "") as TextLabel[];
  for (const label of ruleLabels) if (!TEXT_LABELS.includes(label)) throw new RangeError(`--operating-point: "${label}" is not one of ${TEXT_LABELS.join(", ")}`);
  const ruleRows = value("--operating-point-rows") ?? "all";
  if (ruleRows !== "all" && ruleRows !== "own-sources") throw new RangeError(`--operating-point-rows: "${ruleRows}" is not all or own-sources`);
  const rule: OperatingPointRule = { labels: ruleLabels, rows: ruleRows };
  const outPath = resolve(value("--out") ?? join(PACKAGE_DIR, "results", "lodo.json"));
  const log = (line: string): void => void process.stderr.write(`eval: ${line}\n`);
  const pools = loadPools(config.datasetsDir);
  const folds = lodoFolds(pools);
  const scoresPath = value("--scores");
  // Both written after every fold: a run cut short on the shared machine keeps the folds it finished.
  const writeScores = (): void => {
    if (scoresPath !== undefined) writeFileSync(resolve(scoresPath), `${JSON.stringify({ settings: { seed: config.seed, trainer: config.trainer, hidden: config.hidden }, heldOut })}\n`);
  };
  const chosen = value("--folds")?.split(",").map(Number) ?? folds.map((_, i) => i);
  const writeResults = (): void => {
    mkdirSync(dirname(outPath), { recursive: true });
    writeFileSync(outPath, `${JSON.stringify({ settings: { seed: config.seed, trainer: config.trainer, hidden: config.hidden, spamWeight: config.spamWeight, coldNegativeReview: config.coldNegativeReview, reviewHarassment: config.reviewHarassment, calibrationMinPositiveShare: config.calibrationMinPositiveShare, balancedCalibration: config.balancedCalibration, thresholds, operatingPoint: rule }, results }, null, 2)}\n`);
  };
  // Featurised once for all folds: they train on nearly the same texts.
  const cache = new FeatureCache(config.trainer.hashBits);
  const results: DomainResult[] = [];
  const heldOut: HeldOutScores[] = [];
  for (const i of chosen) {
    const fold = folds[i];
    if (fold === undefined) throw new RangeError(`--folds: there is no fold ${i} (0-${folds.length - 1})`);
    const started = Date.now();
    const { results: foldResults, heldOut: foldScores } = runFold(config, pools, fold, thresholds, log, cache, rule);
    results.push(...foldResults);
    heldOut.push(...foldScores);
    writeScores();
    writeResults();
    log(`${fold.name} done in ${((Date.now() - started) / 1000).toFixed(0)} s: ${foldResults.map((r) => `${r.label} ${r.domain} bacc ${r.balancedAccuracy} ece ${r.ece}`).join("; ")}`);
  }
  process.stdout.write(`${table(results)}\n\n${thresholdTable(results)}\n`);
}

main(process.argv.slice(2));
