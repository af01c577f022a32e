/**
 * Throughput of the text classifier (issue 3: ≥ 50k texts/s per core).
 * Baselines in the same run: JSON.parse of the same comment as a JSON line
 * (the least work the CLI or a consumer does per comment) and normalizeText
 * alone. Inputs are live-comment-length texts from the classifier's seed
 * files, varied by a seeded generator; when ../shared/datasets is present,
 * longer shopping reviews are measured too.
 */
import { existsSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { loadDefaultClassifier, normalizeText } from "@redline/text-classifier";
import { measureThroughput, printTable } from "./measure";

const COMMENT_COUNT = 50_000;
// Best of several rounds: the workstation is shared, and the least disturbed round is the estimate.
const ROUNDS = 7;
const REVIEW_COUNT = 20_000;

function seededRandom(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

/** The seed files live with the trainer (tools/train-classifier/data) since issue 14; read as data, not imported. */
const SEED_DATA_DIR = resolve(__dirname, "..", "..", "train-classifier", "data");

function seedTexts(): string[] {
  const dataDir = SEED_DATA_DIR;
  return ["seed-train.tsv", "seed-dev.tsv", "seed-test.tsv"].flatMap((file) =>
    readFileSync(join(dataDir, file), "utf8")
      .split("\n")
      .filter((line) => line !== "" && !line.startsWith("#"))
      .map((line) => (line.split("\t")[2] ?? "").replace(/\{[a-z]+\}/g, "abc12345")),
  );
}

function commentWorkload(): string[] {
  const texts = seedTexts();
  const random = seededRandom(7);
  return Array.from({ length: COMMENT_COUNT }, (_, i) => {
    const text = texts[Math.floor(random() * texts.length)] as string;
    // A counter suffix keeps every string distinct, so no cache can help.
    return `${text} ${i % 100}`;
  });
}

function reviewWorkload(): string[] | undefined {
  const path = resolve(__dirname, "..", "..", "..", "..", "shared", "datasets", "zh-reviews", "online_shopping_10_cats.csv");
  if (!existsSync(path)) return undefined;
  return readFileSync(path, "utf8")
    .split("\n")
    .slice(1, REVIEW_COUNT + 1)
    .map((line) => line.split(",").slice(2).join(","));
}

function bench(title: string, texts: readonly string[]): void {
  const classifier = loadDefaultClassifier();
  const jsonLines = texts.map((text) => JSON.stringify({ text }));
  const meanChars = texts.reduce((sum, t) => sum + t.length, 0) / texts.length;
  const results = [
    measureThroughput("JSON.parse of the line (baseline)", jsonLines, (line) => JSON.parse(line), ROUNDS),
    measureThroughput("normalizeText", texts, (text) => normalizeText(text), ROUNDS),
    measureThroughput("classify", texts, (text) => classifier.classify(text), ROUNDS),
    measureThroughput("JSON.parse + classify", jsonLines, (line) => classifier.classify((JSON.parse(line) as { text: string }).text), ROUNDS),
  ];
  printTable(`${title}: ${texts.length} texts, mean ${meanChars.toFixed(1)} chars, model ${classifier.version}`, results);
}

bench("text classifier, live comments", commentWorkload());
const reviews = reviewWorkload();
if (reviews !== undefined) bench("text classifier, shopping reviews", reviews);
else process.stdout.write("\n(shared datasets not found: review workload skipped)\n");
