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

  it("names the missing file", () => {
    expect(() => loadClassifier(join(tmpdir(), "no-such-model-dir"))).toThrow(/cannot read text classifier artifact/);
  });
});
