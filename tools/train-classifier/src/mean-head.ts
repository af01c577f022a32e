import { extractFeatures, LABEL_COUNT as LIBRARY_LABEL_COUNT, MAX_FEATURES_PER_TEXT, normalizeText, TEXT_LABELS, type TextClassifier, type TextScores } from "@redline/text-classifier";
import type { Platt } from "./calibration";

// A module constant: a package import compiles to a getter, read on every step of the per-feature loops.
const LABEL_COUNT: number = LIBRARY_LABEL_COUNT;

/**
 * A second weight set for some labels, summed × 1/n beside the shared model's
 * 1/√n sum and trained jointly with it (issue 14, "both scalings" in
 * MODEL_CARD.md). Why: with 1/√n a long text's many ordinary n-grams
 * outweigh its one link or "subscribe", and DIVERSION ranked the medium it
 * had not seen (SMS vs YouTube comments) far better with the mean, while the
 * 1/√n sum ranked within a medium better; both at once let training weigh
 * the two. Trainer-only until measured: the runtime has no scoring loop for
 * it, so `MeanHeadScorer` scores it in float for the leave-one-domain-out sweep.
 */
export class MeanHead {
  /** Feature-major as FloatModel.weights: weights[feature * LABEL_COUNT + label], zero for labels without a head. */
  readonly weights: Float32Array;
  private readonly gradSq: Float32Array;

  constructor(
    readonly hashBits: number,
    /** Per label in TEXT_LABELS order: whether it has a mean-scaled head. */
    readonly labels: readonly boolean[],
  ) {
    const size = (1 << hashBits) * LABEL_COUNT;
    this.weights = new Float32Array(size);
    this.gradSq = new Float32Array(size).fill(1e-6);
  }

  /** Adds each headed label's mean weight over indices[start, end) to `logits`. */
  addTo(logits: Float64Array, indices: Int32Array, start: number, end: number): void {
    const norm = 1 / (end - start);
    for (let l = 0; l < LABEL_COUNT; l++) {
      if (this.labels[l] !== true) continue;
      let sum = 0;
      for (let k = start; k < end; k++) sum += this.weights[(indices[k] as number) * LABEL_COUNT + l] as number;
      logits[l] = (logits[l] as number) + norm * sum;
    }
  }

  /** One Adagrad step of the headed labels with the logit gradients `grads` (0 where the target is unknown), L2 on touch. */
  update(grads: Float64Array, indices: Int32Array, start: number, end: number, learningRate: number, l2: number): void {
    const norm = 1 / (end - start);
    for (let l = 0; l < LABEL_COUNT; l++) {
      const g0 = grads[l] as number;
      if (this.labels[l] !== true || g0 === 0) continue;
      for (let k = start; k < end; k++) {
        const i = (indices[k] as number) * LABEL_COUNT + l;
        const g = g0 * norm + l2 * (this.weights[i] as number);
        this.gradSq[i] = (this.gradSq[i] as number) + g * g;
        this.weights[i] = (this.weights[i] as number) - (learningRate * g) / Math.sqrt(this.gradSq[i] as number);
      }
    }
  }
}

/** `--mean-head DIVERSION,...` as TrainerOptions.meanHead (per label in TEXT_LABELS order); nothing when absent. */
export function parseMeanHead(spec: string | undefined): { meanHead?: boolean[] } {
  if (spec === undefined) return {};
  const labels = spec.split(",");
  for (const label of labels) if (!(TEXT_LABELS as readonly string[]).includes(label)) throw new RangeError(`--mean-head: "${label}" is not one of ${TEXT_LABELS.join(", ")}`);
  return { meanHead: TEXT_LABELS.map((label) => labels.includes(label)) };
}

/** The shared model's raw scores (the runtime's own loop) plus the mean head, then Platt per label: the score the sweep measures. */
export class MeanHeadScorer {
  private readonly features = new Int32Array(MAX_FEATURES_PER_TEXT);

  constructor(
    private readonly shared: TextClassifier,
    private readonly head: MeanHead,
    private readonly platt: readonly Platt[] = TEXT_LABELS.map(() => ({ a: 1, b: 0 })),
  ) {}

  withCalibration(platt: readonly Platt[]): MeanHeadScorer {
    return new MeanHeadScorer(this.shared, this.head, platt);
  }

  /** Uncalibrated logits of an already normalised text; reused buffer. */
  rawScores(normalized: string): Float64Array {
    const raw = this.shared.rawScores(normalized);
    const count = extractFeatures(normalized, this.head.hashBits, this.features);
    if (count > 0) this.head.addTo(raw, this.features, 0, count);
    return raw;
  }

  classify(text: string): TextScores {
    const normalized = normalizeText(text);
    const scores = { NEGATIVE_REVIEW: 0, HARASSMENT: 0, DIVERSION: 0, PROHIBITED: 0, MINOR_RISK: 0 };
    if (normalized === "") return scores;
    const raw = this.rawScores(normalized);
    TEXT_LABELS.forEach((label, l) => {
      const p = this.platt[l] as Platt;
      scores[label] = 1 / (1 + Math.exp(-(p.a * (raw[l] as number) + p.b)));
    });
    return scores;
  }
}
