import { readFileSync, writeFileSync } from "node:fs";
import { METRIC_NAMES } from "@redline/telemetry";
import { counterByLabel } from "../bad-input/accounting";
import type { Scenario } from "./run-scenario";
import { SERVICES, type ServiceName } from "./supervisor";

export interface SoakSample {
  atS: number;
  rssBytes: Record<ServiceName, number>;
  stateBytes: number;
  /** The engine group's lag summed over its input partitions. */
  lag: number;
}

/** Least-squares slope of `ys` over `xs` (per unit of x); 0 for fewer than two points. */
export function slope(xs: readonly number[], ys: readonly number[]): number {
  const n = Math.min(xs.length, ys.length);
  if (n < 2) return 0;
  const mx = xs.slice(0, n).reduce((a, b) => a + b, 0) / n;
  const my = ys.slice(0, n).reduce((a, b) => a + b, 0) / n;
  let num = 0;
  let den = 0;
  for (let i = 0; i < n; i++) {
    num += (xs[i]! - mx) * (ys[i]! - my);
    den += (xs[i]! - mx) ** 2;
  }
  return den === 0 ? 0 : num / den;
}

/** Resident set size of a process, from /proc (Linux); 0 when it is gone. */
function rssOf(pid: number | undefined): number {
  if (pid === undefined) return 0;
  try {
    const m = /VmRSS:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) * 1024 : 0;
  } catch {
    return 0;
  }
}

const sum = (m: ReadonlyMap<string, number>): number => [...m.values()].reduce((a, b) => a + b, 0);

export interface SoakSummary {
  samples: number;
  /** Per service, MB per minute over the second half (after warm-up). */
  rssSlopeMbPerMin: Record<ServiceName, number>;
  rssLastMb: Record<ServiceName, number>;
  stateSlopeMbPerMin: number;
  stateLastMb: number;
  lagSlopePerMin: number;
  lagLast: number;
}

export function summarize(samples: readonly SoakSample[]): SoakSummary {
  const half = samples.slice(Math.floor(samples.length / 2));
  const minutes = half.map((s) => s.atS / 60);
  const mb = (b: number) => b / (1024 * 1024);
  const last = samples[samples.length - 1];
  const per = (f: (s: SoakSample) => number) => slope(minutes, half.map(f));
  return {
    samples: samples.length,
    rssSlopeMbPerMin: Object.fromEntries(SERVICES.map((s) => [s, mb(per((x) => x.rssBytes[s]))])) as Record<ServiceName, number>,
    rssLastMb: Object.fromEntries(SERVICES.map((s) => [s, mb(last?.rssBytes[s] ?? 0)])) as Record<ServiceName, number>,
    stateSlopeMbPerMin: mb(per((x) => x.stateBytes)),
    stateLastMb: mb(last?.stateBytes ?? 0),
    lagSlopePerMin: per((x) => x.lag),
    lagLast: last?.lag ?? 0,
  };
}

/**
 * The soak as a scenario: no fault, memory of every service (RSS), the
 * engine's state bytes and its group lag sampled every 10 s for `seconds`,
 * written to `samplesFile`; the accounting at the end is the suite's.
 */
export function soak(seconds: number, samplesFile: string, onSummary: (s: SoakSummary) => void): Scenario {
  return {
    name: "soak",
    fault: `none: ${Math.round(seconds / 60)} min of steady load, memory sampled every 10 s`,
    faultSeconds: seconds,
    async inject(ctx) {
      const samples: SoakSample[] = [];
      const started = Date.now();
      while (Date.now() - started < seconds * 1000) {
        const engine = await ctx.metrics("risk-engine");
        samples.push({
          atS: (Date.now() - started) / 1000,
          rssBytes: Object.fromEntries(SERVICES.map((s) => [s, rssOf(ctx.supervisor.pidOf(s))])) as Record<ServiceName, number>,
          stateBytes: sum(counterByLabel(engine, METRIC_NAMES.stateBytes, "partition")),
          lag: sum(counterByLabel(engine, METRIC_NAMES.groupLag, "partition")),
        });
        writeFileSync(samplesFile, samples.map((s) => JSON.stringify(s)).join("\n") + "\n");
        await ctx.sleep(10_000);
      }
      const summary = summarize(samples);
      onSummary(summary);
      const grows = SERVICES.filter((s) => summary.rssSlopeMbPerMin[s] > 1);
      if (grows.length > 0) ctx.fail(`RSS grows more than 1 MB/min in the second half: ${grows.join(", ")}`);
      return [
        `${samples.length} samples; RSS slope (second half, MB/min): ${SERVICES.map((s) => `${s} ${summary.rssSlopeMbPerMin[s].toFixed(2)} (last ${summary.rssLastMb[s].toFixed(0)} MB)`).join(", ")}`,
        `engine state ${summary.stateLastMb.toFixed(1)} MB at the end, slope ${summary.stateSlopeMbPerMin.toFixed(2)} MB/min; group lag ${summary.lagLast} at the end, slope ${summary.lagSlopePerMin.toFixed(1)}/min`,
      ];
    },
  };
}
