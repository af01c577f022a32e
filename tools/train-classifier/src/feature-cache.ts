import { extractFeatures, MAX_FEATURES_PER_TEXT, normalizeText } from "@redline/text-classifier";

/** Features of many texts in one flat buffer (CSR layout). */
export interface FeatureMatrix {
  offsets: Int32Array;
  indices: Int32Array;
}

/**
 * Hashed features per text, kept across the trainings of one process: the
 * ten leave-one-domain-out folds (issue 14) train on nearly the same texts,
 * and without it each fold normalises and featurises all of them again.
 * Keyed by text for one hash size; about 0.1 GB for the full training set.
 */
export class FeatureCache {
  private readonly byText = new Map<string, Int32Array>();
  private readonly scratch = new Int32Array(MAX_FEATURES_PER_TEXT);

  constructor(readonly hashBits: number) {}

  get size(): number {
    return this.byText.size;
  }

  featuresOf(text: string): Int32Array {
    let features = this.byText.get(text);
    if (features === undefined) {
      const count = extractFeatures(normalizeText(text), this.hashBits, this.scratch);
      features = this.scratch.slice(0, count);
      this.byText.set(text, features);
    }
    return features;
  }
}

/** The CSR matrix of `texts`, from `cache` when given (it must have the same hash size). */
export function buildFeatureMatrix(texts: readonly string[], hashBits: number, cache?: FeatureCache): FeatureMatrix {
  const features = cache !== undefined && cache.hashBits === hashBits ? cache : new FeatureCache(hashBits);
  const rows = texts.map((text) => features.featuresOf(text));
  const offsets = new Int32Array(texts.length + 1);
  rows.forEach((row, i) => (offsets[i + 1] = (offsets[i] as number) + row.length));
  const indices = new Int32Array(offsets[texts.length] as number);
  rows.forEach((row, i) => indices.set(row, offsets[i] as number));
  return { offsets, indices };
}
