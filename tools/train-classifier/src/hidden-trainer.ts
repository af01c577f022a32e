import { extractFeatures, LABEL_COUNT as LIBRARY_LABEL_COUNT, MAX_FEATURES_PER_TEXT, normalizeText, TEXT_LABELS, type TextScores } from "@redline/text-classifier";
import type { Platt } from "./calibration";
import { labelGradients, runEpochs, type LossTally } from "./epochs";
import { UNKNOWN, type Example } from "./example";
import { buildFeatureMatrix, type FeatureCache } from "./feature-cache";
import { positiveMultipliers, type TrainerOptions } from "./logistic-trainer";
import { createRandom, type Random } from "./rng";

/**
 * A small hidden layer beside the logistic model (issue 14: "word and
 * character n-grams with a small hidden layer"): each hashed feature also has
 * an embedding of `units` floats; the text's embedding is their sum times
 * 1/√n (the same norm as the linear part), passed through a ReLU and a
 * units × labels output layer. With `wide` the linear (logistic) part is
 * trained jointly and added to the logit ("wide and deep"), so the hidden
 * layer learns what the n-grams alone cannot: conjunctions, and features that
 * share an embedding direction. Without it the model is fastText-like (the
 * ReLU aside). Trained with Adagrad like the logistic model; deterministic
 * for a seed. Not in the runtime library: it is a trainer option until the
 * leave-one-domain-out sweep says it wins (MODEL_CARD.md).
 */
// A module constant: a package import compiles to a getter, which costs 10× in the per-feature loops.
const LABEL_COUNT: number = LIBRARY_LABEL_COUNT;

export interface HiddenOptions {
  units: number;
  learningRate: number;
  /** Keep the linear part beside the hidden layer. */
  wide: boolean;
  /** Embeddings start uniform in ±initScale/2. */
  initScale: number;
  /**
   * Share of a text's feature occurrences dropped at random in each training
   * step (own random stream), so no single n-gram carries a label: a guess at
   * what transfers to a domain whose vocabulary differs.
   */
  featureDropout: number;
  seed: number;
}

export interface HiddenModel {
  hashBits: number;
  units: number;
  /** Linear weights, feature-major as FloatModel: linear[feature * LABEL_COUNT + label]. */
  linear: Float32Array;
  bias: Float64Array;
  /** embeddings[feature * units + unit]. */
  embeddings: Float32Array;
  hiddenBias: Float64Array;
  /** output[unit * LABEL_COUNT + label]. */
  output: Float64Array;
}

function initialModel(hashBits: number, hidden: HiddenOptions): HiddenModel {
  // Its own stream, so the shuffles of training draw what they draw without a hidden layer.
  const random = createRandom(hidden.seed);
  const { units } = hidden;
  const embeddings = new Float32Array((1 << hashBits) * units);
  for (let i = 0; i < embeddings.length; i++) embeddings[i] = (random() - 0.5) * hidden.initScale;
  const output = new Float64Array(units * LABEL_COUNT);
  for (let i = 0; i < output.length; i++) output[i] = (random() - 0.5) * 0.2;
  return { hashBits, units, linear: new Float32Array((1 << hashBits) * LABEL_COUNT), bias: new Float64Array(LABEL_COUNT), embeddings, hiddenBias: new Float64Array(units), output };
}

/** Pre-activations of the hidden units and the linear sums of one text's features (indices[start, end)). */
function forward(model: HiddenModel, indices: Int32Array, start: number, end: number, preActivation: Float64Array, logits: Float64Array): void {
  const { units, linear, embeddings, output } = model;
  const norm = 1 / Math.sqrt(end - start);
  preActivation.fill(0);
  logits.fill(0);
  for (let k = start; k < end; k++) {
    const f = indices[k] as number;
    const base = f * LABEL_COUNT;
    for (let l = 0; l < LABEL_COUNT; l++) logits[l] += linear[base + l] as number;
    const eBase = f * units;
    for (let h = 0; h < units; h++) preActivation[h] += embeddings[eBase + h] as number;
  }
  for (let l = 0; l < LABEL_COUNT; l++) logits[l] = (model.bias[l] as number) + norm * (logits[l] as number);
  for (let h = 0; h < units; h++) {
    const a = (model.hiddenBias[h] as number) + norm * (preActivation[h] as number);
    preActivation[h] = a;
    if (a <= 0) continue;
    for (let l = 0; l < LABEL_COUNT; l++) logits[l] += a * (output[h * LABEL_COUNT + l] as number);
  }
}

