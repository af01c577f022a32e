import { DEFAULT_LENGTH_EXPONENT, LABEL_COUNT as LIBRARY_LABEL_COUNT, lengthNorm } from "@redline/text-classifier";
import { UNKNOWN, type Example } from "./example";
import { buildFeatureMatrix, type FeatureCache } from "./feature-cache";
import { labelGradients, runEpochs } from "./epochs";
import { DomainCopies } from "./domain-copies";
import { GroupDro, type GroupDroOptions } from "./group-dro";
import { invariantFeatureScales, type InvariantFeatureOptions } from "./invariant-features";
import { MeanHead } from "./mean-head";
import type { Random } from "./rng";

// A module constant: a package import compiles to a getter, read on every step of the per-feature loops.
const LABEL_COUNT: number = LIBRARY_LABEL_COUNT;

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
  /**
   * Per label (TEXT_LABELS order), the exponent of the length scaling n^-e
   * (the runtime's LabelParameters.lengthExponent); absent: 0.5 for all,
   * which keeps the committed procedure's settings record unchanged.
   */
  lengthExponents?: readonly number[];
  /** Per label (TEXT_LABELS order), whether it also gets a weight set summed × 1/n (mean-head.ts); absent: none. */
  meanHead?: readonly boolean[];
  /** Per label (TEXT_LABELS order), whether its family's domains get copies of the weights during training (domain-copies.ts); absent: none. */
  domainCopies?: readonly boolean[];
  /** The copies' learning rate as a share of learningRate: below 1 the shared weights take what the domains have in common first. */
  domainCopyRate?: number;
  /** Group DRO over the (domain, class) groups of some labels' families (group-dro.ts); absent: none. */
  groupDro?: GroupDroOptions;
  /** Domain-dependent features of some labels scaled down or dropped (invariant-features.ts); absent: none. */
  invariantFeatures?: InvariantFeatureOptions;
}

export interface FloatModel {
  hashBits: number;
  /** Feature-major: weights[feature * LABEL_COUNT + label]. */
  weights: Float32Array;
  bias: Float64Array;
  /** Present when TrainerOptions.meanHead names a label; its logit adds to the shared one. */
  meanHead?: MeanHead;
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

export function trainLogistic(examples: readonly Example[], options: TrainerOptions, random: Random, log: (line: string) => void, cache?: FeatureCache): FloatModel {
  const { hashBits, epochs, learningRate, l2 } = options;
  const matrix = buildFeatureMatrix(
    examples.map((e) => e.text),
    hashBits,
    cache,
  );
  log(`features: ${matrix.indices.length} entries for ${examples.length} examples`);
  const multipliers = positiveMultipliers(examples, options.minPositiveRatio);
  log(`positive multipliers: ${Array.from(multipliers, (m) => m.toFixed(2)).join(" ")}`);

  const size = (1 << hashBits) * LABEL_COUNT;
  const weights = new Float32Array(size);
  const gradSq = new Float32Array(size).fill(1e-6);
  const bias = new Float64Array(LABEL_COUNT);
  const biasGradSq = new Float64Array(LABEL_COUNT).fill(1e-6);
  const logits = new Float64Array(LABEL_COUNT);
  const grads = new Float64Array(LABEL_COUNT);
  const exponents = Float64Array.from({ length: LABEL_COUNT }, (_, l) => options.lengthExponents?.[l] ?? DEFAULT_LENGTH_EXPONENT);
  const norms = new Float64Array(LABEL_COUNT);
  const meanHead = options.meanHead?.some(Boolean) === true ? new MeanHead(hashBits, options.meanHead) : undefined;
  const copies = options.domainCopies?.some(Boolean) === true ? new DomainCopies(options.domainCopies, examples) : undefined;
  if (copies !== undefined) log(`domain copies: ${copies.domains} domains`);
  const dro = options.groupDro === undefined ? undefined : new GroupDro(options.groupDro, examples);
  if (dro !== undefined) log(`group DRO: groups per label ${dro.groupCounts.join(" ")}`);
  // Multiplies a (feature, label) weight's input: 1 keeps the committed procedure bit for bit, 0 keeps the weight at 0.
  const scales = options.invariantFeatures === undefined ? undefined : invariantFeatureScales(examples, matrix, hashBits, options.invariantFeatures, log);

  runEpochs(examples, matrix, epochs, random, log, (example, start, end, sqrtNorm, tally) => {
    for (let l = 0; l < LABEL_COUNT; l++) norms[l] = exponents[l] === DEFAULT_LENGTH_EXPONENT ? sqrtNorm : lengthNorm(end - start, exponents[l] as number);
    logits.fill(0);
    for (let k = start; k < end; k++) {
      const base = (matrix.indices[k] as number) * LABEL_COUNT;
      if (scales === undefined) for (let l = 0; l < LABEL_COUNT; l++) logits[l] += weights[base + l] as number;
      else for (let l = 0; l < LABEL_COUNT; l++) logits[l] += (weights[base + l] as number) * (scales[base + l] as number);
    }
    for (let l = 0; l < LABEL_COUNT; l++) logits[l] = (bias[l] as number) + (norms[l] as number) * (logits[l] as number);
    meanHead?.addTo(logits, matrix.indices, start, end);
    const copied = copies?.select(example) === true;
    if (copied) copies.addTo(logits, matrix.indices, start, end, norms);
    labelGradients(logits, example, multipliers, grads, tally);
    dro?.apply(example, logits, grads, log);
    meanHead?.update(grads, matrix.indices, start, end, learningRate, l2);
    if (copied) copies.update(grads, matrix.indices, start, end, norms, learningRate * (options.domainCopyRate ?? 1), l2);
    for (let l = 0; l < LABEL_COUNT; l++) {
      if (example.targets[l] === UNKNOWN) continue;
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
        const scale = scales === undefined ? 1 : (scales[i] as number);
        if (scale === 0) continue;
        const g = g0 * (norms[l] as number) * scale + l2 * (weights[i] as number);
        gradSq[i] += g * g;
        weights[i] -= (learningRate * g) / Math.sqrt(gradSq[i] as number);
      }
    }
  });
  if (scales !== undefined) for (let i = 0; i < size; i++) weights[i] = (weights[i] as number) * (scales[i] as number);
  if (dro !== undefined) log(`group DRO, final: ${dro.describe()}`);
  return { hashBits, weights, bias, ...(meanHead !== undefined ? { meanHead } : {}) };
}
