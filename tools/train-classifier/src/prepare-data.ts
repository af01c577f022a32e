import { join } from "node:path";
import { normalizeText } from "@redline/text-classifier";
import { coldPostTargets, reviewTargets } from "./cross-source-targets";
import { loadColdDev, loadColdTrain, loadDavidson, loadShoppingReviews, type DomainExample } from "./datasets";
import { SeedDataError } from "./errors";
import type { Example } from "./example";
import { neutralFragments, numberComments, reviewFragments } from "./fragments";
import { createRandom, shuffleInPlace, type Random } from "./rng";
import { expandSeedLines, OBFUSCATIONS, readSeedFile, seedTargets, type SeedLine } from "./seed-data";
import { loadSmsSpam, loadYoutubeSpam, type SpamExample } from "./spam-datasets";
import { PACKAGE_DIR, type TrainConfig } from "./train-config";

/** Everything training reads, loaded once so leave-one-domain-out folds do not re-read the files. */
export interface DataPools {
  reviews: DomainExample[];
  coldTrain: DomainExample[];
  coldDev: DomainExample[];
  davidson: Example[];
  spam: SpamExample[];
  seedTrainLines: SeedLine[];
  seedDev: Example[];
  seedTest: Example[];
}

export function loadPools(datasetsDir: string): DataPools {
  const heldOut = (file: string): Example[] =>
    readSeedFile(join(PACKAGE_DIR, "data", file)).map((line) => ({ text: line.text, targets: seedTargets(line.labels), weight: 1, source: file }));
  const pools: DataPools = {
    reviews: loadShoppingReviews(datasetsDir),
    coldTrain: loadColdTrain(datasetsDir),
    coldDev: loadColdDev(datasetsDir),
    davidson: loadDavidson(datasetsDir),
    spam: [...loadYoutubeSpam(datasetsDir), ...loadSmsSpam(datasetsDir)],
    seedTrainLines: readSeedFile(join(PACKAGE_DIR, "data", "seed-train.tsv")),
    seedDev: heldOut("seed-dev.tsv"),
    seedTest: heldOut("seed-test.tsv"),
  };
  assertDisjoint(pools.seedTrainLines.map((l) => l.text), [...pools.seedDev, ...pools.seedTest].map((e) => e.text));
  return pools;
}

/** Domains a leave-one-domain-out fold removes from training and calibration (see lodo.ts). */
export interface HoldOut {
  reviewCategory?: string;
  coldTopic?: string;
  spamDomains?: readonly string[];
}

export interface PreparedData {
  trainSet: Example[];
  calibrationSet: Example[];
  testSets: Record<string, Example[]>;
  sizes: unknown;
  /** The stream the trainer continues from, so the whole run hangs off one seed. */
  random: Random;
}

function split<T>(items: readonly T[], fractions: readonly number[], seed: number): T[][] {
  const shuffled = shuffleInPlace([...items], createRandom(seed));
  const parts: T[][] = [];
  let start = 0;
  fractions.forEach((f, i) => {
    const end = i === fractions.length - 1 ? shuffled.length : start + Math.round(f * shuffled.length);
    parts.push(shuffled.slice(start, end));
    start = end;
  });
  return parts;
}

/** FNV-1a over UTF-16 code units, mixed with `seed`. */
function textHash(text: string, seed: number): number {
  let h = (0x811c9dc5 ^ seed) >>> 0;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193) >>> 0;
  return h;
}

/**
 * Seed lines go to calibration by a hash of their text rather than by a
 * shuffle of the file, so writing a new line moves no other line between
 * training and calibration.
 */
function splitSeedLines(lines: readonly SeedLine[], calibrationShare: number, seed: number): [SeedLine[], SeedLine[]] {
  const train: SeedLine[] = [];
  const calibration: SeedLine[] = [];
  for (const line of lines) (textHash(line.text, seed) / 2 ** 32 < calibrationShare ? calibration : train).push(line);
  return [train, calibration];
}

/** Variants and obfuscations of each line from its own random stream: a new line leaves the others' variants as they were. */
function expandEachLine(lines: readonly SeedLine[], variants: number, seed: number): Example[] {
  return lines.flatMap((line) => expandSeedLines([line], variants, createRandom(textHash(line.text, seed)), "seed"));
}

/** A held-out line that also appears in the training seed (after normalisation) would inflate its metrics. */
function assertDisjoint(trainTexts: readonly string[], heldOutTexts: readonly string[]): void {
  const seen = new Set(trainTexts.map((t) => normalizeText(t).replace(/ /g, "")));
  const leaked = heldOutTexts.filter((t) => seen.has(normalizeText(t).replace(/ /g, "")));
  if (leaked.length > 0) throw new SeedDataError(`held-out lines also in seed-train.tsv: ${leaked.join(" | ")}`, { leaked });
}

