import { copyFileSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { ModelArtifactError } from "./errors";
import { DEFAULT_MODEL_DIR, loadClassifier } from "./load-default";

describe("model artifact", () => {
  it("refuses weights that do not match the header digest", () => {
    const dir = mkdtempSync(join(tmpdir(), "text-classifier-"));
    copyFileSync(join(DEFAULT_MODEL_DIR, "text-classifier.json"), join(dir, "text-classifier.json"));
    const weights = readFileSync(join(DEFAULT_MODEL_DIR, "text-classifier.weights.bin"));
    weights[100] = (weights[100]! + 1) % 256;
    writeFileSync(join(dir, "text-classifier.weights.bin"), weights);
    expect(() => loadClassifier(dir)).toThrow(ModelArtifactError);
  });

  /** A copy of the committed artifact whose header thresholds are `thresholds` (the weights are untouched). */
  function withThresholds(thresholds: Record<string, unknown>): string {
    const dir = mkdtempSync(join(tmpdir(), "text-classifier-"));
    const header = JSON.parse(readFileSync(join(DEFAULT_MODEL_DIR, "text-classifier.json"), "utf8")) as { thresholds: Record<string, unknown> };
    header.thresholds = { ...header.thresholds, ...thresholds };
    writeFileSync(join(dir, "text-classifier.json"), JSON.stringify(header));
    copyFileSync(join(DEFAULT_MODEL_DIR, "text-classifier.weights.bin"), join(dir, "text-classifier.weights.bin"));
    return dir;
  }

  it("takes each label's decision threshold from the header, and refuses one outside (0, 1)", () => {
    const classifier = loadClassifier(withThresholds({ DIVERSION: 0.8 }));
    expect(classifier.thresholds.DIVERSION).toBe(0.8);
    expect(classifier.thresholds.HARASSMENT).toBe(0.5);
    expect(() => loadClassifier(withThresholds({ HARASSMENT: 1 }))).toThrow(/threshold for HARASSMENT/);
    expect(() => loadClassifier(withThresholds({ MINOR_RISK: "0.9" }))).toThrow(ModelArtifactError);
    expect(() => loadClassifier(withThresholds({ PROHIBITED: undefined }))).toThrow(/threshold for PROHIBITED/);
  });

  it("names the missing file", () => {
    expect(() => loadClassifier(join(tmpdir(), "no-such-model-dir"))).toThrow(/cannot read text classifier artifact/);
  });
});