function adagradStep(values: Float32Array | Float64Array, gradSq: Float32Array | Float64Array, i: number, gradient: number, learningRate: number): void {
  gradSq[i] += gradient * gradient;
  values[i] -= (learningRate * gradient) / Math.sqrt(gradSq[i] as number);
}

export function trainHidden(examples: readonly Example[], options: TrainerOptions, hidden: HiddenOptions, random: Random, log: (line: string) => void, cache?: FeatureCache): HiddenModel {
  const matrix = buildFeatureMatrix(
    examples.map((e) => e.text),
    options.hashBits,
    cache,
  );
  log(`features: ${matrix.indices.length} entries for ${examples.length} examples; hidden layer of ${hidden.units} units${hidden.wide ? " beside the linear part" : ""}`);
  const step = new HiddenStep(initialModel(options.hashBits, hidden), options, hidden, positiveMultipliers(examples, options.minPositiveRatio));
  runEpochs(examples, matrix, options.epochs, random, log, (example, start, end, norm, tally) => step.train(example, matrix.indices, start, end, norm, tally));
  return step.model;
}

/**
 * One Adagrad step of the hidden model per example, and what the steps
 * share: the squared gradients of each trained array, the dropout's own
 * random stream, and buffers reused across examples.
 */
class HiddenStep {
  private readonly linearSq: Float32Array;
  private readonly embeddingSq: Float32Array;
  private readonly biasSq = new Float64Array(LABEL_COUNT).fill(1e-6);
  private readonly hiddenBiasSq: Float64Array;
  private readonly outputSq: Float64Array;
  private readonly preActivation: Float64Array;
  private readonly logits = new Float64Array(LABEL_COUNT);
  private readonly grads = new Float64Array(LABEL_COUNT);
  /** Each unit's gradient for its inputs, norm applied; 0 for a unit the text left inactive. */
  private readonly unitGrads: Float64Array;
  private readonly dropRandom: Random;
  private readonly kept = new Int32Array(MAX_FEATURES_PER_TEXT);

  constructor(
    readonly model: HiddenModel,
    private readonly options: TrainerOptions,
    private readonly hidden: HiddenOptions,
    private readonly multipliers: Float64Array,
  ) {
    this.linearSq = new Float32Array(model.linear.length).fill(1e-6);
    this.embeddingSq = new Float32Array(model.embeddings.length).fill(1e-6);
    this.hiddenBiasSq = new Float64Array(hidden.units).fill(1e-6);
    this.outputSq = new Float64Array(model.output.length).fill(1e-6);
    this.preActivation = new Float64Array(hidden.units);
    this.unitGrads = new Float64Array(hidden.units);
    this.dropRandom = createRandom(hidden.seed + 1);
  }

  /** The step for the text's features indices[start, end) and their 1/√n norm (runEpochs' step). */
  train(example: Example, indices: Int32Array, start: number, end: number, norm: number, tally: LossTally): void {
    if (this.hidden.featureDropout > 0) {
      const count = this.dropFeatures(indices, start, end);
      if (count === 0) return;
      indices = this.kept;
      start = 0;
      end = count;
      norm = 1 / Math.sqrt(count);
    }
    forward(this.model, indices, start, end, this.preActivation, this.logits);
    if (!labelGradients(this.logits, example, this.multipliers, this.grads, tally)) return;
    this.updateOutputLayer(example, norm);
    this.updateInputs(example, indices, start, end, norm);
  }

  /** Keeps each feature occurrence unless the dropout draws it, into `kept`; returns how many were kept. */
  private dropFeatures(indices: Int32Array, start: number, end: number): number {
    let count = 0;
    for (let k = start; k < end; k++) if (this.dropRandom() >= this.hidden.featureDropout) this.kept[count++] = indices[k] as number;
    return count;
  }

