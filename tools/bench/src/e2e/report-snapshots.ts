import type { LatencyPhaseResult } from "./bench-results";
import type { LatencySummary } from "./percentiles";

const ms = (n: number): string => (Number.isFinite(n) ? (n >= 100 ? Math.round(n).toLocaleString("en-US") : n.toFixed(1)) : "–");
const three = (s: LatencySummary): string => `${ms(s.p50)} / ${ms(s.p99)} / ${ms(s.max)}`;

/** Per latency phase: the engine's snapshots, and processing latency with and without one in the sample's wait (#15). */
export function snapshotSection(phases: readonly LatencyPhaseResult[]): string[] {
  const rows = phases.filter((p) => p.snapshots !== undefined);
  if (rows.length === 0) return [];
  return [
    "#### Processing latency against the engine's snapshots",
    "",
    "A sample counts as *during* when its wait, from the record that moved the watermark to the Apply, overlapped a snapshot of any partition, from its start until a second after it was written; snapshots counted from the phase's start, its warm-up included.",
    "",
    "| offered (share of max) | snapshots begun | event loop held per snapshot p50 / p99 / max ms | snapshot start to written p50 / max ms | share of the phase held | processing, during: samples, p50 / p99 / max ms | processing, clear: samples, p50 / p99 / max ms |",
    "|---|---:|---|---|---:|---|---|",
    ...rows.map((p) => {
      const s = p.snapshots!;
      return `| ${Math.round(p.offeredPerSecond).toLocaleString("en-US")} (${Math.round(p.share * 100)} %) | ${s.count} | ${three(s.blockedMs)} | ${ms(s.wallMs.p50)} / ${ms(s.wallMs.max)} | ${(s.blockedShare * 100).toFixed(1)} % | ${s.during.count}, ${three(s.during)} | ${s.clear.count}, ${three(s.clear)} |`;
    }),
    "",
  ];
}
