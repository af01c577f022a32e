import { normalizeText, TextClassifier } from "@redline/text-classifier";
import { targetsOf, type Example } from "./example";
import { trainLogistic, type TrainerOptions } from "./logistic-trainer";
import { MeanHead, MeanHeadScorer, parseMeanHead } from "./mean-head";
import { createRandom } from "./rng";
import { parseArgs } from "./train-config";

const TRAINER: TrainerOptions = { hashBits: 12, epochs: 4, learningRate: 0.3, l2: 1e-6, minPositiveRatio: 0.08 };
const example = (text: string, diversion: 0 | 1, harassment: 0 | 1 = 0): Example => ({ text, targets: targetsOf({ DIVERSION: diversion, HARASSMENT: harassment }), weight: 1, source: "t" });
const examples: Example[] = [
  ...["check out my channel www.example.com", "add me on whatsapp 555", "加我微信 abc123"].map((t) => example(t, 1)),
  ...["love this song so much, best video ever made", "what size is this", "主播唱得真好"].map((t) => example(t, 0)),
  example("you are an idiot", 0, 1),
];
const ofLabel = (w: Float32Array, l: number): number[] => Array.from(w.filter((_, i) => i % 5 === l));

describe("--mean-head", () => {
  it("parses labels into a per-label mask, nothing when absent, and refuses unknown labels and the hidden layer", () => {
    expect(parseArgs(["--mean-head", "DIVERSION"]).trainer.meanHead).toEqual([false, false, true, false, false]);
    expect(parseArgs([]).trainer).not.toHaveProperty("meanHead");
    expect(() => parseMeanHead("SPAM")).toThrow(RangeError);
    expect(() => parseArgs(["--mean-head", "DIVERSION", "--hidden", "8"])).toThrow(/logistic model only/);
  });

  it("trains a head for its label only and leaves the other labels' shared weights as without it", () => {
    const plain = trainLogistic(examples, TRAINER, createRandom(3), () => undefined);
    const headed = trainLogistic(examples, { ...TRAINER, meanHead: [false, false, true, false, false] }, createRandom(3), () => undefined);
    expect(plain.meanHead).toBeUndefined();
    const head = headed.meanHead as MeanHead;
    expect(ofLabel(head.weights, 2).some((w) => w !== 0)).toBe(true);
    for (const l of [0, 1, 3, 4]) expect(ofLabel(head.weights, l).every((w) => w === 0)).toBe(true);
    expect(ofLabel(headed.weights, 1)).toEqual(ofLabel(plain.weights, 1));
    expect(ofLabel(headed.weights, 2)).not.toEqual(ofLabel(plain.weights, 2));
  });

  it("adds the mean of the head's weights, × 1/n, to its label's logit", () => {
    const head = new MeanHead(4, [false, false, true, false, false]);
    head.weights[3 * 5 + 2] = 2;
    head.weights[7 * 5 + 2] = 4;
    head.weights[7 * 5 + 1] = 100; // no head for label 1: never read
    const logits = Float64Array.from([1, 1, 1, 1, 1]);
    head.addTo(logits, Int32Array.from([3, 7, 9, 3]), 0, 4);
    expect(Array.from(logits)).toEqual([1, 1, 1 + (2 + 4 + 0 + 2) / 4, 1, 1]);
  });

  it("scores the shared model's raw logits plus the head, through Platt", () => {
    const model = trainLogistic(examples, { ...TRAINER, meanHead: [false, false, true, false, false] }, createRandom(3), () => undefined);
    const scale = 1 / 32767;
    const weights = Int16Array.from(model.weights, (w) => Math.max(-32767, Math.min(32767, Math.round(w / scale))));
    const parameters = { bias: 0, weightScale: scale, plattA: 1, plattB: 0 };
    const shared = new TextClassifier({
      header: {
        format: "redline-text-classifier/1",
        version: "t",
        featureSpecVersion: 2,
        hashBits: 12,
        labels: ["NEGATIVE_REVIEW", "HARASSMENT", "DIVERSION", "PROHIBITED", "MINOR_RISK"],
        parameters: { NEGATIVE_REVIEW: parameters, HARASSMENT: parameters, DIVERSION: parameters, PROHIBITED: parameters, MINOR_RISK: parameters },
        thresholds: { NEGATIVE_REVIEW: 0.5, HARASSMENT: 0.5, DIVERSION: 0.5, PROHIBITED: 0.5, MINOR_RISK: 0.5 },
        weightsFile: "x",
        weightsSha256: "x",
      },
      weights,
    });
    const text = "add me on whatsapp 555";
    const sharedRaw = Array.from(shared.rawScores(normalizeText(text)));
    const scorer = new MeanHeadScorer(shared, model.meanHead as MeanHead);
    const raw = Array.from(scorer.rawScores(normalizeText(text)));
    expect(raw[1]).toBe(sharedRaw[1]);
    expect(raw[2]).not.toBe(sharedRaw[2]);
    const shifted = scorer.withCalibration([0, 1, 2, 3, 4].map(() => ({ a: 1, b: -1 })));
    expect(shifted.classify(text).DIVERSION).toBeCloseTo(1 / (1 + Math.exp(-((raw[2] as number) - 1))), 10);
  });
});
