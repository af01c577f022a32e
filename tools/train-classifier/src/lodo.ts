import { TEXT_LABELS, type TextLabel } from "@redline/text-classifier";
import type { DomainExample } from "./datasets";
import { UNKNOWN, type Example } from "./example";
import { balancedAccuracy, binaryMetrics, equalMassEce } from "./metrics";
import type { FeatureCache } from "./feature-cache";
import { fitScorer, type Scorer } from "./model-fit";
import { balancedAccuracyThreshold, ownSourceRows } from "./operating-point";
import { prepareData, type DataPools, type HoldOut } from "./prepare-data";
import { SMS_DOMAIN, YOUTUBE_VIDEOS } from "./spam-datasets";
import type { TrainConfig } from "./train-config";

/**
 * Leave-one-domain-out evaluation (issue 14). Each fold removes one domain
 * per family from training and calibration at once (a product category for
 * NEGATIVE_REVIEW, a COLD topic for HARASSMENT, a video or SMS for
 * DIVERSION), trains and calibrates the model exactly as the committed one is,
 * and scores the removed domains whole. Holding out one domain of each family
 * per fold costs ten trainings instead of nineteen; a family's missing domain
 * changes another family's training data only marginally.
 */
export interface EvaluatedDomain {
  label: TextLabel;
  /** What the row means: "product category", "COLD topic", "video", "SMS vs video". */
  family: string;
  domain: string;
  /** What the fold trained on for this label, in words. */
  trainedOn: string;
  examples: readonly Example[];
}

export interface Fold {
  name: string;
  holdOut: HoldOut;
  evaluate: EvaluatedDomain[];
}

export interface DomainResult {
  fold: string;
  label: TextLabel;
  family: string;
  domain: string;
  trainedOn: string;
  n: number;
  positives: number;
  threshold: number;
  balancedAccuracy: number | null;
  auc: number | null;
  /** 15 equal-mass bins. */
  ece: number;
  meanScore: number;
  /** Balanced accuracy at each threshold of THRESHOLD_GRID, for choosing a label's threshold by its worst domain. */
  balancedAccuracyByThreshold: Record<string, number | null>;
}

/** One held-out domain's calibrated scores, kept so calibration across domains can be fitted and checked without retraining (travel-calibration.ts). */
export interface HeldOutScores {
  fold: string;
  label: TextLabel;
  family: string;
  domain: string;
  scores: number[];
  targets: number[];
}

export const THRESHOLD_GRID = [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9] as const;

const distinct = (values: readonly string[]): string[] => [...new Set(values)].sort();

export function lodoFolds(pools: DataPools): Fold[] {
  const categories = distinct(pools.reviews.map((e) => e.domain));
  const cold = [...pools.coldTrain, ...pools.coldDev];
  const topics = distinct(cold.map((e) => e.domain));
  const spamOf = (domain: string): Example[] => pools.spam.filter((e) => e.domain === domain);
  const ofDomain = (rows: readonly DomainExample[], domain: string): Example[] => rows.filter((e) => e.domain === domain);
  return categories.map((category, i) => {
    const evaluate: EvaluatedDomain[] = [
      { label: "NEGATIVE_REVIEW", family: "product category", domain: category, trainedOn: `the other ${categories.length - 1} categories`, examples: ofDomain(pools.reviews, category) },
    ];
    const topic = topics[i];
    if (topic !== undefined) evaluate.push({ label: "HARASSMENT", family: "COLD topic", domain: topic, trainedOn: `the other ${topics.length - 1} topics (train and dev of the topic scored)`, examples: ofDomain(cold, topic) });
    let spamDomains: string[] = [];
    const video = YOUTUBE_VIDEOS[i];
    if (video !== undefined) {
      spamDomains = [video];
      evaluate.push({ label: "DIVERSION", family: "video", domain: video, trainedOn: "the other 3 videos and SMS", examples: spamOf(video) });
    } else if (i === YOUTUBE_VIDEOS.length) {
      spamDomains = [SMS_DOMAIN];
      evaluate.push({ label: "DIVERSION", family: "SMS vs video", domain: "SMS", trainedOn: "the 4 videos, no SMS", examples: spamOf(SMS_DOMAIN) });
    } else if (i === YOUTUBE_VIDEOS.length + 1) {
      spamDomains = [...YOUTUBE_VIDEOS];
      for (const v of YOUTUBE_VIDEOS) evaluate.push({ label: "DIVERSION", family: "SMS vs video", domain: v, trainedOn: "SMS only, no video", examples: spamOf(v) });
    }
    return { name: `fold ${i}`, holdOut: { reviewCategory: category, ...(topic !== undefined ? { coldTopic: topic } : {}), spamDomains }, evaluate };
  });
}

