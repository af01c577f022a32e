import { TEXT_LABELS } from "@redline/text-classifier";
import { targetsOf, type Example } from "./example";
import type { FeatureMatrix } from "./feature-cache";
import { invariantFeatureScales, type InvariantFeatureOptions } from "./invariant-features";
import { trainLogistic, type TrainerOptions } from "./logistic-trainer";
import { createRandom } from "./rng";
import { parseArgs } from "./train-config";

const NEGATIVE_REVIEW = TEXT_LABELS.indexOf("NEGATIVE_REVIEW");
const ONLY_REVIEWS = TEXT_LABELS.map((label) => label === "NEGATIVE_REVIEW");
const OPTIONS: InvariantFeatureOptions = { labels: ONLY_REVIEWS, minDomains: 2, minCount: 2, signMargin: 1, scale: 0, signSource: "counts" };
const review = (negative: 0 | 1, domain: string): Example => ({ text: "", targets: targetsOf({ NEGATIVE_REVIEW: negative }), weight: 1, source: "zh-reviews", domain }) as Example;

/**
 * Hand-made feature ids, four texts per (domain, class): feature 1 marks complaints in both domains,
 * 2 occurs only in A, 3 marks complaints in A and praise in B, 4 occurs once, 5 is everywhere.
 */
function fixture(): { examples: Example[]; matrix: FeatureMatrix } {
  const rows: [Example, number[]][] = [];
  for (const domain of ["A", "B"]) {
    for (let i = 0; i < 4; i++) {
      rows.push([review(1, domain), [1, 5, ...(domain === "A" ? [2, 3] : []), ...(i === 0 && domain === "A" ? [4] : [])]]);
      rows.push([review(0, domain), [5, ...(domain === "B" ? [3] : [])]]);
    }
  }
  const offsets = new Int32Array(rows.length + 1);
  rows.forEach(([, f], i) => (offsets[i + 1] = (offsets[i] as number) + f.length));
  return { examples: rows.map(([e]) => e), matrix: { offsets, indices: Int32Array.from(rows.flatMap(([, f]) => f)) } };
}
const scaleOf = (scales: Float32Array, feature: number): number => scales[feature * 5 + NEGATIVE_REVIEW] as number;

describe("--invariant-features", () => {
  it("parses its settings, and is absent by default", () => {
    expect(parseArgs(["--invariant-features", "NEGATIVE_REVIEW", "--invariant-scale", "0.25", "--invariant-sign-margin", "1.5"]).trainer.invariantFeatures).toEqual({
      labels: [true, false, false, false, false],
      minDomains: 2,
      minCount: 3,
      signMargin: 1.5,
      scale: 0.25,
      signSource: "counts",
    });
    expect(parseArgs(["--invariant-features", "HARASSMENT", "--invariant-sign-source", "logistic"]).trainer.invariantFeatures?.signSource).toBe("logistic");
    expect(() => parseArgs(["--invariant-features", "HARASSMENT", "--invariant-sign-source", "weights"])).toThrow(/counts or logistic/);
    expect(parseArgs(["--invariant-features", "HARASSMENT"]).trainer.invariantFeatures?.signMargin).toBeNull();
    expect(parseArgs([]).trainer).not.toHaveProperty("invariantFeatures");
    expect(() => parseArgs(["--invariant-features", "PROHIBITED"])).toThrow(/not one of/);
  });

  it("scales a feature of one domain and one whose evidence flips between domains, keeps shared, rare and other labels' features", () => {
    const { examples, matrix } = fixture();
    const scales = invariantFeatureScales(examples, matrix, 3, OPTIONS, () => undefined);
    expect([1, 2, 3, 4, 5].map((f) => scaleOf(scales, f))).toEqual([1, 0, 0, 1, 1]);
    expect(Array.from(scales.filter((_, i) => i % 5 !== NEGATIVE_REVIEW)).every((s) => s === 1)).toBe(true);
    const noSignRule = invariantFeatureScales(examples, matrix, 3, { ...OPTIONS, signMargin: null }, () => undefined);
    expect(scaleOf(noSignRule, 3)).toBe(1);
    // Per-domain logistic models: feature 3 gets a positive weight in A and a negative one in B, feature 1 positive in both.
    const logistic = invariantFeatureScales(examples, matrix, 3, { ...OPTIONS, minDomains: 1, signMargin: 0.05, signSource: "logistic" }, () => undefined);
    expect([1, 2, 3, 4, 5].map((f) => scaleOf(logistic, f))).toEqual([1, 1, 0, 1, 1]);
    const oneDomain = invariantFeatureScales(examples.slice(0, 8), matrix, 3, OPTIONS, () => undefined);
    expect(scaleOf(oneDomain, 2)).toBe(1);
  });

  it("keeps a dropped feature's weight at 0 and leaves the other labels' weights as without the option", () => {
    const TRAINER: TrainerOptions = { hashBits: 12, epochs: 3, learningRate: 0.3, l2: 1e-6, minPositiveRatio: 0.08 };
    const texts: Example[] = [
      ...["房间 太脏", "房间 很吵", "太差 失望"].map((text) => ({ ...review(1, "酒店"), text, targets: targetsOf({ NEGATIVE_REVIEW: 1, HARASSMENT: 0 }) })),
      ...["很好 推荐", "满意"].map((text) => ({ ...review(0, "酒店"), text, targets: targetsOf({ NEGATIVE_REVIEW: 0, HARASSMENT: 0 }) })),
      ...["太差 失望", "屏幕 太差"].map((text) => ({ ...review(1, "平板"), text, targets: targetsOf({ NEGATIVE_REVIEW: 1, HARASSMENT: 0 }) })),
      ...["很好 推荐", "屏幕 满意"].map((text) => ({ ...review(0, "平板"), text, targets: targetsOf({ NEGATIVE_REVIEW: 0, HARASSMENT: 0 }) })),
    ];
    const plain = trainLogistic(texts, TRAINER, createRandom(5), () => undefined);
    const invariant = trainLogistic(texts, { ...TRAINER, invariantFeatures: { ...OPTIONS, minCount: 1 } }, createRandom(5), () => undefined);
    const ofLabel = (w: Float32Array, l: number): number[] => Array.from(w.filter((_, i) => i % 5 === l));
    for (const l of [1, 2, 3, 4]) expect(ofLabel(invariant.weights, l)).toEqual(ofLabel(plain.weights, l));
    const zeroed = (w: Float32Array): number => ofLabel(w, NEGATIVE_REVIEW).filter((x) => x === 0).length;
    expect(zeroed(invariant.weights)).toBeGreaterThan(zeroed(plain.weights));
  });
});
