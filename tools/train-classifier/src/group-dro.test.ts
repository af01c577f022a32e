import { extractFeatures, normalizeText, TEXT_LABELS } from "@redline/text-classifier";
import { targetsOf, type Example } from "./example";
import { GroupDro } from "./group-dro";
import { trainLogistic, type TrainerOptions } from "./logistic-trainer";
import { createRandom } from "./rng";
import { parseArgs } from "./train-config";

const TRAINER: TrainerOptions = { hashBits: 12, epochs: 6, learningRate: 0.3, l2: 1e-6, minPositiveRatio: 0.08 };
const NEGATIVE_REVIEW = TEXT_LABELS.indexOf("NEGATIVE_REVIEW");
const ONLY_REVIEWS = TEXT_LABELS.map((label) => label === "NEGATIVE_REVIEW");
const review = (text: string, negative: 0 | 1, domain: string): Example => ({ text, targets: targetsOf({ NEGATIVE_REVIEW: negative, HARASSMENT: 0 }), weight: 1, source: "zh-reviews", domain }) as Example;
// "一般" is praise in the large category and a complaint in the small one: the average fits the large one, the worst group is the small one's complaints.
const examples: Example[] = [
  ...Array.from({ length: 30 }, (_, i) => review(i % 3 === 0 ? "一般" : i % 3 === 1 ? "很好 推荐" : "太差 退货", i % 3 === 2 ? 1 : 0, "衣服")),
  ...Array.from({ length: 6 }, (_, i) => review(i % 2 === 0 ? "一般" : "很好", i % 2 === 0 ? 1 : 0, "酒店")),
  { text: "你 是 个 傻子", targets: targetsOf({ NEGATIVE_REVIEW: 0, HARASSMENT: 1 }), weight: 1, source: "cold", domain: "region" } as Example,
];
/** The trainer's logit of a text (bias + sum of weights / √n), as the runtime scores it before calibration. */
const logitOf = (weights: Float32Array, bias: Float64Array, features: readonly number[], l: number): number =>
  (bias[l] as number) + features.reduce((s, f) => s + (weights[f * 5 + l] as number), 0) / Math.sqrt(features.length);

describe("--group-dro", () => {
  it("parses labels with a family, its step and updates, and is absent by default", () => {
    expect(parseArgs(["--group-dro", "NEGATIVE_REVIEW,HARASSMENT", "--group-dro-step", "0.2", "--group-dro-updates", "5"]).trainer.groupDro).toEqual({ labels: [true, true, false, false, false], step: 0.2, updatesPerEpoch: 5 });
    expect(parseArgs(["--group-dro", "DIVERSION", "--group-dro-epochs", "1"]).trainer.groupDro).toEqual({ labels: [false, false, true, false, false], step: 0.01, updatesPerEpoch: 100, epochs: 1 });
    expect(parseArgs([]).trainer).not.toHaveProperty("groupDro");
    expect(() => parseArgs(["--group-dro", "MINOR_RISK"])).toThrow(/not one of NEGATIVE_REVIEW, HARASSMENT, DIVERSION/);
    expect(() => parseArgs(["--group-dro", "HARASSMENT", "--hidden", "8"])).toThrow(/logistic model only/);
  });

  it("raises the weight of the group with the highest loss and keeps the mean weight at 1", () => {
    const dro = new GroupDro({ labels: ONLY_REVIEWS, step: 1, updatesPerEpoch: 1 }, examples);
    const grads = new Float64Array(5);
    // Every example scored at logit 2 (p = 0.88): complaints (the label's positives, "pos") lose little, praise ("neg") much.
    for (const e of examples) dro.apply(e, new Float64Array(5).fill(2), grads, () => undefined);
    const q = dro.weightsOf(NEGATIVE_REVIEW);
    expect(Object.keys(q).sort()).toEqual(["衣服/neg", "衣服/pos", "酒店/neg", "酒店/pos"]);
    expect(q["衣服/neg"]).toBeGreaterThan(q["衣服/pos"] as number);
    expect(q["酒店/neg"]).toBeCloseTo(q["衣服/neg"] as number, 12);
    expect(Object.values(q).reduce((s, x) => s + x, 0) / 4).toBeCloseTo(1, 12);
    expect(dro.weightsOf(TEXT_LABELS.indexOf("HARASSMENT"))).toEqual({});
    // Past its epochs the weights stay where they are.
    const frozen = new GroupDro({ labels: ONLY_REVIEWS, step: 1, updatesPerEpoch: 1, epochs: 1 }, examples);
    for (let pass = 0; pass < 2; pass++) for (const e of examples) frozen.apply(e, new Float64Array(5).fill(pass === 0 ? 2 : -2), grads, () => undefined);
    expect(frozen.weightsOf(NEGATIVE_REVIEW)).toEqual(q);
  });

  it("step 0 trains exactly as no option; a positive step moves only its own label, towards the worst group", () => {
    const plain = trainLogistic(examples, TRAINER, createRandom(3), () => undefined);
    const still = trainLogistic(examples, { ...TRAINER, groupDro: { labels: ONLY_REVIEWS, step: 0, updatesPerEpoch: 4 } }, createRandom(3), () => undefined);
    const robust = trainLogistic(examples, { ...TRAINER, groupDro: { labels: ONLY_REVIEWS, step: 2, updatesPerEpoch: 4 } }, createRandom(3), () => undefined);
    expect(Buffer.from(still.weights.buffer).equals(Buffer.from(plain.weights.buffer))).toBe(true);
    const ofLabel = (w: Float32Array, l: number): number[] => Array.from(w.filter((_, i) => i % 5 === l));
    for (const l of [1, 2, 3, 4]) expect(ofLabel(robust.weights, l)).toEqual(ofLabel(plain.weights, l));
    // The worst group is 酒店's complaints, all "一般": DRO lifts the score of "一般" towards a complaint.
    const buffer = new Int32Array(512);
    const so = Array.from(buffer.subarray(0, extractFeatures(normalizeText("一般"), 12, buffer)));
    expect(logitOf(robust.weights, robust.bias, so, NEGATIVE_REVIEW)).toBeGreaterThan(logitOf(plain.weights, plain.bias, so, NEGATIVE_REVIEW) + 0.1);
  });
});
