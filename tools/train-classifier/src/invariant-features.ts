import { LABEL_COUNT as LIBRARY_LABEL_COUNT, TEXT_LABELS } from "@redline/text-classifier";
import { TrainingError } from "./errors";
import { UNKNOWN, type Example } from "./example";
import type { FeatureMatrix } from "./feature-cache";
import { FAMILY_SOURCES, parseFamilyLabels } from "./label-families";

const LABEL_COUNT: number = LIBRARY_LABEL_COUNT;

export interface InvariantFeatureOptions {
  /** Per label in TEXT_LABELS order: whether its domain-dependent features are scaled. */
  labels: readonly boolean[];
  /** A feature in at least minCount texts of the family but in minCount texts of fewer than this many of its training domains is domain-bound (capped at the number of domains). */
  minDomains: number;
  /** Texts a domain needs to contain a feature for the feature to count there. */
  minCount: number;
  /** Two domains where a feature's evidence (see signSource) is beyond +margin and −margin disagree in sign; null: no sign rule. */
  signMargin: number | null;
  /**
   * A feature's evidence in a domain: "counts", its log rate ratio between the
   * label's positive and negative texts there; "logistic", its weight in a
   * logistic model trained on that domain alone.
   */
  signSource: "counts" | "logistic";
  /** What a domain-dependent feature's weight for the label is multiplied by: 0 drops it. */
  scale: number;
}

/** Document counts of each feature per (domain, class) of one label's family. */
interface FamilyCounts {
  /** Per training row, its family domain's index (−1: not in the family or the label unknown). */
  rowDomain: Int32Array;
  positive: Int32Array[];
  negative: Int32Array[];
  positiveTexts: number[];
  negativeTexts: number[];
}

function countFamily(examples: readonly Example[], matrix: FeatureMatrix, features: number, l: number): FamilyCounts {
  const label = TEXT_LABELS[l] as (typeof TEXT_LABELS)[number];
  const domainIndex = new Map<string, number>();
  const counts: FamilyCounts = { rowDomain: new Int32Array(examples.length).fill(-1), positive: [], negative: [], positiveTexts: [], negativeTexts: [] };
  // Per-text stamp so a feature repeated within a text counts once.
  const seen = new Int32Array(features).fill(-1);
  examples.forEach((e, row) => {
    const domain = (e as Example & { domain?: unknown }).domain;
    const target = e.targets[l] as number;
    if (typeof domain !== "string" || target === UNKNOWN || FAMILY_SOURCES[label]?.includes(e.source) !== true) return;
    let d = domainIndex.get(domain);
    if (d === undefined) {
      d = domainIndex.size;
      domainIndex.set(domain, d);
      counts.positive.push(new Int32Array(features));
      counts.negative.push(new Int32Array(features));
      counts.positiveTexts.push(0);
      counts.negativeTexts.push(0);
    }
    counts.rowDomain[row] = d;
    const table = (target === 1 ? counts.positive : counts.negative)[d] as Int32Array;
    (target === 1 ? counts.positiveTexts : counts.negativeTexts)[d] += 1;
    for (let k = matrix.offsets[row] as number; k < (matrix.offsets[row + 1] as number); k++) {
      const f = matrix.indices[k] as number;
      if (seen[f] === row) continue;
      seen[f] = row;
      table[f] = (table[f] as number) + 1;
    }
  });
  return counts;
}

/**
 * Per domain, feature weights of a one-label logistic model trained on that
 * domain's rows alone (Adagrad, two passes in row order, the shared model's
 * learning rate and 1/√n): what the domain by itself says each feature means.
 */
function perDomainWeights(examples: readonly Example[], matrix: FeatureMatrix, c: FamilyCounts, features: number, l: number): Float32Array[] {
  const domains = c.positive.length;
  const weights = Array.from({ length: domains }, () => new Float32Array(features));
  const gradSq = Array.from({ length: domains }, () => new Float32Array(features).fill(1e-6));
  const bias = new Float64Array(domains);
  const biasGradSq = new Float64Array(domains).fill(1e-6);
  for (let pass = 0; pass < 2; pass++) {
    examples.forEach((e, row) => {
      const d = c.rowDomain[row] as number;
      const start = matrix.offsets[row] as number;
      const end = matrix.offsets[row + 1] as number;
      if (d < 0 || end === start) return;
      const w = weights[d] as Float32Array;
      const sq = gradSq[d] as Float32Array;
      const norm = 1 / Math.sqrt(end - start);
      let logit = bias[d] as number;
      for (let k = start; k < end; k++) logit += norm * (w[matrix.indices[k] as number] as number);
      const g = (1 / (1 + Math.exp(-logit)) - (e.targets[l] as number)) * e.weight;
      biasGradSq[d] = (biasGradSq[d] as number) + g * g;
      bias[d] = (bias[d] as number) - (0.3 * g) / Math.sqrt(biasGradSq[d] as number);
      for (let k = start; k < end; k++) {
        const f = matrix.indices[k] as number;
        const gf = g * norm;
        sq[f] = (sq[f] as number) + gf * gf;
        w[f] = (w[f] as number) - (0.3 * gf) / Math.sqrt(sq[f] as number);
      }
    });
  }
  return weights;
}

