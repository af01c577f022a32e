import {
  ARTIFACT_FORMAT,
  DEFAULT_LENGTH_EXPONENT,
  DEFAULT_MODEL_NAME,
  FEATURE_SPEC_VERSION,
  LABEL_COUNT,
  normalizeText,
  TEXT_LABELS,
  TextClassifier,
  weightsDigest,
  type LabelParameters,
  type ModelHeader,
  type TextLabel,
  type TextScores,
} from "@redline/text-classifier";
import { fitPlatt, type Platt } from "./calibration";
import { UNKNOWN, type Example } from "./example";
import type { FeatureCache } from "./feature-cache";
import { TrainingError } from "./errors";
import { HiddenScorer, trainHidden } from "./hidden-trainer";
import { MeanHeadScorer } from "./mean-head";
import { ownSourceRows } from "./operating-point";
import { trainLogistic, type FloatModel } from "./logistic-trainer";
import type { Random } from "./rng";
import type { TrainConfig } from "./train-config";

export interface FittedModel {
  header: ModelHeader;
  weights: Int16Array;
  classifier: TextClassifier;
}

/** int16 per label with one scale each: 4× smaller than float32, scores change by < 1e-3. */
function quantize(model: FloatModel): { weights: Int16Array; scales: number[] } {
  const { weights } = model;
  const maxAbs = new Array<number>(LABEL_COUNT).fill(1e-9);
  for (let i = 0; i < weights.length; i++) {
    const l = i % LABEL_COUNT;
    maxAbs[l] = Math.max(maxAbs[l] as number, Math.abs(weights[i] as number));
  }
  const scales = maxAbs.map((m) => m / 32767);
  const quantized = new Int16Array(weights.length);
  for (let i = 0; i < weights.length; i++) quantized[i] = Math.round((weights[i] as number) / (scales[i % LABEL_COUNT] as number));
  return { weights: quantized, scales };
}

function headerFor(config: TrainConfig, parameters: Record<TextLabel, LabelParameters>, weights: Int16Array): ModelHeader {
  return {
    format: ARTIFACT_FORMAT,
    version: "",
    featureSpecVersion: FEATURE_SPEC_VERSION,
    hashBits: config.trainer.hashBits,
    labels: [...TEXT_LABELS],
    parameters,
    thresholds: Object.fromEntries(TEXT_LABELS.map((l) => [l, 0.5])) as Record<TextLabel, number>,
    weightsFile: `${DEFAULT_MODEL_NAME}.weights.bin`,
    weightsSha256: weightsDigest(weights),
  };
}

/**
 * Trains the weights on `trainSet`, then fits Platt scaling per label on
 * `calibrationSet` (a mix of every domain the fold keeps), and returns the
 * model ready to score. Used by the committed model and by every
 * leave-one-domain-out fold alike, so both measure the same procedure.
 */
export function fitModel(trainSet: readonly Example[], calibrationSet: readonly Example[], config: TrainConfig, random: Random, log: (line: string) => void, cache?: FeatureCache): FittedModel {
  // The artifact format has no place for a mean head; writing the shared weights alone would ship a model nobody measured.
  if (config.trainer.meanHead?.some(Boolean) === true) throw new TrainingError("--mean-head is for eval:classifier only: the runtime cannot score it", {});
  return fitTrained(trainLogistic(trainSet, config.trainer, random, log, cache), calibrationSet, config, log);
}

