import { ConfigError } from "@redline/common";
import type { DrainResult } from "./engine-process";
import { runEngineThroughput, type EngineRunSpec } from "./throughput-phase";

/** A setting of the engine under test: a name and the variables that make it. */
export interface EngineVariant {
  name: string;
  env: Record<string, string>;
}

/** `name:K=V,K=V` (`--variant`); `name:` alone is the engine's defaults. */
export function parseVariant(text: string): EngineVariant {
  const colon = text.indexOf(":");
  const name = colon < 0 ? "" : text.slice(0, colon).trim();
  if (name === "") throw new ConfigError("--variant", `must be name:VAR=value,VAR=value (name: alone for the defaults), got ${JSON.stringify(text)}`);
  const env: Record<string, string> = {};
  for (const pair of text.slice(colon + 1).split(",").map((p) => p.trim()).filter((p) => p !== "")) {
    const eq = pair.indexOf("=");
    if (eq <= 0 || !/^[A-Z][A-Z0-9_]*$/.test(pair.slice(0, eq))) throw new ConfigError("--variant", `${JSON.stringify(pair)} in ${name} is not VAR=value`);
    env[pair.slice(0, eq)] = pair.slice(eq + 1);
  }
  return { name, env };
}

export interface TuningResult {
  variant: EngineVariant;
  runs: DrainResult[];
  /** Medians over the rounds. */
  perSecond: number;
  cpuPerMillion: number;
  /** Per round, records/s and CPU-s per million divided by the first variant's of the same round. */
  speedupByRound: number[];
  cpuRatioByRound: number[];
}

/** The order of the variants in round `round`: rotated, so no variant always runs first (a cold page cache) or last. */
export function roundOrder(variants: number, round: number): number[] {
  return Array.from({ length: variants }, (_, i) => (i + round) % variants);
}

export function median(values: readonly number[]): number {
  const s = [...values].sort((a, b) => a - b);
  if (s.length === 0) return Number.NaN;
  const mid = Math.floor(s.length / 2);
  return s.length % 2 === 1 ? s[mid]! : (s[mid - 1]! + s[mid]!) / 2;
}

/**
 * Each variant drains the same topic once per round, in a fresh group,
 * interleaved so drift in the machine's load falls on every variant alike;
 * gains are read as ratios to the first variant within a round.
 */
export async function runTuning(
  spec: Omit<EngineRunSpec, "env" | "prefix" | "nodeArgs">,
  prefix: string,
  variants: readonly EngineVariant[],
  rounds: number,
  say: (line: string) => void,
  profileDirFor?: (variant: EngineVariant) => string,
): Promise<TuningResult[]> {
  const runs: DrainResult[][] = variants.map(() => []);
  for (let round = 0; round < rounds; round++) {
    for (const i of roundOrder(variants.length, round)) {
      const variant = variants[i]!;
      const profiled = profileDirFor !== undefined && round === 0;
      const runPrefix = `${prefix}v${i}r${round}.`;
      const result = await runEngineThroughput(
        { ...spec, prefix: runPrefix, env: variant.env, ...(profiled ? { nodeArgs: ["--cpu-prof", `--cpu-prof-dir=${profileDirFor(variant)}`] } : {}) },
        `tuning-${variant.name}-r${round}`,
      );
      runs[i]!.push(result);
      say(`  round ${round + 1}, ${variant.name}: ${Math.round(result.perSecond).toLocaleString("en-US")} records/s, ${cpuPerMillion(result).toFixed(1)} CPU-s per million${profiled ? " (profiled)" : ""}`);
    }
  }
  return variants.map((variant, i) => ({
    variant,
    runs: runs[i]!,
    perSecond: median(runs[i]!.map((r) => r.perSecond)),
    cpuPerMillion: median(runs[i]!.map(cpuPerMillion)),
    speedupByRound: runs[i]!.map((r, round) => r.perSecond / runs[0]![round]!.perSecond),
    cpuRatioByRound: runs[i]!.map((r, round) => cpuPerMillion(r) / cpuPerMillion(runs[0]![round]!)),
  }));
}

export function cpuPerMillion(r: Pick<DrainResult, "cpuSeconds" | "records">): number {
  return (r.cpuSeconds / r.records) * 1e6;
}