/** Whether feature f is domain-bound or its per-domain evidence disagrees in sign, by `options` (`weights`: per-domain logistic weights, for signSource "logistic"). */
function dependsOnDomain(c: FamilyCounts, f: number, options: InvariantFeatureOptions, weights: Float32Array[] | undefined): boolean {
  const domains = c.positive.length;
  let total = 0;
  let support = 0;
  let most = -Infinity;
  let least = Infinity;
  for (let d = 0; d < domains; d++) {
    const pos = (c.positive[d] as Int32Array)[f] as number;
    const neg = (c.negative[d] as Int32Array)[f] as number;
    total += pos + neg;
    if (pos + neg < options.minCount) continue;
    support++;
    // Rate in positive texts over rate in negative texts, smoothed: the domain's own evidence for the label.
    const ratio =
      weights !== undefined
        ? ((weights[d] as Float32Array)[f] as number)
        : Math.log((pos + 0.5) / ((c.positiveTexts[d] as number) + 0.5)) - Math.log((neg + 0.5) / ((c.negativeTexts[d] as number) + 0.5));
    most = Math.max(most, ratio);
    least = Math.min(least, ratio);
  }
  if (total < options.minCount) return false;
  if (support < Math.min(options.minDomains, domains)) return true;
  return options.signMargin !== null && most >= options.signMargin && least <= -options.signMargin;
}

/**
 * Per (feature, label), the multiplier of the feature's weight (issue 14,
 * domain-invariant features): 1, or `options.scale` for a label's feature
 * whose use depends on the training domain: one that occurs in too few of
 * the family's domains (a category's, topic's or medium's own vocabulary,
 * which predicts the domain more than the label), or whose rate ratio
 * between the label's classes points one way in one domain and the other
 * way in another (by the counts, or by logistic models trained on one domain
 * each: "per-domain logistic weights that disagree in sign"). The label then has to rest on the features whose evidence
 * the training domains share. A label with fewer than two training domains
 * (DIVERSION trained on SMS only) is left alone: nothing to compare.
 * Counts are of the training texts only, so a held-out domain never shapes them.
 */
export function invariantFeatureScales(examples: readonly Example[], matrix: FeatureMatrix, hashBits: number, options: InvariantFeatureOptions, log: (line: string) => void): Float32Array {
  if (!(options.scale >= 0 && options.scale < 1) || !(options.minCount >= 1)) throw new TrainingError("invariant features need 0 <= scale < 1 and minCount >= 1", { ...options });
  const features = 1 << hashBits;
  const scales = new Float32Array(features * LABEL_COUNT).fill(1);
  for (let l = 0; l < LABEL_COUNT; l++) {
    if (options.labels[l] !== true) continue;
    const counts = countFamily(examples, matrix, features, l);
    if (counts.positive.length < 2) {
      log(`invariant features: ${TEXT_LABELS[l]} has ${counts.positive.length} training domain(s), left alone`);
      continue;
    }
    const weights = options.signSource === "logistic" && options.signMargin !== null ? perDomainWeights(examples, matrix, counts, features, l) : undefined;
    let scaled = 0;
    for (let f = 0; f < features; f++) {
      if (!dependsOnDomain(counts, f, options, weights)) continue;
      scales[f * LABEL_COUNT + l] = options.scale;
      scaled++;
    }
    log(`invariant features: ${TEXT_LABELS[l]} scales ${scaled} of ${features} buckets by ${options.scale} over ${counts.positive.length} domains`);
  }
  return scales;
}

/** `--invariant-features LABEL,...` with its `--invariant-*` settings as TrainerOptions.invariantFeatures; nothing when absent. */
export function parseInvariantFeatures(value: (flag: string) => string | undefined): { invariantFeatures?: InvariantFeatureOptions } {
  const spec = value("--invariant-features");
  if (spec === undefined) return {};
  const margin = value("--invariant-sign-margin");
  const signSource = value("--invariant-sign-source") ?? "counts";
  if (signSource !== "counts" && signSource !== "logistic") throw new TrainingError(`--invariant-sign-source: "${signSource}" is not counts or logistic`, { signSource });
  return {
    invariantFeatures: {
      labels: parseFamilyLabels(spec, "--invariant-features"),
      minDomains: Number(value("--invariant-min-domains") ?? 2),
      minCount: Number(value("--invariant-min-count") ?? 3),
      signMargin: margin === undefined || margin === "none" ? null : Number(margin),
      scale: Number(value("--invariant-scale") ?? 0),
      signSource,
    },
  };
}
