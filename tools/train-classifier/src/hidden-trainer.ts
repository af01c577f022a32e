import { extractFeatures, LABEL_COUNT as LIBRARY_LABEL_COUNT, MAX_FEATURES_PER_TEXT, normalizeText, TEXT_LABELS, type TextScores } from "@redline/text-classifier";
import type { Platt } from "./calibration";
import { labelGradients, runEpochs } from "./epochs";
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
  const { hashBits, epochs, learningRate, l2 } = options;
  const { units } = hidden;
  const matrix = buildFeatureMatrix(
    examples.map((e) => e.text),
    hashBits,
    cache,
  );
  log(`features: ${matrix.indices.length} entries for ${examples.length} examples; hidden layer of ${units} units${hidden.wide ? " beside the linear part" : ""}`);
  const multipliers = positiveMultipliers(examples, options.minPositiveRatio);
  const model = initialModel(hashBits, hidden);
  const linearSq = new Float32Array(model.linear.length).fill(1e-6);
  const embeddingSq = new Float32Array(model.embeddings.length).fill(1e-6);
  const biasSq = new Float64Array(LABEL_COUNT).fill(1e-6);
  const hiddenBiasSq = new Float64Array(units).fill(1e-6);
  const outputSq = new Float64Array(model.output.length).fill(1e-6);
  const preActivation = new Float64Array(units);
  const logits = new Float64Array(LABEL_COUNT);
  const grads = new Float64Array(LABEL_COUNT);
  const unitGrads = new Float64Array(units);

  const dropRandom = createRandom(hidden.seed + 1);
  const kept = new Int32Array(MAX_FEATURES_PER_TEXT);
  runEpochs(examples, matrix, epochs, random, log, (example, rowStart, rowEnd, rowNorm, tally) => {
    let indices = matrix.indices;
    let start = rowStart;
    let end = rowEnd;
    let norm = rowNorm;
    if (hidden.featureDropout > 0) {
      let count = 0;
      for (let k = rowStart; k < rowEnd; k++) if (dropRandom() >= hidden.featureDropout) kept[count++] = matrix.indices[k] as number;
      if (count === 0) return;
      indices = kept;
      start = 0;
      end = count;
      norm = 1 / Math.sqrt(count);
    }
    forward(model, indices, start, end, preActivation, logits);
    if (!labelGradients(logits, example, multipliers, grads, tally)) return;
    for (let l = 0; l < LABEL_COUNT; l++) if (example.targets[l] !== UNKNOWN) adagradStep(model.bias, biasSq, l, grads[l] as number, learningRate);
    for (let h = 0; h < units; h++) {
      const a = preActivation[h] as number;
      let g = 0;
      if (a > 0) {
        for (let l = 0; l < LABEL_COUNT; l++) {
          const i = h * LABEL_COUNT + l;
          g += (grads[l] as number) * (model.output[i] as number);
          if (example.targets[l] !== UNKNOWN) adagradStep(model.output, outputSq, i, (grads[l] as number) * a + l2 * (model.output[i] as number), hidden.learningRate);
        }
        adagradStep(model.hiddenBias, hiddenBiasSq, h, g, hidden.learningRate);
      }
      unitGrads[h] = g * norm;
    }
    for (let k = start; k < end; k++) {
      const f = indices[k] as number;
      if (hidden.wide) {
        const base = f * LABEL_COUNT;
        for (let l = 0; l < LABEL_COUNT; l++) {
          if (example.targets[l] === UNKNOWN) continue;
          const i = base + l;
          adagradStep(model.linear, linearSq, i, (grads[l] as number) * norm + l2 * (model.linear[i] as number), learningRate);
        }
      }
      const eBase = f * units;
      for (let h = 0; h < units; h++) {
        const g = unitGrads[h] as number;
        if (g === 0) continue;
        const i = eBase + h;
        adagradStep(model.embeddings, embeddingSq, i, g + l2 * (model.embeddings[i] as number), hidden.learningRate);
      }
    }
  });
  return model;
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
