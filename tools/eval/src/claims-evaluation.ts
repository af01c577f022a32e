/**
 * The misleading-claims evaluation (issue 22): each seed of the blind claim
 * scenarios through the same pipeline the service runs (createPipeline with
 * the product table), scored per segment as the scenarios' README says: a
 * true positive is a MISLEADING segment cited by a MISLEADING_CLAIMS alert of
 * MEDIUM or more; a false positive is a hard-negative or filler segment cited
 * by such an alert, or a superlative cited above LOW.
 */
import { DEVELOPMENT_SEEDS, REPORTING_SEEDS, DEFAULT_SCENARIO_OPTIONS, generateClaimScenarios } from "@redline/claim-scenarios";
import { ProductTable } from "@redline/claims";
import { createPipeline } from "@redline/pipeline";
import { RiskCategory, Severity, type Alert } from "@redline/proto";
import { productFactsVersions, scenarioEvents, type Scenario } from "./claims-scenario-loader";

export const CLAIMS_DEVELOPMENT_SEEDS: readonly number[] = DEVELOPMENT_SEEDS;
export const CLAIMS_REPORTING_SEEDS: readonly number[] = REPORTING_SEEDS;

export interface KindScore {
  kind: string;
  label: string;
  segments: number;
  /** Segments cited at MEDIUM or more (for superlatives: above LOW). */
  flagged: number;
  /** Superlatives cited at LOW exactly. */
  flaggedLow: number;
}

export interface ClaimsSeedResult {
  seed: number;
  use: "development" | "reporting";
  misleading: number;
  truePositives: number;
  falsePositives: number;
  hardNegatives: number;
  precision: number;
  recall: number;
  byKind: KindScore[];
  /** Misses and false alarms on development seeds only, for debugging; never kept for reporting seeds. */
  errors?: Array<{ segmentId: string; kind: string; text: string; alert?: string }>;
}

const round3 = (x: number): number => Math.round(x * 1000) / 1000;

/** Runs one scenario through the pipeline; returns the alerts it raised. */
export function runClaimsScenario(scenario: Pick<Scenario, "facts" | "segments">): Alert[] {
  const table = new ProductTable();
  for (const fact of scenario.facts) for (const version of productFactsVersions(fact)) table.upsert(version);
  const pipeline = createPipeline({ products: table, deps: { textScorer: { version: "none", classify: () => ({}) as never } } });
  const outputs = [...scenarioEvents(scenario.segments).flatMap((e) => pipeline.push(e)), ...pipeline.end()];
  return outputs.flatMap((o) => ("alert" in o && o.alert.category === RiskCategory.RISK_CATEGORY_MISLEADING_CLAIMS ? [o.alert] : []));
}

export function scoreClaims(seed: number, use: ClaimsSeedResult["use"], scenario: Scenario, alerts: readonly Alert[]): ClaimsSeedResult {
  const severityBySegment = new Map<string, { severity: Severity; summary: string }>();
  for (const a of alerts) {
    for (const id of a.evidenceEventIds) {
      const seen = severityBySegment.get(id);
      if (seen === undefined || a.severity > seen.severity) severityBySegment.set(id, { severity: a.severity, summary: a.explanation?.summary ?? "" });
    }
  }
  const text = new Map(scenario.segments.map((s) => [s.segmentId, s.text]));
  const kinds = new Map<string, KindScore>();
  let tp = 0;
  let fp = 0;
  const errors: NonNullable<ClaimsSeedResult["errors"]> = [];
  for (const t of scenario.truth) {
    const cited = severityBySegment.get(t.segmentId);
    const medium = cited !== undefined && cited.severity >= Severity.SEVERITY_MEDIUM;
    const k = kinds.get(t.kind) ?? { kind: t.kind, label: t.label, segments: 0, flagged: 0, flaggedLow: 0 };
    k.segments++;
    if (medium) k.flagged++;
    else if (cited !== undefined) k.flaggedLow++;
    kinds.set(t.kind, k);
    const wrong = t.label === "MISLEADING" ? !medium : medium;
    if (t.label === "MISLEADING" && medium) tp++;
    if (t.label !== "MISLEADING" && medium) fp++;
    if (wrong && use === "development") errors.push({ segmentId: t.segmentId, kind: t.kind, text: text.get(t.segmentId) ?? "", ...(cited ? { alert: cited.summary } : {}) });
  }
  const misleading = scenario.truth.filter((t) => t.label === "MISLEADING").length;
  return {
    seed,
    use,
    misleading,
    truePositives: tp,
    falsePositives: fp,
    hardNegatives: scenario.truth.filter((t) => t.hardNegative).length,
    precision: tp + fp === 0 ? 1 : round3(tp / (tp + fp)),
    recall: misleading === 0 ? 1 : round3(tp / misleading),
    byKind: [...kinds.values()].sort((a, b) => (a.label === b.label ? (a.kind < b.kind ? -1 : 1) : a.label < b.label ? -1 : 1)),
    ...(use === "development" ? { errors } : {}),
  };
}

export function evaluateClaimsSeed(seed: number, use: ClaimsSeedResult["use"]): ClaimsSeedResult {
  const scenario = generateClaimScenarios({ ...DEFAULT_SCENARIO_OPTIONS, seed }) as unknown as Scenario;
  return scoreClaims(seed, use, scenario, runClaimsScenario(scenario));
}
