/**
 * Trains the committed text classifier: `npm run train:classifier [-- options]`
 * (options in train-config.ts). Deterministic: the same data, seed and code
 * produce the same weights (the version string is derived from their digest)
 * and the same metrics.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { createProgress, type Progress } from "@redline/progress";
import { readModelArtifact, TextClassifier, TEXT_LABELS, weightsToBytes, type LabelParameters, type ModelHeader, type TextLabel } from "@redline/text-classifier";
import { TrainingError } from "./errors";
import { UNKNOWN, type Example } from "./example";
import { binaryMetrics, type BinaryMetrics } from "./metrics";
import { fitModel, fitScorer, type FittedModel, type Scorer } from "./model-fit";
import { loadPools, prepareData } from "./prepare-data";
import { PACKAGE_DIR, parseArgs, type TrainConfig } from "./train-config";
import { composeCorrection, type TravelCorrections } from "./travel-calibration";

type Metrics = Partial<Record<TextLabel, BinaryMetrics>>;

export function evaluate(classifier: Scorer, examples: readonly Example[]): Metrics {
  const scores = examples.map((e) => classifier.classify(e.text));
  const result: Metrics = {};
  TEXT_LABELS.forEach((label, l) => {
    const known = examples.map((e, i) => [e.targets[l] as number, i] as const).filter(([t]) => t !== UNKNOWN);
    if (known.length === 0) return;
    result[label] = binaryMetrics(
      known.map(([, i]) => (scores[i] as Record<TextLabel, number>)[label]),
      known.map(([t]) => t),
    );
  });
  return result;
}

function readCorrections(path: string): TravelCorrections {
  if (!existsSync(path)) {
    throw new TrainingError(`travel calibration ${path} does not exist: write it with npm run fit:travel-calibration, or train without it (leave --travel-calibration out)`, { path });
  }
  return (JSON.parse(readFileSync(path, "utf8")) as { corrections: TravelCorrections }).corrections;
}

/**
 * The weights of an earlier run of this same procedure (`--weights-from DIR`,
 * same data, seed and trainer settings, checked against its header): lets a
 * calibration change be applied without ten epochs of training. Its Platt
 * parameters before any travel correction are restored from its header.
 */
function reuseWeights(config: TrainConfig, dir: string, log: (line: string) => void): FittedModel {
  const { header, weights } = readModelArtifact(join(dir, "text-classifier.json"), join(dir, "text-classifier.weights.bin"));
  const training = header.training as
    | { seed?: number; trainer?: unknown; coldNegativeReview?: string; reviewHarassment?: string; inDomainParameters?: Record<TextLabel, LabelParameters> }
    | undefined;
  // Artifacts from before cross-source targets (issue 14) were trained with both as "negative".
  const theirs = { seed: training?.seed, trainer: training?.trainer, coldNegativeReview: training?.coldNegativeReview ?? "negative", reviewHarassment: training?.reviewHarassment ?? "negative" };
  const ours = { seed: config.seed, trainer: config.trainer, coldNegativeReview: config.coldNegativeReview, reviewHarassment: config.reviewHarassment };
  if (JSON.stringify(theirs) !== JSON.stringify(ours)) {
    throw new TrainingError(`--weights-from ${dir}: its seed, trainer or target settings differ from this run's`, { dir, theirs, ours });
  }
  log(`reusing the weights of ${header.version} from ${dir}`);
  const parameters = training?.inDomainParameters ?? header.parameters;
  const restored = { ...header, parameters };
  return { header: restored, weights, classifier: new TextClassifier({ header: restored, weights }) };
}

/**
 * Version suffix: the weights' digest; with a travel correction, a digest of
 * the weights and the calibration, so a calibration change alone also
 * changes the version (and a run without one reproduces earlier artifacts).
 */
function versionOf(header: ModelHeader, corrected: boolean): string {
  if (!corrected) return `1.0.0+${header.weightsSha256.slice(0, 12)}`;
  return `1.0.0+${createHash("sha256").update(header.weightsSha256).update(JSON.stringify(header.parameters)).digest("hex").slice(0, 12)}`;
}

