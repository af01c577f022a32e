import type { BenchResults } from "./bench-results";
import { latencyPlotSvg } from "./latency-plot";
import { scaleOutSection } from "./report-scaleout";
import { snapshotSection } from "./report-snapshots";
import type { LatencySummary } from "./percentiles";

const int = (n: number): string => (Number.isFinite(n) ? Math.round(n).toLocaleString("en-US") : "–");
const ms = (n: number): string => (Number.isFinite(n) ? (n >= 100 ? Math.round(n).toLocaleString("en-US") : n.toFixed(1)) : "–");
const pct = (n: number): string => `${(n * 100).toFixed(1)} %`;

/** The measured part of docs/performance.md (tables of one run) and its latency plot. */
export function renderReport(r: BenchResults, opts: { plotHref: string }): { markdown: string; svg?: string } {
  const out: string[] = [];
  const m = r.machine;
  out.push(`## Run of ${r.startedAt.slice(0, 16).replace("T", " ")} UTC${r.settings.quick === true ? " (--quick)" : ""}`, "");
  out.push(
    `Machine: ${m.cores} × ${m.cpus}, ${m.memoryGiB} GiB, ${m.os}; Node ${m.node}, Kafka ${m.kafka} (local single broker, KRaft), kafkajs ${m.kafkajs}. ` +
      `Load average at the start: ${m.loadAverageAtStart.join(" / ")}${Math.max(...m.loadAverageAtStart) > 2 ? " (other sessions were using the machine)" : ""}. ` +
      `Settings: ${r.settings.records as number} records, ${r.settings.partitions as number} partitions, ${r.settings.rooms as number} room keys (Zipf s = ${r.settings.zipfS as number}), seed ${r.settings.seed as number}.`,
    "",
  );
  if (r.topic !== undefined) {
    const t = r.topic;
    out.push(`### The topic`, "");
    out.push(
      `${int(t.records)} LiveEvents, ${int(t.bytes / t.records)} B each on average (protobuf), written in ${(t.fillMs / 1000).toFixed(1)} s. ` +
        `The busiest room has ${pct(t.topRoomShare)} of the events, the ten busiest ${pct(t.top10RoomsShare)}.`,
      "",
      "| event kind | events | share |",
      "|---|---:|---:|",
      ...t.kinds.map((k) => `| ${k.kind} | ${int(k.count)} | ${pct(k.share)} |`),
      "",
    );
  }
  const [cperf, raw] = [r.ceilings.find((c) => c.name.startsWith("Kafka")), r.ceilings.find((c) => c.name.startsWith("kafkajs"))];
  if (r.ceilings.length > 0 || r.engine.length > 0) {
    out.push("### Throughput against the ceilings", "");
    out.push("| consumer | records/s | CPU s per million records | ÷ ConsumerPerformance | ÷ raw kafkajs |", "|---|---:|---:|---:|---:|");
    const row = (name: string, perSecond: number, cpuPerMillion: number): string =>
      `| ${name} | ${int(perSecond)} | ${Number.isFinite(cpuPerMillion) ? cpuPerMillion.toFixed(1) : "–"} | ${cperf ? (perSecond / cperf.perSecond).toFixed(2) : "–"} | ${raw ? (perSecond / raw.perSecond).toFixed(2) : "–"} |`;
    // ConsumerPerformance's CPU is the JVM's whole run, start-up and JIT included, so it is not comparable per record.
    for (const c of r.ceilings) out.push(row(c.name.startsWith("Kafka") ? `${c.name} (CPU: whole JVM run, ${c.cpuSeconds.toFixed(1)} s)` : c.name, c.perSecond, c.name.startsWith("Kafka") ? Number.NaN : (c.cpuSeconds / c.records) * 1e6));
    for (const e of r.engine) out.push(row(e.name, e.result.perSecond, (e.result.cpuSeconds / e.result.records) * 1e6));
    out.push("");
    if (r.engine.length > 0) {
      out.push(
        "Engine peak RSS: " + r.engine.map((e) => `${e.name}: ${int(e.result.peakRssBytes / 2 ** 20)} MiB`).join("; ") + ".",
        "",
      );
    }
  }
  let svg: string | undefined;
  if (r.latency.length > 0) {
    out.push("### Latency under open-loop load (dispatcher and ControlPlane in the path)", "");
    out.push(
      "| offered (share of max) | achieved events/s | engine CPU | lag at end | processing p50 / p99 / p99.9 ms | end-to-end p50 / p99 / p99.9 ms | early-fired end-to-end p50 / p99 / p99.9 ms | event → alert p50 / p99 / p99.9 ms | event → Tail p50 / p99 / p99.9 ms | generator lag p50 / p99 ms | samples (proc / e2e / early / alerts / Tail) |",
      "|---|---:|---:|---:|---|---|---|---|---|---|---|",
    );
    const three = (s: LatencySummary): string => `${ms(s.p50)} / ${ms(s.p99)} / ${ms(s.p999)}`;
    for (const p of r.latency) {
      out.push(
        `| ${int(p.offeredPerSecond)} (${Math.round(p.share * 100)} %) | ${int(p.achievedPerSecond)} | ${((p.engineCpuSeconds / p.seconds) * 100).toFixed(0)} % of a core | ${int(p.lagAtEnd)} | ${three(p.processing)} | ${three(p.endToEnd)} | ${three(p.earlyEndToEnd)} | ${three(p.eventToAlert)} | ${p.eventToTail === undefined ? "–" : three(p.eventToTail)} | ${ms(p.generatorLag.p50)} / ${ms(p.generatorLag.p99)} | ${p.processing.count} / ${p.endToEnd.count} / ${p.earlyEndToEnd.count} / ${p.eventToAlert.count} / ${p.eventToTail?.count ?? 0} |`,
      );
    }
    for (const p of r.latency.filter(generatorFellBehind)) {
      out.push("", `At ${Math.round(p.share * 100)} % the load generator fell behind (achieved ${int(p.achievedPerSecond)} of ${int(p.offeredPerSecond)} events/s, its lag p99 ${ms(p.generatorLag.p99)} ms): that row measures the machine more than Redline.`);
    }
    const failed = r.latency.reduce((n, p) => n + p.failedSends, 0);
    const unmatched = r.latency.reduce((n, p) => n + p.unmatchedApplies, 0);
    out.push("", `Failed open-loop sends: ${failed}; Applies without a seen alert: ${unmatched}.`);
    out.push("", ...snapshotSection(r.latency));
    out.push(`![latency versus offered load](${opts.plotHref})`, "");
    const series = (name: string, colour: string, pick: (p: BenchResults["latency"][number]) => number): { name: string; colour: string; points: Array<[number, number]> } => ({
      name,
      colour,
      points: r.latency.map((p) => [p.offeredPerSecond, pick(p)]),
    });
    svg = latencyPlotSvg("Redline end to end: latency to Apply versus offered load", [
      series("processing p50", "#9ecae1", (p) => p.processing.p50),
      series("processing p99", "#3182bd", (p) => p.processing.p99),
      series("processing p99.9", "#08519c", (p) => p.processing.p999),
      series("end-to-end p99", "#e6550d", (p) => p.endToEnd.p99),
      series("early-fired p99", "#31a354", (p) => p.earlyEndToEnd.p99),
    ]);
  }
  if (r.profile !== undefined) {
    out.push("### Where the engine's CPU goes (node --cpu-prof, texts classified)", "", `Profile: \`${r.profile.file}\`.`, "");
    out.push("| package | self time |", "|---|---:|", ...r.profile.byPackage.map((p) => `| ${p.pkg} | ${pct(p.selfShare)} |`), "");
    out.push("| function | where | self time |", "|---|---|---:|", ...r.profile.functions.slice(0, 15).map((f) => `| ${f.name} | ${f.where} | ${pct(f.selfShare)} |`), "");
  }
  if (r.tuning !== undefined) out.push(...tuningSection(r.tuning));
  if (r.scaleOut !== undefined) out.push(...scaleOutSection(r.scaleOut));
  for (const n of r.notes) out.push(`- ${n}`);
  return { markdown: out.join("\n") + "\n", ...(svg !== undefined ? { svg } : {}) };
}