/** `seed-test.tsv` again with every line obfuscated one way, from its own random stream. */
function obfuscatedTestSets(seedTest: readonly Example[], seed: number): Record<string, Example[]> {
  const random = createRandom(seed + 6);
  return Object.fromEntries(
    Object.entries(OBFUSCATIONS).map(([name, obfuscate]) => [
      `seed-test.tsv, every line obfuscated: ${name}`,
      seedTest.map((e) => ({ ...e, text: obfuscate(e.text, random), source: `seed-test/${name}` })),
    ]),
  );
}

/**
 * Train, calibration and test sets. The splits are drawn over each whole
 * source and the held-out domains are removed afterwards, so a fold's
 * training rows are a subset of the full model's and nothing else moves.
 */
export function prepareData(config: TrainConfig, pools: DataPools, holdOut: HoldOut = {}): PreparedData {
  const { seed } = config;
  const keepReview = (e: DomainExample): boolean => e.domain !== holdOut.reviewCategory;
  const keepCold = (e: DomainExample): boolean => e.domain !== holdOut.coldTopic;
  const keepSpam = (e: SpamExample): boolean => !(holdOut.spamDomains ?? []).includes(e.domain);
  // Cross-source targets change in training and calibration only (parts 0 and 1): the test sets still count every false positive.
  const reviews = split(pools.reviews, [0.8, 0.1, 0.1], seed + 1).map((part, i) => part.filter(keepReview).map((e) => (i < 2 ? reviewTargets(e, config.reviewHarassment) : e)));
  const cold = split(pools.coldTrain, [0.9, 0.1], seed + 2).map((part) => part.filter(keepCold).map((e) => coldPostTargets(e, config.coldNegativeReview)));
  const davidson = split(pools.davidson, [0.8, 0.1, 0.1], seed + 3);
  const spam = split(pools.spam, [0.8, 0.1, 0.1], seed + 8).map((part) => part.filter(keepSpam).map((e) => ({ ...e, weight: config.spamWeight })));
  const seedLines = splitSeedLines(pools.seedTrainLines, 0.2, seed + 4);
  const random = createRandom(seed + 5);
  const seedTrain = expandEachLine(seedLines[0], config.seedTrainVariants, seed + 6).map((e) =>
    e.targets.every((t) => t === 0) ? { ...e, weight: config.seedNegativeWeight } : e,
  );
  const seedCalibration = expandEachLine(seedLines[1], config.seedCalibrationVariants, seed + 7);

  const neutralSeedTexts = seedLines[0].filter((l) => l.labels.length === 0 && !/\{/.test(l.text)).map((l) => l.text);
  const fragments = [
    ...reviewFragments(reviews[0] as Example[], config.reviewFragments, random),
    ...neutralFragments(neutralSeedTexts, config.neutralFragments, random),
    ...numberComments(config.numberComments, random),
  ];
  const part = <T>(parts: T[][], i: number): T[] => parts[i] ?? [];
  const trainSet: Example[] = [...part(reviews, 0), ...part(cold, 0), ...part(davidson, 0), ...part(spam, 0), ...seedTrain, ...fragments];
  const calibrationSet: Example[] = [...part(reviews, 1), ...part(cold, 1), ...part(davidson, 1), ...part(spam, 1), ...seedCalibration];
  const testSets: Record<string, Example[]> = {
    "zh-reviews (10% held out)": part(reviews, 2),
    "COLD dev (given split)": pools.coldDev,
    "Davidson (10% held out)": part(davidson, 2),
    "YouTube + SMS spam (10% held out)": part(spam, 2),
    "seed-dev.tsv (hand-written, not trained on; guided data additions)": pools.seedDev,
    "seed-test.tsv (hand-written, untouched held-out)": pools.seedTest,
    ...obfuscatedTestSets(pools.seedTest, seed),
  };
  const sizes = {
    train: { total: trainSet.length, reviews: part(reviews, 0).length, cold: part(cold, 0).length, davidson: part(davidson, 0).length, spam: part(spam, 0).length, seedLines: seedLines[0].length, seedExamples: seedTrain.length, fragments: fragments.length },
    calibration: { total: calibrationSet.length, reviews: part(reviews, 1).length, cold: part(cold, 1).length, davidson: part(davidson, 1).length, spam: part(spam, 1).length, seedLines: seedLines[1].length, seedExamples: seedCalibration.length },
    test: Object.fromEntries(Object.entries(testSets).map(([name, set]) => [name, set.length])),
  };
  return { trainSet, calibrationSet, testSets, sizes, random };
}
