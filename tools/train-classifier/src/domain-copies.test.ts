import { targetsOf, type Example } from "./example";
import { trainLogistic, type TrainerOptions } from "./logistic-trainer";
import { createRandom } from "./rng";
import { parseArgs } from "./train-config";

const TRAINER: TrainerOptions = { hashBits: 12, epochs: 4, learningRate: 0.3, l2: 1e-6, minPositiveRatio: 0.08 };
const review = (text: string, negative: 0 | 1, domain: string): Example & { domain: string } => ({ text, targets: targetsOf({ NEGATIVE_REVIEW: negative, HARASSMENT: 0 }), weight: 1, source: "zh-reviews", domain });
// "房间" (room) marks every hotel complaint and nothing else: a word of one domain that the shared weights should not need.
const examples: Example[] = [
  ...["房间 太差 不推荐", "房间 很脏 失望", "房间 很吵 差评"].map((t) => review(t, 1, "酒店")),
  ...["服务 很好 推荐", "干净 舒服 满意"].map((t) => review(t, 0, "酒店")),
  ...["质量 太差 失望", "屏幕 坏了 差评"].map((t) => review(t, 1, "平板")),
  ...["很好用 推荐", "满意 好评"].map((t) => review(t, 0, "平板")),
  { text: "你 是 个 傻子", targets: targetsOf({ NEGATIVE_REVIEW: 0, HARASSMENT: 1 }), weight: 1, source: "cold", domain: "region" } as Example,
];
/** Sum of |w| over one label's shared weights. */
const massOf = (weights: Float32Array, label: number): number => weights.reduce((s, w, i) => (i % 5 === label ? s + Math.abs(w) : s), 0);

describe("--domain-copies", () => {
  it("parses labels with a held-out family, refuses others and the hidden layer, and is absent by default", () => {
    expect(parseArgs(["--domain-copies", "NEGATIVE_REVIEW,DIVERSION"]).trainer.domainCopies).toEqual([true, false, true, false, false]);
    expect(parseArgs(["--domain-copy-rate", "0.2"]).trainer.domainCopyRate).toBe(0.2);
    expect(parseArgs([]).trainer).not.toHaveProperty("domainCopies");
    expect(() => parseArgs(["--domain-copies", "PROHIBITED"])).toThrow(/not one of NEGATIVE_REVIEW, HARASSMENT, DIVERSION/);
    expect(() => parseArgs(["--domain-copies", "NEGATIVE_REVIEW", "--hidden", "8"])).toThrow(/logistic model only/);
  });

  it("moves only its own label's shared weights, and leaves them smaller where a domain's copy carries part of the evidence", () => {
    const plain = trainLogistic(examples, TRAINER, createRandom(3), () => undefined);
    const copied = trainLogistic(examples, { ...TRAINER, domainCopies: [true, false, false, false, false] }, createRandom(3), () => undefined);
    const ofLabel = (w: Float32Array, l: number): number[] => Array.from(w.filter((_, i) => i % 5 === l));
    for (const l of [1, 2, 3, 4]) expect(ofLabel(copied.weights, l)).toEqual(ofLabel(plain.weights, l));
    expect(massOf(copied.weights, 0)).toBeLessThan(massOf(plain.weights, 0));
    expect(Array.from(copied.bias.slice(1))).toEqual(Array.from(plain.bias.slice(1)));
  });
});
