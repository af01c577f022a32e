import { join } from "node:path";
import { extractFeatures, MAX_FEATURES_PER_TEXT } from "./features";
import { DEFAULT_MODEL_DIR, DEFAULT_MODEL_NAME } from "./load-default";
import { readModelArtifact } from "./model-artifact";
import { normalizeText } from "./normalize";
import { lengthNorm, TextClassifier } from "./text-classifier";

describe("lengthNorm", () => {
  it("is 1/√n by default, n^-e otherwise, and 0 for a text without features", () => {
    expect(lengthNorm(16, 0.5)).toBe(0.25);
    expect(lengthNorm(16, 1)).toBeCloseTo(1 / 16, 12);
    expect(lengthNorm(16, 0.25)).toBeCloseTo(0.5, 12);
    expect(lengthNorm(0, 0.5)).toBe(0);
    expect(lengthNorm(0, 1)).toBe(0);
  });
});

describe("LabelParameters.lengthExponent", () => {
  const base = readModelArtifact(join(DEFAULT_MODEL_DIR, `${DEFAULT_MODEL_NAME}.json`), join(DEFAULT_MODEL_DIR, `${DEFAULT_MODEL_NAME}.weights.bin`));
  const text = normalizeText("check out my channel and subscribe, link in my bio www.example.com");

  function weightSum(label: number): { sum: number; count: number } {
    const out = new Int32Array(MAX_FEATURES_PER_TEXT);
    const count = extractFeatures(text, base.header.hashBits, out);
    let sum = 0;
    for (let i = 0; i < count; i++) sum += base.weights[out[i]! * 5 + label]!;
    return { sum, count };
  }

  it("scales only its own label's weight sum, by n^-e", () => {
    const header = { ...base.header, parameters: { ...base.header.parameters, DIVERSION: { ...base.header.parameters.DIVERSION, lengthExponent: 1 } } };
    const mean = Array.from(new TextClassifier({ header, weights: base.weights }).rawScores(text));
    const sqrt = Array.from(new TextClassifier(base).rawScores(text));
    const { sum, count } = weightSum(2);
    const p = base.header.parameters.DIVERSION;
    expect(mean[2]).toBeCloseTo(p.bias + (p.weightScale * sum) / count, 9);
    expect(sqrt[2]).toBeCloseTo(p.bias + (p.weightScale * sum) / Math.sqrt(count), 9);
    expect(mean[2]).not.toBeCloseTo(sqrt[2]!, 3);
    for (const l of [0, 1, 3, 4]) expect(mean[l]).toBe(sqrt[l]);
  });
});