/** Engine settings side by side: medians over the rounds, and each round's ratio to the baseline (the first variant). */
function tuningSection(t: NonNullable<BenchResults["tuning"]>): string[] {
  const ratios = (xs: readonly number[]): string => xs.map((x) => x.toFixed(2)).join(", ");
  const out = [
    `### Engine settings compared (same topic, ${t.rounds} interleaved rounds)`,
    "",
    `Topic \`${t.topic}\`; each run a fresh group draining it from the start, one process.`,
    "",
    "| setting | variables | records/s (median) | CPU s per million (median) | records/s ÷ baseline, per round | CPU per million ÷ baseline, per round |",
    "|---|---|---:|---:|---|---|",
    ...t.results.map(
      (v) =>
        `| ${v.variant.name} | ${Object.entries(v.variant.env).map(([k, x]) => `${k}=${x}`).join(" ") || "defaults"} | ${int(v.perSecond)} | ${v.cpuPerMillion.toFixed(1)} | ${ratios(v.speedupByRound)} | ${ratios(v.cpuRatioByRound)} |`,
    ),
    "",
  ];
  for (const [name, p] of Object.entries(t.profiles ?? {})) {
    out.push(`Profile of ${name} (whole process, start-up included), self time by package: ${p.byPackage.slice(0, 8).map((x) => `${x.pkg} ${pct(x.selfShare)}`).join(", ")}.`, "");
  }
  return out;
}

/** The open-loop generator did not offer what was asked: under 95 % of the rate, or its own lag past a second at p99. */
export function generatorFellBehind(p: Pick<BenchResults["latency"][number], "achievedPerSecond" | "offeredPerSecond" | "generatorLag">): boolean {
  return p.achievedPerSecond < 0.95 * p.offeredPerSecond || p.generatorLag.p99 > 1000;
}