export function train(config: TrainConfig, log: (line: string) => void): ModelHeader {
  const { trainSet, calibrationSet, testSets, sizes, random } = prepareData(config, loadPools(config.datasetsDir));
  log(`sizes: ${JSON.stringify(sizes)}`);
  const fitted = config.weightsFrom === null ? fitModel(trainSet, calibrationSet, config, random, log) : reuseWeights(config, config.weightsFrom, log);
  const inDomainParameters = fitted.header.parameters;
  const corrections = config.travelCalibration === null ? {} : readCorrections(config.travelCalibration);
  const header: ModelHeader = {
    ...fitted.header,
    parameters: Object.fromEntries(TEXT_LABELS.map((label) => [label, corrections[label] === undefined ? inDomainParameters[label] : composeCorrection(inDomainParameters[label], corrections[label])])) as Record<TextLabel, LabelParameters>,
  };
  const corrected = Object.keys(corrections).length > 0;
  header.version = versionOf(header, corrected);
  const { weights } = fitted;
  const classifier = new TextClassifier({ header, weights });
  for (const label of TEXT_LABELS) if (corrections[label] !== undefined) log(`travel calibration ${label}: a=${corrections[label].a.toFixed(4)} b=${corrections[label].b.toFixed(4)}`);
  if (config.showErrors) {
    for (const e of testSets["seed-dev.tsv (hand-written, not trained on; guided data additions)"] ?? []) {
      const scores = classifier.classify(e.text);
      const wrong = TEXT_LABELS.filter((label, l) => (scores[label] >= 0.5 ? 1 : 0) !== e.targets[l]);
      if (wrong.length > 0) log(`seed-dev miss ${wrong.join(",")}: ${e.text} ${JSON.stringify(Object.values(scores).map((s) => +s.toFixed(2)))}`);
    }
  }
  header.training = {
    seed: config.seed,
    trainer: config.trainer,
    seedTrainVariants: config.seedTrainVariants,
    seedCalibrationVariants: config.seedCalibrationVariants,
    seedNegativeWeight: config.seedNegativeWeight,
    spamWeight: config.spamWeight,
    coldNegativeReview: config.coldNegativeReview,
    reviewHarassment: config.reviewHarassment,
    reviewFragments: config.reviewFragments,
    neutralFragments: config.neutralFragments,
    numberComments: config.numberComments,
    calibrationMinPositiveShare: config.calibrationMinPositiveShare,
    ...(corrected ? { travelCalibration: corrections, inDomainParameters } : {}),
    splits: sizes,
    calibrationSplitMetrics: evaluate(classifier, calibrationSet),
    testMetrics: Object.fromEntries(Object.entries(testSets).map(([name, set]) => [name, evaluate(classifier, set)])),
  };
  mkdirSync(config.outDir, { recursive: true });
  writeFileSync(join(config.outDir, header.weightsFile), weightsToBytes(weights));
  writeFileSync(join(config.outDir, `${header.weightsFile.replace(/\.weights\.bin$/, "")}.json`), `${JSON.stringify(header, null, 2)}\n`);
  return header;
}

export function metricsTable(header: ModelHeader): string {
  return testMetricsTable((header.training as { testMetrics: Record<string, Metrics> }).testMetrics);
}

function testMetricsTable(testMetrics: Record<string, Metrics>): string {
  const rows = ["| test set | label | n | positives | accuracy | precision | recall | F1 | AUC | ECE |", "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|"];
  for (const [set, metrics] of Object.entries(testMetrics)) {
    for (const [label, m] of Object.entries(metrics)) {
      if (m === undefined) continue;
      rows.push(`| ${set} | ${label} | ${m.n} | ${m.positives} | ${m.accuracy} | ${m.precision} | ${m.recall} | ${m.f1} | ${m.auc ?? "-"} | ${m.ece} |`);
    }
  }
  return rows.join("\n");
}

/**
 * `--hidden N` or `--mean-head LABEL`: that model trained and calibrated on
 * the same splits, measured on the same test sets, written to
 * `results/hidden-N.json` or `results/mean-head-LABEL-spam-weight-W.json` and
 * not to the artifact (the runtime library has no scoring loop for either).
 */
export function trainHiddenForMetrics(config: TrainConfig, log: (line: string) => void): { table: string; outPath: string } {
  const { trainSet, calibrationSet, testSets, random } = prepareData(config, loadPools(config.datasetsDir));
  const scorer = fitScorer(trainSet, calibrationSet, config, random, log);
  const testMetrics = Object.fromEntries(Object.entries(testSets).map(([name, set]) => [name, evaluate(scorer, set)]));
  const meanHeadLabels = TEXT_LABELS.filter((_, l) => config.trainer.meanHead?.[l] === true);
  const name = config.hidden !== null ? `hidden-${config.hidden.units}` : `mean-head-${meanHeadLabels.join("-")}-spam-weight-${config.spamWeight}`;
  const outPath = join(PACKAGE_DIR, "results", `${name}.json`);
  mkdirSync(dirname(outPath), { recursive: true });
  writeFileSync(outPath, `${JSON.stringify({ seed: config.seed, trainer: config.trainer, hidden: config.hidden, spamWeight: config.spamWeight, testMetrics }, null, 2)}\n`);
  return { table: testMetricsTable(testMetrics), outPath };
}

/** The trainer logs "epoch 3/10: ..." after each pass over the data; the bar counts those passes. */
const EPOCH_DONE = /^epoch (\d+)\/(\d+):/;

/**
 * On a terminal a bar over the epochs (rate and ETA) replaces the per-epoch
 * lines; piped or in CI every line is printed and no bar is drawn.
 */
function progressLog(): { log: (line: string) => void; done: () => void } {
  let progress: Progress | undefined;
  return {
    log: (line) => {
      const epoch = EPOCH_DONE.exec(line);
      if (epoch !== null) {
        progress ??= createProgress({ stream: process.stderr, unit: "epochs", total: Number(epoch[2]), redrawEveryMs: 0 });
        progress.update(Number(epoch[1]), line.slice(line.indexOf(":") + 2));
        if (progress.active) return;
      }
      process.stderr.write(`train: ${line}\n`);
    },
    done: () => progress?.stop(),
  };
}

if (require.main === module) {
  const started = Date.now();
  const config = parseArgs(process.argv.slice(2));
  const { log, done } = progressLog();
  if (config.hidden !== null || config.trainer.meanHead?.some(Boolean) === true) {
    const { table, outPath } = trainHiddenForMetrics(config, log);
    done();
    process.stdout.write(`${table}\n\ntrained in ${((Date.now() - started) / 1000).toFixed(1)} s: metrics in ${outPath}; no artifact written (the runtime scores the logistic model only)\n`);
  } else {
    const header = train(config, log);
    done();
    process.stdout.write(`${metricsTable(header)}\n\nversion ${header.version}, trained in ${((Date.now() - started) / 1000).toFixed(1)} s, written to ${config.outDir}\n`);
  }
}