  /** The label biases, the output weights and the hidden biases of the active units; fills `unitGrads`. */
  private updateOutputLayer(example: Example, norm: number): void {
    const { model, grads, preActivation, unitGrads } = this;
    const { l2 } = this.options;
    const { units, learningRate } = this.hidden;
    for (let l = 0; l < LABEL_COUNT; l++) if (example.targets[l] !== UNKNOWN) adagradStep(model.bias, this.biasSq, l, grads[l] as number, this.options.learningRate);
    for (let h = 0; h < units; h++) {
      const a = preActivation[h] as number;
      let g = 0;
      if (a > 0) {
        for (let l = 0; l < LABEL_COUNT; l++) {
          const i = h * LABEL_COUNT + l;
          g += (grads[l] as number) * (model.output[i] as number);
          if (example.targets[l] !== UNKNOWN) adagradStep(model.output, this.outputSq, i, (grads[l] as number) * a + l2 * (model.output[i] as number), learningRate);
        }
        adagradStep(model.hiddenBias, this.hiddenBiasSq, h, g, learningRate);
      }
      unitGrads[h] = g * norm;
    }
  }

  /** The linear weights (with `wide`) and the embeddings of the text's features. */
  private updateInputs(example: Example, indices: Int32Array, start: number, end: number, norm: number): void {
    const { model, grads, unitGrads, linearSq, embeddingSq } = this;
    const { l2 } = this.options;
    const { units, wide } = this.hidden;
    for (let k = start; k < end; k++) {
      const f = indices[k] as number;
      if (wide) {
        const base = f * LABEL_COUNT;
        for (let l = 0; l < LABEL_COUNT; l++) {
          if (example.targets[l] === UNKNOWN) continue;
          const i = base + l;
          adagradStep(model.linear, linearSq, i, (grads[l] as number) * norm + l2 * (model.linear[i] as number), this.options.learningRate);
        }
      }
      const eBase = f * units;
      for (let h = 0; h < units; h++) {
        const g = unitGrads[h] as number;
        if (g === 0) continue;
        const i = eBase + h;
        adagradStep(model.embeddings, embeddingSq, i, g + l2 * (model.embeddings[i] as number), this.hidden.learningRate);
      }
    }
  }
}

/**
 * Scores texts with a HiddenModel in float precision, for calibration and
 * the leave-one-domain-out sweep (the runtime library has no scoring loop for
 * it). Same contract as TextClassifier.classify: an empty text scores 0.
 */
export class HiddenScorer {
  private readonly features = new Int32Array(MAX_FEATURES_PER_TEXT);
  private readonly preActivation: Float64Array;
  private readonly logits = new Float64Array(LABEL_COUNT);

  constructor(
    private readonly model: HiddenModel,
    private readonly platt: readonly Platt[] = TEXT_LABELS.map(() => ({ a: 1, b: 0 })),
  ) {
    this.preActivation = new Float64Array(model.units);
  }

  withCalibration(platt: readonly Platt[]): HiddenScorer {
    return new HiddenScorer(this.model, platt);
  }

  /** Uncalibrated logits of an already normalised text; reused buffer. */
  rawScores(normalized: string): Float64Array {
    const count = extractFeatures(normalized, this.model.hashBits, this.features);
    if (count === 0) {
      this.logits.set(this.model.bias);
      return this.logits;
    }
    forward(this.model, this.features, 0, count, this.preActivation, this.logits);
    return this.logits;
  }

  classify(text: string): TextScores {
    const normalized = normalizeText(text);
    const scores = { NEGATIVE_REVIEW: 0, HARASSMENT: 0, DIVERSION: 0, PROHIBITED: 0, MINOR_RISK: 0 };
    if (normalized === "") return scores;
    const raw = this.rawScores(normalized);
    const p = this.platt;
    const calibrated = (l: number): number => 1 / (1 + Math.exp(-((p[l] as Platt).a * (raw[l] as number) + (p[l] as Platt).b)));
    scores.NEGATIVE_REVIEW = calibrated(0);
    scores.HARASSMENT = calibrated(1);
    scores.DIVERSION = calibrated(2);
    scores.PROHIBITED = calibrated(3);
    scores.MINOR_RISK = calibrated(4);
    return scores;
  }
}
