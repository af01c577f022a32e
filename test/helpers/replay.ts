import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { PassThrough } from "node:stream";
import { runCli } from "@redline/cli";
import { CROSS_ROOM_COORDINATION } from "@redline/crews";
import { Alert, ControlAction, LiveEvent } from "@redline/proto";

export interface Replayed {
  alerts: Alert[];
  actions: ControlAction[];
  /** Events that arrived behind the watermark, from replay's summary line. */
  lateEvents: number;
}

/** `redline replay --policy POLICY [FLAGS]` over `events` written as a JSON-lines file: what the service should produce. */
export async function replayThroughCli(events: readonly LiveEvent[], policyPath: string, flags: readonly string[] = []): Promise<Replayed> {
  const file = join(mkdtempSync(join(tmpdir(), "replay-")), "events.jsonl");
  writeFileSync(file, events.map((e) => JSON.stringify(LiveEvent.toJSON(e))).join("\n") + "\n");
  const stdout = new PassThrough();
  const chunks: Buffer[] = [];
  stdout.on("data", (c: Buffer) => chunks.push(c));
  const stderr = new PassThrough();
  const errChunks: Buffer[] = [];
  stderr.on("data", (c: Buffer) => errChunks.push(c));
  const code = await runCli(["replay", "--input", file, "--policy", policyPath, ...flags], { stdin: new PassThrough(), stdout, stderr, env: {} });
  if (code !== 0) throw new Error(`redline replay exited ${code}`);
  const summary = /(\d+) late,/.exec(Buffer.concat(errChunks).toString("utf8"));
  if (summary === null) throw new Error("redline replay printed no summary");
  const lines = Buffer.concat(chunks)
    .toString("utf8")
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => JSON.parse(l) as { alert?: unknown; action?: unknown });
  return {
    alerts: lines.filter((l) => l.alert !== undefined).map((l) => Alert.fromJSON(l.alert)),
    actions: lines.filter((l) => l.action !== undefined).map((l) => ControlAction.fromJSON(l.action)),
    lateEvents: Number(summary[1]),
  };
}

/** The alerts `redline replay FLAGS` raises from `events`, by alert id. */
export async function replayAlertsThroughCli(events: readonly LiveEvent[], flags: readonly string[]): Promise<Map<string, Alert>> {
  const file = join(mkdtempSync(join(tmpdir(), "replay-")), "events.jsonl");
  writeFileSync(file, events.map((e) => JSON.stringify(LiveEvent.toJSON(e))).join("\n") + "\n");
  const stdout = new PassThrough();
  const chunks: Buffer[] = [];
  stdout.on("data", (c: Buffer) => chunks.push(c));
  const code = await runCli(["replay", "--input", file, ...flags], { stdin: new PassThrough(), stdout, stderr: new PassThrough(), env: {} });
  if (code !== 0) throw new Error(`redline replay ${flags.join(" ")} exited ${code}`);
  const alerts = Buffer.concat(chunks)
    .toString("utf8")
    .split("\n")
    .filter((l) => l !== "")
    .map((l) => JSON.parse(l) as { alert?: unknown })
    .filter((l) => l.alert !== undefined)
    .map((l) => Alert.fromJSON(l.alert));
  return new Map(alerts.map((a) => [a.alertId, a]));
}

/**
 * The alerts `redline replay --crews` raises from `events`, by alert id
 * (#21): the CROSS_ROOM_COORDINATION ones, or (`all`) the engine's too,
 * which read the account-risk table the crew detector builds.
 */
export async function replayCrewAlertsThroughCli(events: readonly LiveEvent[], which: "crews" | "all" = "crews"): Promise<Map<string, Alert>> {
  const alerts = await replayAlertsThroughCli(events, ["--crews"]);
  return new Map([...alerts].filter(([, a]) => which === "all" || a.subcategory === CROSS_ROOM_COORDINATION));
}
