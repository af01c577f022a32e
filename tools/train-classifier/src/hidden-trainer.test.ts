import { targetsOf, type Example } from "./example";
import { buildFeatureMatrix, FeatureCache } from "./feature-cache";
import { HiddenScorer, trainHidden, type HiddenOptions } from "./hidden-trainer";
import type { TrainerOptions } from "./logistic-trainer";
import { createRandom } from "./rng";

const TRAINER: TrainerOptions = { hashBits: 12, epochs: 8, learningRate: 0.3, l2: 1e-6, minPositiveRatio: 0.08 };
const HIDDEN: HiddenOptions = { units: 4, learningRate: 0.1, wide: false, initScale: 1, featureDropout: 0, seed: 7 };

// Diversion lures against chat, both in Chinese and English; HARASSMENT is never known, so it must get no gradient.
const POSITIVE = ["加我微信 abc123", "私聊加v 领红包", "add me on whatsapp 555", "dm me for the link", "进群领返现", "加v信私聊"];
const NEGATIVE = ["这件衣服很好看", "主播唱得真好", "what size is this", "nice dress", "多少钱一件", "今天发货吗"];
const examples: Example[] = [
  ...POSITIVE.map((text) => ({ text, targets: targetsOf({ DIVERSION: 1 }), weight: 1, source: "t" })),
  ...NEGATIVE.map((text) => ({ text, targets: targetsOf({ DIVERSION: 0 }), weight: 1, source: "t" })),
];

describe("trainHidden", () => {
  it("is deterministic for a seed and differs for another", () => {
    const a = trainHidden(examples, TRAINER, HIDDEN, createRandom(1), () => undefined);
    const b = trainHidden(examples, TRAINER, HIDDEN, createRandom(1), () => undefined);
    const c = trainHidden(examples, TRAINER, { ...HIDDEN, seed: 8 }, createRandom(1), () => undefined);
    expect(Buffer.from(a.embeddings.buffer).equals(Buffer.from(b.embeddings.buffer))).toBe(true);
    expect(Buffer.from(a.embeddings.buffer).equals(Buffer.from(c.embeddings.buffer))).toBe(false);
  });

  it("separates the training texts through the hidden layer alone (no linear part)", () => {
    const model = trainHidden(examples, TRAINER, HIDDEN, createRandom(1), () => undefined);
    expect(model.linear.every((w) => w === 0)).toBe(true);
    const scorer = new HiddenScorer(model);
    const lowestPositive = Math.min(...POSITIVE.map((t) => scorer.classify(t).DIVERSION));
    const highestNegative = Math.max(...NEGATIVE.map((t) => scorer.classify(t).DIVERSION));
    expect(lowestPositive).toBeGreaterThan(highestNegative);
  });

  it("leaves a label no example knows untouched", () => {
    const model = trainHidden(examples, TRAINER, { ...HIDDEN, wide: true }, createRandom(1), () => undefined);
    const untrained = trainHidden(examples, { ...TRAINER, epochs: 0 }, { ...HIDDEN, wide: true }, createRandom(1), () => undefined);
    const harassment = 1;
    expect(model.bias[harassment]).toBe(0);
    for (let h = 0; h < HIDDEN.units; h++) expect(model.output[h * 5 + harassment]).toBe(untrained.output[h * 5 + harassment]);
    for (let f = 0; f < 1 << TRAINER.hashBits; f++) expect(model.linear[f * 5 + harassment]).toBe(0);
  });

  it("with feature dropout trains another model that still separates the training texts", () => {
    const model = trainHidden(examples, TRAINER, { ...HIDDEN, featureDropout: 0.3 }, createRandom(1), () => undefined);
    const plain = trainHidden(examples, TRAINER, HIDDEN, createRandom(1), () => undefined);
    expect(Buffer.from(model.embeddings.buffer).equals(Buffer.from(plain.embeddings.buffer))).toBe(false);
    const scorer = new HiddenScorer(model);
    expect(Math.min(...POSITIVE.map((t) => scorer.classify(t).DIVERSION))).toBeGreaterThan(Math.max(...NEGATIVE.map((t) => scorer.classify(t).DIVERSION)));
  });

  it("scores an empty text 0, as TextClassifier does", () => {
    const scorer = new HiddenScorer(trainHidden(examples, TRAINER, HIDDEN, createRandom(1), () => undefined));
    expect(Object.values(scorer.classify(" \u200b "))).toEqual([0, 0, 0, 0, 0]);
  });
});

describe("FeatureCache", () => {
  it("gives the same matrix as featurising afresh, and featurises each text once", () => {
    const texts = [...POSITIVE, ...NEGATIVE, POSITIVE[0]!];
    const cache = new FeatureCache(12);
    const cached = buildFeatureMatrix(texts, 12, cache);
    expect(cache.size).toBe(POSITIVE.length + NEGATIVE.length);
    const fresh = buildFeatureMatrix(texts, 12);
    expect(Array.from(cached.offsets)).toEqual(Array.from(fresh.offsets));
    expect(Array.from(cached.indices)).toEqual(Array.from(fresh.indices));
    // A cache of another hash size is not used.
    expect(Array.from(buildFeatureMatrix(texts, 14, cache).indices)).not.toEqual(Array.from(fresh.indices));
  });
});
