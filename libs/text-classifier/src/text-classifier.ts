import { topContributions, type LabelExplanation } from "./explain";
import { describeFeatures, extractFeatures, MAX_FEATURES_PER_TEXT } from "./features";
import type { ModelArtifact } from "./model-artifact";
import type { TextScores } from "./labels";
import { TEXT_LABELS } from "./labels";
import { DEFAULT_LENGTH_EXPONENT } from "./model-artifact";
import { normalizeText } from "./normalize";
import type { LabelThresholds } from "./thresholds";

/** What the sum of a text's n feature weights is multiplied by (model-artifact.ts, lengthExponent); 0 for no features. */
export function lengthNorm(count: number, exponent: number): number {
  if (count === 0) return 0;
  return exponent === DEFAULT_LENGTH_EXPONENT ? 1 / Math.sqrt(count) : count ** -exponent;
}

function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/**
 * Scores a text for the five risk labels. Synchronous and allocation-light:
 * the risk engine calls it once per comment. Not safe to share between
 * worker threads (it reuses one feature buffer), which JS never does anyway.
 */
export class TextClassifier {
  readonly version: string;
  /** The artifact's decision threshold per label (0.5 unless retrained otherwise); see loadThresholdConfig for overrides. */
  readonly thresholds: LabelThresholds;
  private readonly hashBits: number;
  private readonly weights: Int16Array;
  private readonly features = new Int32Array(MAX_FEATURES_PER_TEXT);
  // Per-label constants unpacked into fields: indexing small arrays in the hot loop costs more.
  private readonly bias: Float64Array;
  private readonly scale: Float64Array;
  private readonly plattA: Float64Array;
  private readonly plattB: Float64Array;
  private readonly lengthExponent: Float64Array;

  constructor(artifact: ModelArtifact) {
    const { header, weights } = artifact;
    this.version = header.version;
    this.thresholds = Object.freeze({ ...header.thresholds });
    this.hashBits = header.hashBits;
    this.weights = weights;
    const params = TEXT_LABELS.map((label) => header.parameters[label]);
    this.bias = Float64Array.from(params, (p) => p.bias);
    this.scale = Float64Array.from(params, (p) => p.weightScale);
    this.plattA = Float64Array.from(params, (p) => p.plattA);
    this.plattB = Float64Array.from(params, (p) => p.plattB);
    this.lengthExponent = Float64Array.from(params, (p) => p.lengthExponent ?? DEFAULT_LENGTH_EXPONENT);
  }

  /**
   * Calibrated probability per label; 0.5 is each label's decision threshold.
   * A text with no letters, digits or symbols left after normalisation scores
   * 0 everywhere: there is no evidence, and the bias alone would otherwise
   * score it like an average training example.
   */
  classify(text: string): TextScores {
    const normalized = normalizeText(text);
    if (normalized === "") return { NEGATIVE_REVIEW: 0, HARASSMENT: 0, DIVERSION: 0, PROHIBITED: 0, MINOR_RISK: 0 };
    const raw = this.rawScores(normalized);
    return {
      NEGATIVE_REVIEW: sigmoid(this.plattA[0]! * raw[0]! + this.plattB[0]!),
      HARASSMENT: sigmoid(this.plattA[1]! * raw[1]! + this.plattB[1]!),
      DIVERSION: sigmoid(this.plattA[2]! * raw[2]! + this.plattB[2]!),
      PROHIBITED: sigmoid(this.plattA[3]! * raw[3]! + this.plattB[3]!),
      MINOR_RISK: sigmoid(this.plattA[4]! * raw[4]! + this.plattB[4]!),
    };
  }

  /**
   * The features that drove each label's score, for an inspector asking why
   * (`redline classify --explain`). Slow next to classify(): it names every
   * feature. An empty text has no features and explains nothing.
   */
  explain(text: string, topK = 8): LabelExplanation[] {
    const scores = this.classify(text);
    const normalized = normalizeText(text);
    const count = normalized === "" ? 0 : extractFeatures(normalized, this.hashBits, this.features);
    const names = normalized === "" ? [] : describeFeatures(normalized);
    return TEXT_LABELS.map((label, l) => {
      const norm = lengthNorm(count, this.lengthExponent[l]!);
      const contributions = Array.from(this.features.subarray(0, count), (f) => this.scale[l]! * norm * this.weights[f * TEXT_LABELS.length + l]!);
      const raw = count > 0 ? this.bias[l]! + contributions.reduce((s, x) => s + x, 0) : 0;
      return { label, score: scores[label], raw, bias: this.bias[l]!, top: topContributions(names, contributions, topK) };
    });
  }

  private readonly raw = new Float64Array(TEXT_LABELS.length);
  private readonly norm = new Float64Array(TEXT_LABELS.length);

  /** Uncalibrated logits of an already normalised text (used by training to fit calibration). */
  rawScores(normalized: string): Float64Array {
    const count = extractFeatures(normalized, this.hashBits, this.features);
    const w = this.weights;
    const f = this.features;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    let s4 = 0;
    for (let i = 0; i < count; i++) {
      const base = f[i]! * 5;
      s0 += w[base]!;
      s1 += w[base + 1]!;
      s2 += w[base + 2]!;
      s3 += w[base + 3]!;
      s4 += w[base + 4]!;
    }
    const e = this.lengthExponent;
    const norm = this.norm;
    for (let l = 0; l < 5; l++) norm[l] = lengthNorm(count, e[l]!);
    const raw = this.raw;
    raw[0] = this.bias[0]! + this.scale[0]! * norm[0]! * s0;
    raw[1] = this.bias[1]! + this.scale[1]! * norm[1]! * s1;
    raw[2] = this.bias[2]! + this.scale[2]! * norm[2]! * s2;
    raw[3] = this.bias[3]! + this.scale[3]! * norm[3]! * s3;
    raw[4] = this.bias[4]! + this.scale[4]! * norm[4]! * s4;
    return raw;
  }
}