/** Quantises a trained model and fits Platt per label on `calibrationSet`. */
function fitTrained(model: FloatModel, calibrationSet: readonly Example[], config: TrainConfig, log: (line: string) => void): FittedModel {
  const { weights, scales } = quantize(model);
  const identity = Object.fromEntries(
    TEXT_LABELS.map((label, l) => {
      const exponent = config.trainer.lengthExponents?.[l];
      const length = exponent === undefined || exponent === DEFAULT_LENGTH_EXPONENT ? {} : { lengthExponent: exponent };
      return [label, { bias: model.bias[l] as number, weightScale: scales[l] as number, plattA: 1, plattB: 0, ...length }];
    }),
  ) as Record<TextLabel, LabelParameters>;
  const rawClassifier = new TextClassifier({ header: headerFor(config, identity, weights), weights });

  const parameters = { ...identity };
  calibrate((text) => rawClassifier.rawScores(text), calibrationSet, config, log).forEach((platt, l) => {
    const label = TEXT_LABELS[l] as TextLabel;
    parameters[label] = { ...identity[label], plattA: platt.a, plattB: platt.b };
  });
  const header = headerFor(config, parameters, weights);
  header.version = `1.0.0+${header.weightsSha256.slice(0, 12)}`;
  return { header, weights, classifier: new TextClassifier({ header, weights }) };
}

/** What evaluation needs of a model: the runtime's TextClassifier, or a trainer-only HiddenScorer. */
export interface Scorer {
  classify(text: string): TextScores;
}

/**
 * The model of `config` trained and calibrated as fitModel does: the
 * committed logistic model, or with `config.hidden` the hidden-layer model
 * (float weights, Platt per label on the same calibration split), so the
 * leave-one-domain-out sweep compares the two by one procedure.
 */
export function fitScorer(trainSet: readonly Example[], calibrationSet: readonly Example[], config: TrainConfig, random: Random, log: (line: string) => void, cache?: FeatureCache): Scorer {
  if (config.hidden === null && config.trainer.meanHead?.some(Boolean) !== true) return fitModel(trainSet, calibrationSet, config, random, log, cache).classifier;
  const uncalibrated = config.hidden !== null ? new HiddenScorer(trainHidden(trainSet, config.trainer, config.hidden, random, log, cache)) : meanHeadScorer(trainLogistic(trainSet, config.trainer, random, log, cache), calibrationSet, config);
  return uncalibrated.withCalibration(calibrate((text) => uncalibrated.rawScores(text), calibrationSet, config, log));
}

/** The shared weights as the runtime scores them (quantised, no calibration) with the model's mean head beside them. */
function meanHeadScorer(model: FloatModel, calibrationSet: readonly Example[], config: TrainConfig): MeanHeadScorer {
  const head = model.meanHead;
  if (head === undefined) throw new TrainingError("meanHeadScorer: the model has no mean head", {});
  const shared = fitTrained(model, calibrationSet, config, () => undefined);
  const identity = { ...shared.header, parameters: Object.fromEntries(TEXT_LABELS.map((label) => [label, { ...shared.header.parameters[label], plattA: 1, plattB: 0 }])) as Record<TextLabel, LabelParameters> };
  return new MeanHeadScorer(new TextClassifier({ header: identity, weights: shared.weights }), head);
}

/**
 * Platt per label on the calibration split. A label in
 * `config.balancedCalibration` is fitted on its own sources' rows only
 * (ownSourceRows) with both classes weighted alike, so 0.5 is its balanced
 * point on text in its positives' register rather than a probability under
 * the 3% prior (issue 14: DIVERSION's held-out videos and SMS are 13-53% spam).
 */
function calibrate(rawScores: (normalized: string) => Float64Array, calibrationSet: readonly Example[], config: TrainConfig, log: (line: string) => void): Platt[] {
  const raws = calibrationSet.map((e) => Array.from(rawScores(normalizeText(e.text))));
  const index = new Map(calibrationSet.map((e, i) => [e, i]));
  return TEXT_LABELS.map((label, l) => {
    const balanced = config.balancedCalibration.includes(label);
    const rows = balanced ? ownSourceRows(calibrationSet, l) : calibrationSet.filter((e) => e.targets[l] !== UNKNOWN);
    const platt = fitPlatt(
      rows.map((e) => (raws[index.get(e) as number] as number[])[l] as number),
      rows.map((e) => e.targets[l] as number),
      balanced ? 0.5 : config.calibrationMinPositiveShare,
    );
    log(`calibration ${label}: a=${platt.a.toFixed(4)} b=${platt.b.toFixed(4)} on ${rows.length}${balanced ? " (own sources, balanced)" : ""}`);
    return platt;
  });
}
