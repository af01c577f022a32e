import { join } from "node:path";
import { readModelArtifact } from "./model-artifact";
import { TextClassifier } from "./text-classifier";

/**
 * The committed artifact lives in `libs/text-classifier/model/`, a sibling of
 * both `src/` (jest) and `dist/` (compiled), so one relative path serves both.
 */
export const DEFAULT_MODEL_DIR = join(__dirname, "..", "model");
export const DEFAULT_MODEL_NAME = "text-classifier";

let cached: TextClassifier | undefined;

/** Loads a classifier from `<dir>/<name>.json` and `<dir>/<name>.weights.bin`, synchronously. */
export function loadClassifier(dir: string, name = DEFAULT_MODEL_NAME): TextClassifier {
  return new TextClassifier(readModelArtifact(join(dir, `${name}.json`), join(dir, `${name}.weights.bin`)));
}

/** The committed model, loaded once per process (about 3 MB of weights). */
export function loadDefaultClassifier(): TextClassifier {
  cached ??= loadClassifier(DEFAULT_MODEL_DIR);
  return cached;
}
