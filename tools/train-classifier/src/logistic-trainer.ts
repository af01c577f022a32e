import { extractFeatures, MAX_FEATURES_PER_TEXT, LABEL_COUNT, normalizeText } from "@redline/text-classifier";
import { UNKNOWN, type Example } from "./example";
import { shuffleInPlace, type Random } from "./rng";

/**
 * One-vs-rest logistic regression over hashed features, trained jointly with
 * Adagrad: one pass over an example's features scores all labels, a second
 * updates the labels its source knows. Labels a source does not know get no
 * gradient (see example.ts).
 */
export interface TrainerOptions {
  hashBits: number;
  epochs: number;
  learningRate: number;
  /** L2 penalty applied to a weight each time its feature is seen. */
  l2: number;
  /**
   * Minimum positive:negative weight ratio per label. Labels whose positives
   * come only from the small seed files are up-weighted to this ratio.
   */
  minPositiveRatio: number;
}

export interface FloatModel {
  hashBits: number;
  /** Feature-major: weights[feature * LABEL_COUNT + label]. */
  weights: Float32Array;
  bias: Float64Array;
}

/** Features of many texts in one flat buffer (CSR layout). */
export interface FeatureMatrix {
  offsets: Int32Array;
  indices: Int32Array;
}

export function buildFeatureMatrix(texts: readonly string[], hashBits: number): FeatureMatrix {
  const scratch = new Int32Array(MAX_FEATURES_PER_TEXT);
  const offsets = new Int32Array(texts.length + 1);
  let indices = new Int32Array(Math.max(1024, texts.length * 64));
  let used = 0;
  texts.forEach((text, row) => {
    const count = extractFeatures(normalizeText(text), hashBits, scratch);
    if (used + count > indices.length) {
      const grown = new Int32Array(Math.max(indices.length * 2, used + count));
      grown.set(indices.subarray(0, used));
      indices = grown;
    }
    indices.set(scratch.subarray(0, count), used);
    used += count;
    offsets[row + 1] = used;
  });
  return { offsets, indices: indices.slice(0, used) };
}

/** Per-label multiplier for positive examples so positives weigh at least minPositiveRatio of negatives. */
export function positiveMultipliers(examples: readonly Example[], minPositiveRatio: number): Float64Array {
  const multipliers = new Float64Array(LABEL_COUNT).fill(1);
  for (let l = 0; l < LABEL_COUNT; l++) {
    let positive = 0;
    let negative = 0;
    for (const e of examples) {
      if (e.targets[l] === 1) positive += e.weight;
      else if (e.targets[l] === 0) negative += e.weight;
    }
    if (positive > 0 && positive < minPositiveRatio * negative) multipliers[l] = (minPositiveRatio * negative) / positive;
  }
  return multipliers;
}

export function trainLogistic(examples: readonly Example[], options: TrainerOptions, random: Random, log: (line: string) => void): FloatModel {
  const { hashBits, epochs, learningRate, l2 } = options;
  const matrix = buildFeatureMatrix(
    examples.map((e) => e.text),
    hashBits,
  );
  log(`features: ${matrix.indices.length} entries for ${examples.length} examples`);
  const multipliers = positiveMultipliers(examples, options.minPositiveRatio);
  log(`positive multipliers: ${Array.from(multipliers, (m) => m.toFixed(2)).join(" ")}`);

  const size = (1 << hashBits) * LABEL_COUNT;
  const weights = new Float32Array(size);
  const gradSq = new Float32Array(size).fill(1e-6);
  const bias = new Float64Array(LABEL_COUNT);
  const biasGradSq = new Float64Array(LABEL_COUNT).fill(1e-6);
  const order = examples.map((_, i) => i);
  const sums = new Float64Array(LABEL_COUNT);
  const grads = new Float64Array(LABEL_COUNT);

  for (let epoch = 0; epoch < epochs; epoch++) {
    shuffleInPlace(order, random);
    let loss = 0;
    let weightTotal = 0;
    for (const row of order) {
      const example = examples[row] as Example;
      const start = matrix.offsets[row] as number;
      const end = matrix.offsets[row + 1] as number;
      if (end === start) continue;
      const norm = 1 / Math.sqrt(end - start);
      sums.fill(0);
      for (let k = start; k < end; k++) {
        const base = (matrix.indices[k] as number) * LABEL_COUNT;
        for (let l = 0; l < LABEL_COUNT; l++) sums[l] += weights[base + l] as number;
      }
      for (let l = 0; l < LABEL_COUNT; l++) {
        const target = example.targets[l] as number;
        if (target === UNKNOWN) {
          grads[l] = 0;
          continue;
        }
        const z = (bias[l] as number) + norm * (sums[l] as number);
        const p = 1 / (1 + Math.exp(-z));
        const w = example.weight * (target === 1 ? (multipliers[l] as number) : 1);
        grads[l] = (p - target) * w;
        loss += -w * Math.log(target === 1 ? Math.max(p, 1e-12) : Math.max(1 - p, 1e-12));
        weightTotal += w;
        const gb = grads[l] as number;
        biasGradSq[l] += gb * gb;
        bias[l] -= (learningRate * gb) / Math.sqrt(biasGradSq[l] as number);
      }
      for (let k = start; k < end; k++) {
        const base = (matrix.indices[k] as number) * LABEL_COUNT;
        for (let l = 0; l < LABEL_COUNT; l++) {
          const g0 = grads[l] as number;
          if (g0 === 0 && example.targets[l] === UNKNOWN) continue;
          const i = base + l;
          const g = g0 * norm + l2 * (weights[i] as number);
          gradSq[i] += g * g;
          weights[i] -= (learningRate * g) / Math.sqrt(gradSq[i] as number);
        }
      }
    }
    log(`epoch ${epoch + 1}/${epochs}: weighted log loss ${(loss / weightTotal).toFixed(4)}`);
  }
  return { hashBits, weights, bias };
}
