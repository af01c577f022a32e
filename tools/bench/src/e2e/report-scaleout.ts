import type { BenchResults } from "./bench-results";
import type { MembershipEvent } from "./scaleout-phase";

const int = (n: number): string => (Number.isFinite(n) ? Math.round(n).toLocaleString("en-US") : "–");
const s1 = (ms: number | undefined): string => (ms === undefined || !Number.isFinite(ms) ? "never" : (ms / 1000).toFixed(1));

/** Issue 15 item 4 as markdown: throughput of one and two processes, the pauses of a join and a kill. */
export function scaleOutSection(r: NonNullable<BenchResults["scaleOut"]>): string[] {
  const perM = (d: { cpuSeconds: number; records: number }): string => ((d.cpuSeconds / d.records) * 1e6).toFixed(1);
  const cores = (d: { cpuSeconds: number; elapsedMs: number }): string => (d.cpuSeconds / (d.elapsedMs / 1000)).toFixed(2);
  const busy = (d: { machineBusyShare: number }): string => `${(d.machineBusyShare * 100).toFixed(0)} %`;
  const env = Object.entries(r.env).map(([k, v]) => `${k}=${v}`).join(" ");
  const event = (name: string, e: MembershipEvent): string => {
    const pauses = e.handovers.map((h) => h.pauseMs);
    const known = pauses.filter((p): p is number => p !== undefined);
    const range = known.length === 0 ? "–" : `${s1(Math.min(...known))} – ${s1(Math.max(...known))}`;
    return `| ${name} | ${(e.atCommittedShare * 100).toFixed(0)} % | ${s1(e.groupStallMs)} | ${e.handovers.map((h) => h.partition).join(", ") || "–"} | ${range}${pauses.length > known.length ? ` (${pauses.length - known.length} never resumed)` : ""} | ${e.restoreMs.map((m) => int(m)).join(", ") || "–"} |`;
  };
  return [
    "### Scale-out: one process against two (8 partitions)",
    "",
    `Each row a fresh group draining the topic from the start${env ? `; engine settings ${env}` : ""}; CPU is every process of the group.`,
    "",
    "| engine processes | records/s | CPU s per million | engines' CPU, cores | whole machine busy | peak RSS per process (MiB) |",
    "|---|---:|---:|---:|---:|---:|",
    `| 1 | ${int(r.one.perSecond)} | ${perM(r.one)} | ${cores(r.one)} | ${busy(r.one)} | ${int(r.one.peakRssBytes / 2 ** 20)} |`,
    `| 2 | ${int(r.two.perSecond)} (× ${(r.two.perSecond / r.one.perSecond).toFixed(2)}) | ${perM(r.two)} | ${cores(r.two)} | ${busy(r.two)} | ${int(r.two.peakRssBytes / 2 ** 20)} |`,
    "",
    `A second process joining a draining one, then killed with SIGKILL (no leave: the group waits out the ${s1(r.kill.sessionTimeoutMs)} s session timeout). ` +
      "A partition's pause is its longest time without progress around the event: from the old owner's last commit until the new owner passes it (a new owner re-reads from its snapshot first).",
    "",
    "| event | at (share committed) | whole group still, s | partitions handed over | their pause, s | state restores logged, ms |",
    "|---|---:|---:|---|---|---|",
    event("second process joins", r.join),
    event("second process killed", r.kill),
    "",
  ];
}
