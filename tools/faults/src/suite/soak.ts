import { readFileSync, writeFileSync } from "node:fs";
import { METRIC_NAMES } from "@redline/telemetry";
import { counterByLabel } from "../bad-input/accounting";
import { fullGcs, type FullGc } from "./gc-trace";
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
  /** Per service, the heap left after full collections (from `--trace-gc`); absent without the trace. */
  liveHeap?: Record<ServiceName, LiveHeap>;
}

export interface LiveHeap {
  collections: number;
  lastMb: number;
  /** MB per minute over the second half of the process's life. */
  slopeMbPerMin: number;
}

/** The live heap's trend from a process's full collections (second half, as for RSS). */
export function liveHeapOf(gcs: readonly FullGc[]): LiveHeap {
  const end = gcs[gcs.length - 1]?.atMin ?? 0;
  const half = gcs.filter((g) => g.atMin >= end / 2);
  return {
    collections: gcs.length,
    lastMb: gcs[gcs.length - 1]?.liveMb ?? 0,
    slopeMbPerMin: slope(half.map((g) => g.atMin), half.map((g) => g.liveMb)),
  };
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

/** Growth above this, in MB per minute over the second half, is not flat. */
export const FLAT_MB_PER_MIN = 1;

/**
 * Why the memory is not flat; empty when it is. RSS stays judged although it cannot tell a leak from
 * V8 sizing its heap: the live heap after full collections does not count Buffers and other memory
 * outside V8's heap (kafkajs's fetch buffers), so a leak there shows only in RSS. The live heap and
 * the engine's state are judged as well, so a leak RSS hides (V8 returning reserve while the live
 * heap grows) still fails.
 */
export function memoryVerdict(summary: SoakSummary): string[] {
  const reasons: string[] = [];
  const rss = SERVICES.filter((s) => summary.rssSlopeMbPerMin[s] > FLAT_MB_PER_MIN);
  if (rss.length > 0) reasons.push(`RSS grows more than ${FLAT_MB_PER_MIN} MB/min in the second half: ${rss.join(", ")}`);
  const heap = summary.liveHeap;
  const live = heap ? SERVICES.filter((s) => heap[s].slopeMbPerMin > FLAT_MB_PER_MIN) : [];
  if (live.length > 0) reasons.push(`live heap after full GC grows more than ${FLAT_MB_PER_MIN} MB/min in the second half: ${live.join(", ")}`);
  if (summary.stateSlopeMbPerMin > FLAT_MB_PER_MIN) reasons.push(`engine state grows more than ${FLAT_MB_PER_MIN} MB/min in the second half`);
  return reasons;
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
      summary.liveHeap = liveHeapOfServices((s) => ctx.supervisor.logFileOf(s));
      onSummary(summary);
      for (const reason of memoryVerdict(summary)) ctx.fail(reason);
      const heap = summary.liveHeap;
      return [
        ...(heap ? [`live heap after full GC (second half, MB/min): ${SERVICES.map((s) => `${s} ${heap[s].slopeMbPerMin.toFixed(2)} (last ${heap[s].lastMb.toFixed(0)} MB, ${heap[s].collections} collections)`).join(", ")}`] : []),
        `${samples.length} samples; RSS slope (second half, MB/min): ${SERVICES.map((s) => `${s} ${summary.rssSlopeMbPerMin[s].toFixed(2)} (last ${summary.rssLastMb[s].toFixed(0)} MB)`).join(", ")}`,
        `engine state ${summary.stateLastMb.toFixed(1)} MB at the end, slope ${summary.stateSlopeMbPerMin.toFixed(2)} MB/min; group lag ${summary.lagLast} at the end, slope ${summary.lagSlopePerMin.toFixed(1)}/min`,
      ];
    },
  };
}

/** Each service's live heap from its latest process's log, when the services ran under `--trace-gc`. */
function liveHeapOfServices(logFileOf: (s: ServiceName) => string | undefined): Record<ServiceName, LiveHeap> | undefined {
  const gcs = SERVICES.map((s) => {
    const file = logFileOf(s);
    return [s, file === undefined ? [] : fullGcs(readFileSync(file, "utf8"))] as const;
  });
  if (gcs.every(([, g]) => g.length === 0)) return undefined;
  return Object.fromEntries(gcs.map(([s, g]) => [s, liveHeapOf(g)])) as Record<ServiceName, LiveHeap>;
}