export function heldOutScores(classifier: Scorer, fold: string, domain: EvaluatedDomain): HeldOutScores {
  const l = TEXT_LABELS.indexOf(domain.label);
  const known = domain.examples.filter((e) => e.targets[l] !== UNKNOWN);
  return {
    fold,
    label: domain.label,
    family: domain.family,
    domain: domain.domain,
    scores: known.map((e) => classifier.classify(e.text)[domain.label]),
    targets: known.map((e) => e.targets[l] as number),
  };
}

export function scoreDomain(held: HeldOutScores, trainedOn: string, threshold: number): DomainResult {
  const { fold, scores, targets } = held;
  const metrics = binaryMetrics(scores, targets, threshold);
  return {
    fold,
    label: held.label,
    family: held.family,
    domain: held.domain,
    trainedOn,
    n: scores.length,
    positives: metrics.positives,
    threshold,
    balancedAccuracy: balancedAccuracy(scores, targets, threshold),
    auc: metrics.auc,
    ece: equalMassEce(scores, targets, 15),
    meanScore: Math.round((scores.reduce((s, x) => s + x, 0) / Math.max(1, scores.length)) * 10000) / 10000,
    balancedAccuracyByThreshold: Object.fromEntries(THRESHOLD_GRID.map((t) => [String(t), balancedAccuracy(scores, targets, t)])),
  };
}

export interface FoldOutcome {
  results: DomainResult[];
  heldOut: HeldOutScores[];
}

/**
 * Which calibration rows the operating-point rule reads: every row that knows
 * the label, or only those of sources with positives of it ("own-sources":
 * for DIVERSION the spam sets and the seed lines). The second keeps out the
 * sources that are negatives only (reviews, COLD, tweets), which are easy and
 * numerous and pull the balanced-accuracy cut down to the prior.
 */
export type OperatingPointRows = "all" | "own-sources";

export interface OperatingPointRule {
  labels: readonly TextLabel[];
  rows: OperatingPointRows;
}

function ruleRows(calibrationSet: readonly Example[], l: number, rows: OperatingPointRows): Example[] {
  return rows === "all" ? calibrationSet.filter((e) => e.targets[l] !== UNKNOWN) : ownSourceRows(calibrationSet, l);
}

/**
 * The thresholds a fold scores by: `thresholds`, except for the rule's
 * labels, whose threshold the fold picks on its own calibration split
 * (operating-point.ts), so the rule is measured without the held-out domain.
 */
function foldThresholds(classifier: Scorer, calibrationSet: readonly Example[], thresholds: Readonly<Record<TextLabel, number>>, rule: OperatingPointRule): Record<TextLabel, number> {
  const chosen = { ...thresholds };
  for (const label of rule.labels) {
    const l = TEXT_LABELS.indexOf(label);
    const known = ruleRows(calibrationSet, l, rule.rows);
    chosen[label] = balancedAccuracyThreshold(
      known.map((e) => classifier.classify(e.text)[label]),
      known.map((e) => e.targets[l] as number),
    ).threshold;
  }
  return chosen;
}

export function runFold(
  config: TrainConfig,
  pools: DataPools,
  fold: Fold,
  thresholds: Readonly<Record<TextLabel, number>>,
  log: (line: string) => void,
  cache?: FeatureCache,
  rule: OperatingPointRule = { labels: [], rows: "all" },
): FoldOutcome {
  const { trainSet, calibrationSet, random } = prepareData(config, pools, fold.holdOut);
  log(`${fold.name}: holding out ${JSON.stringify(fold.holdOut)}; train ${trainSet.length}, calibration ${calibrationSet.length}`);
  const classifier = fitScorer(trainSet, calibrationSet, config, random, (line) => (/^(epoch|group DRO|invariant)/.test(line) ? log(`${fold.name} ${line}`) : undefined), cache);
  const chosen = foldThresholds(classifier, calibrationSet, thresholds, rule);
  const heldOut = fold.evaluate.map((domain) => heldOutScores(classifier, fold.name, domain));
  return { results: heldOut.map((held, i) => scoreDomain(held, (fold.evaluate[i] as EvaluatedDomain).trainedOn, chosen[held.label])), heldOut };
}

/** The worst held-out domain per label by balanced accuracy: what model selection looks at. */
export function worstByLabel(results: readonly DomainResult[]): Partial<Record<TextLabel, DomainResult>> {
  const worst: Partial<Record<TextLabel, DomainResult>> = {};
  for (const r of results) {
    const current = worst[r.label];
    if (r.balancedAccuracy !== null && (current === undefined || (current.balancedAccuracy ?? 1) > r.balancedAccuracy)) worst[r.label] = r;
  }
  return worst;
}
