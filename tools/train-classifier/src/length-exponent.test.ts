import { TrainingError } from "./errors";
import { targetsOf, type Example } from "./example";
import { trainLogistic, type TrainerOptions } from "./logistic-trainer";
import { createRandom } from "./rng";
import { parseArgs } from "./train-config";

const TRAINER: TrainerOptions = { hashBits: 12, epochs: 4, learningRate: 0.3, l2: 1e-6, minPositiveRatio: 0.08 };
const examples: Example[] = [
  ...["check out my channel www.example.com", "add me on whatsapp 555", "加我微信 abc123"].map((text) => ({ text, targets: targetsOf({ DIVERSION: 1, HARASSMENT: 0 }), weight: 1, source: "t" })),
  ...["love this song so much, best video ever made", "what size is this", "主播唱得真好"].map((text) => ({ text, targets: targetsOf({ DIVERSION: 0, HARASSMENT: 0 }), weight: 1, source: "t" })),
  { text: "you are an idiot", targets: targetsOf({ DIVERSION: 0, HARASSMENT: 1 }), weight: 1, source: "t" },
];

describe("--length-exponent", () => {
  it("parses LABEL=E into per-label exponents, 0.5 for the others, and nothing when absent", () => {
    expect(parseArgs(["--length-exponent", "DIVERSION=1"]).trainer.lengthExponents).toEqual([0.5, 0.5, 1, 0.5, 0.5]);
    expect(parseArgs([]).trainer).not.toHaveProperty("lengthExponents");
  });

  it("rejects unknown labels, exponents outside [0, 1] and the hidden layer", () => {
    expect(() => parseArgs(["--length-exponent", "SPAM=1"])).toThrow(TrainingError);
    expect(() => parseArgs(["--length-exponent", "DIVERSION=2"])).toThrow(/0 <= E <= 1/);
    expect(() => parseArgs(["--length-exponent", "DIVERSION=1", "--hidden", "8"])).toThrow(/logistic model only/);
  });

  it("changes only its own label's weights (one-vs-rest), and 0.5 trains exactly as no option", () => {
    const plain = trainLogistic(examples, TRAINER, createRandom(3), () => undefined);
    const half = trainLogistic(examples, { ...TRAINER, lengthExponents: [0.5, 0.5, 0.5, 0.5, 0.5] }, createRandom(3), () => undefined);
    const mean = trainLogistic(examples, { ...TRAINER, lengthExponents: [0.5, 0.5, 1, 0.5, 0.5] }, createRandom(3), () => undefined);
    expect(Buffer.from(half.weights.buffer).equals(Buffer.from(plain.weights.buffer))).toBe(true);
    const ofLabel = (w: Float32Array, l: number): number[] => Array.from(w.filter((_, i) => i % 5 === l));
    expect(ofLabel(mean.weights, 1)).toEqual(ofLabel(plain.weights, 1));
    expect(ofLabel(mean.weights, 2)).not.toEqual(ofLabel(plain.weights, 2));
  });
});
