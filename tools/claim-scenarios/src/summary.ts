import { seedUse, type SeedUse } from "./seeds";
import type { ClaimScenarios, ScenarioOptions } from "./types";

/** manifest.json: what was generated and how much of each kind, so a report can cite it. */
export interface ScenarioManifest {
  format: "redline.claim-scenarios/v1";
  seed: number;
  seedUse: SeedUse;
  options: ScenarioOptions;
  rooms: number;
  skus: number;
  segments: number;
  misleading: number;
  hardNegatives: number;
  superlatives: number;
  byKind: Record<string, number>;
  byLang: Record<string, number>;
}

function tally(values: string[]): Record<string, number> {
  const out: Record<string, number> = {};
  for (const v of [...values].sort()) out[v] = (out[v] ?? 0) + 1;
  return out;
}

export function summarize(options: ScenarioOptions, s: ClaimScenarios): ScenarioManifest {
  return {
    format: "redline.claim-scenarios/v1",
    seed: options.seed,
    seedUse: seedUse(options.seed),
    options,
    rooms: new Set(s.segments.map((x) => x.roomId)).size,
    skus: s.facts.length,
    segments: s.segments.length,
    misleading: s.truth.filter((t) => t.label === "MISLEADING").length,
    hardNegatives: s.truth.filter((t) => t.hardNegative).length,
    superlatives: s.truth.filter((t) => t.label === "UNVERIFIABLE_SUPERLATIVE").length,
    byKind: tally(s.truth.map((t) => t.kind)),
    byLang: tally(s.segments.map((x) => x.lang)),
  };
}
