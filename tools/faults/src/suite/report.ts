import { readFileSync, writeFileSync } from "node:fs";
import type { ScenarioResult } from "./run-scenario";
import { isCrash } from "./supervisor";

const START = "<!-- faults:start (written by npm run faults) -->";
const END = "<!-- faults:end -->";

const n = (v: number): string => v.toLocaleString("en-US");

const clock = (ms: number): string => new Date(ms).toISOString().slice(11, 19);

/** Crashes, restarts by the supervisor (each exit the suite did not cause, with its code) and clean stops. */
export function exitsOf(r: Pick<ScenarioResult, "exits">): string {
  const crashes = r.exits.filter(isCrash);
  const restarted = r.exits.filter((e) => !e.expected);
  const stops = r.exits.filter((e) => e.expected && e.result !== "SIGKILL");
  const unclean = stops.filter((e) => e.result !== 0);
  const restarts =
    restarted.length === 0
      ? "0 restarts"
      : `${restarted.length} restarted by the supervisor (${restarted.map((e) => `${e.service} exit ${String(e.result)} at ${clock(e.atMs)}${e.restartedAs === undefined ? ", not restarted: the run was ending" : ""}`).join("; ")})`;
  return `${crashes.length} crashes, ${restarts}, ${stops.length - unclean.length}/${stops.length} clean stops`;
}

/** One table row per scenario with the accounting, then the header of the run when `run` is given. */
export function renderScenarioRows(results: readonly ScenarioResult[], run?: { started: Date; rate: number; command: string }): string {
  const rows = results.map((r) => {
    const a = r.account;
    const dlq = Object.entries(a.inputs.deadLetteredByReason).map(([k, v]) => `${k} ${n(v)}`).join(", ") || "0";
    return [
      r.name,
      r.notes.length === 0 ? r.fault : `${r.fault}: ${r.notes.join("; ")}`,
      `${n(Math.round(r.achievedRate))}/s for ${r.loadSeconds} s`,
      `${n(a.inputs.records)} in, ${n(a.inputs.applied)} applied, dead-lettered ${dlq}, ${a.inputs.behind.length === 0 && a.inputs.heldUnapplied === 0 ? "0 lost" : "NOT ALL ACCOUNTED"}`,
      `${n(a.actions.published)} ids, ${n(a.actions.reachedPlatform)} applied (${n(a.actions.calls)} calls), ${a.actions.lost.length} lost, ${a.actions.conflicting.length} conflicting`,
      `alerts ${n(a.archive.alerts.present)}/${n(a.archive.alerts.expected)}, actions ${n(a.archive.actions.present)}/${n(a.archive.actions.expected)}, evidence ${n(a.archive.evidence.present)}/${n(a.archive.evidence.expected)}; ${a.archive.alerts.duplicated.length + a.archive.actions.duplicated.length + a.archive.evidence.duplicated.length} doubled`,
      `${n(a.alerts.raised)} = replay ${n(a.alerts.replayed)}${a.alerts.missing.length + a.alerts.extra.length > 0 ? ` (${a.alerts.missing.length} missing, ${a.alerts.extra.length} extra)` : ""}; ${n(r.lateEvents)} late (last engine)`,
      exitsOf(r),
      `${(r.drainMs / 1000).toFixed(0)} s`,
      r.failed.length === 0 ? "pass" : `**fail**: ${r.failed.join("; ")}`,
    ].join(" | ");
  });
  const table = [
    "| scenario | fault | load | inputs | actions | ClickHouse (FINAL) | alerts vs replay | processes | drain | result |",
    "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |",
    ...rows.map((r) => `| ${r} |`),
  ].join("\n");
  if (run === undefined) return table;
  const header = `Run of ${run.started.toISOString().slice(0, 16).replace("T", " ")} UTC: \`npm run faults -- ${run.command}\`, target rate ${n(run.rate)} events/s, the suite's own Kafka and ClickHouse.`;
  return `${header}\n\n${table}`;
}

/** Replaces the text between the faults markers in `path` (appends the block the first time). */
export function writeFaultsSection(path: string, section: string): void {
  const text = readFileSync(path, "utf8");
  const block = `${START}\n${section}\n${END}`;
  const i = text.indexOf(START);
  const j = text.indexOf(END);
  writeFileSync(path, i >= 0 && j > i ? text.slice(0, i) + block + text.slice(j + END.length) : `${text.trimEnd()}\n\n## Fault scenarios\n\n${block}\n`);
}
