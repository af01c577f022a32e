/**
 * Trains the committed text classifier: `npm run train:classifier [-- options]`
 * (options in train-config.ts). Deterministic: the same data, seed and code
 * produce the same weights (the version string is derived from their digest)
 * and the same metrics.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createProgress, type Progress } from "@redline/progress";
import { TEXT_LABELS, weightsToBytes, type ModelHeader, type TextClassifier, type TextLabel } from "@redline/text-classifier";
import { UNKNOWN, type Example } from "./example";
import { binaryMetrics, type BinaryMetrics } from "./metrics";
import { fitModel } from "./model-fit";
import { loadPools, prepareData } from "./prepare-data";
import { parseArgs, type TrainConfig } from "./train-config";

type Metrics = Partial<Record<TextLabel, BinaryMetrics>>;

export function evaluate(classifier: TextClassifier, examples: readonly Example[]): Metrics {
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

export function train(config: TrainConfig, log: (line: string) => void): ModelHeader {
  const { trainSet, calibrationSet, testSets, sizes, random } = prepareData(config, loadPools(config.datasetsDir));
  log(`sizes: ${JSON.stringify(sizes)}`);
  const { header, weights, classifier } = fitModel(trainSet, calibrationSet, config, random, log);
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
    reviewFragments: config.reviewFragments,
    neutralFragments: config.neutralFragments,
    numberComments: config.numberComments,
    calibrationMinPositiveShare: config.calibrationMinPositiveShare,
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
  const training = header.training as { testMetrics: Record<string, Metrics> };
  const rows = ["| test set | label | n | positives | accuracy | precision | recall | F1 | AUC | ECE |", "|---|---|---:|---:|---:|---:|---:|---:|---:|---:|"];
  for (const [set, metrics] of Object.entries(training.testMetrics)) {
    for (const [label, m] of Object.entries(metrics)) {
      if (m === undefined) continue;
      rows.push(`| ${set} | ${label} | ${m.n} | ${m.positives} | ${m.accuracy} | ${m.precision} | ${m.recall} | ${m.f1} | ${m.auc ?? "-"} | ${m.ece} |`);
    }
  }
  return rows.join("\n");
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
  const header = train(config, log);
  done();
  process.stdout.write(`${metricsTable(header)}\n\nversion ${header.version}, trained in ${((Date.now() - started) / 1000).toFixed(1)} s, written to ${config.outDir}\n`);
}
