import { existsSync, readFileSync, writeFileSync } from "node:fs";
import type { BadInputResult } from "./run-bad-input";

export const SECTION_START = "<!-- bad-input:start (written by npm run faults:bad-input) -->";
export const SECTION_END = "<!-- bad-input:end -->";

/** The checks a run must pass; each failed one is a sentence naming what did not add up. */
export function failedChecks(r: BadInputResult, perClass: number): string[] {
  const failed: string[] = [];
  if (r.crashed !== undefined) failed.push(`the engine exited on its own (${String(r.crashed)})`);
  if (r.exitCode !== 0) failed.push(`the engine did not stop cleanly on SIGTERM (exit ${String(r.exitCode)})`);
  if (!r.drained) failed.push("the engine did not consume and apply every input record in time");
  if (r.eventsConsumedMetric !== r.inputRecords) failed.push(`redline_events_consumed_total is ${r.eventsConsumedMetric}, the topics hold ${r.inputRecords}`);
  if (r.inputRecords !== r.sent) failed.push(`${r.sent} records sent but ${r.inputRecords} on the input topics`);
  if (r.accounting.unaccounted.length > 0) failed.push(`${r.accounting.unaccounted.length} dead letters match no record sent`);
  const dlqMetric = Object.values(r.dlqMetricByReason).reduce((a, b) => a + b, 0);
  if (dlqMetric !== r.dlqTopicRecords) failed.push(`redline_dlq_records_total is ${dlqMetric} but the DLQ topics hold ${r.dlqTopicRecords}`);
  for (const c of r.accounting.classes) {
    if (c.recordClass !== "valid" && c.sent < perClass) failed.push(`${c.recordClass}: ${c.sent} sent, fewer than ${perClass}`);
  }
  const valid = r.accounting.classes.find((c) => c.recordClass === "valid");
  if (valid !== undefined && valid.deadLettered > 0) failed.push(`${valid.deadLettered} valid events were dead-lettered`);
  return failed;
}

const fmt = (n: number): string => n.toLocaleString("en-US");

/** The section's markdown: one row per class, the totals, and the run's checks. */
export function renderSection(r: BadInputResult, perClass: number, seed: number, when: Date): string {
  const rows = r.accounting.classes.map((c) => {
    const reasons = Object.entries(c.byReason)
      .sort((a, b) => b[1] - a[1])
      .map(([reason, n]) => `${reason} ${fmt(n)}`)
      .join(", ");
    return `| ${c.recordClass} | ${fmt(c.sent)} | ${fmt(c.processed)} | ${fmt(c.deadLettered)} | ${reasons || "—"} |`;
  });
  const failed = failedChecks(r, perClass);
  const dlqMetric = Object.entries(r.dlqMetricByReason).map(([reason, n]) => `${reason} ${fmt(n)}`).join(", ");
  return [
    SECTION_START,
    `Run ${r.runId}, ${when.toISOString().slice(0, 16).replace("T", " ")} UTC: \`npm run faults:bad-input -- --per-class ${perClass} --seed ${seed}\`,`,
    `${fmt(r.sent)} records (${fmt(r.sent - (r.accounting.classes.find((c) => c.recordClass === "valid")?.sent ?? 0))} malformed), one risk-engine process, local broker.`,
    "",
    "| class | sent | processed | dead-lettered | reasons |",
    "| --- | ---: | ---: | ---: | --- |",
    ...rows,
    "",
    `- Input records on the topics (high-water marks): ${fmt(r.inputRecords)}; consumed and applied or dead-lettered by the engine: ${r.drained ? "all" : "**not all**"}; input partitions whose committed offset reached the end: ${r.partitionsCommittedToEnd} of ${r.inputPartitions} (see below).`,
    `- Dead letters on the DLQ topics: ${fmt(r.dlqTopicRecords)}; \`redline_dlq_records_total\` by reason: ${dlqMetric || "none"}; dead letters matching no record sent: ${r.accounting.unaccounted.length}.`,
    `- \`redline_events_consumed_total\`: ${fmt(r.eventsConsumedMetric)}.`,
    `- Crashes: ${r.crashed === undefined ? 0 : `**1 (${String(r.crashed)})**`}; exit code on SIGTERM: ${String(r.exitCode)}.`,
    `- Throughput, from the engine's start until it had applied everything (${(r.engineMs / 1000).toFixed(1)} s, start-up included): ${fmt(Math.round(r.validPerSecond))} valid events/s among ${fmt(Math.round(r.recordsPerSecond))} records/s.`,
    `- Checks: ${failed.length === 0 ? "all passed" : failed.map((f) => `**${f}**`).join("; ")}.`,
    SECTION_END,
  ].join("\n");
}

/** Replaces the section between the markers in `file`, or appends it under `heading` when the file has none. */
export function writeSection(file: string, section: string, heading: string): void {
  const text = existsSync(file) ? readFileSync(file, "utf8") : "";
  const start = text.indexOf(SECTION_START);
  const end = text.indexOf(SECTION_END);
  const next =
    start >= 0 && end > start
      ? text.slice(0, start) + section + text.slice(end + SECTION_END.length)
      : `${text.trimEnd()}\n\n${heading}\n\n${section}\n`;
  writeFileSync(file, next);
}
