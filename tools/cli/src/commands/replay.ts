/**
 * `redline replay [--input FILE|-] [--lateness-ms N] [--progress-every N] [--policy FILE [--shadow-policy FILE]]`
 *
 * Reads LiveEvent proto3-JSON lines (FILE, or stdin when absent or `-`),
 * runs them through the engine and its output stages exactly as the
 * service does, and writes one JSON line per output (`{"alert": ...}` or
 * `{"action": ...}`) to stdout. Same input, same bytes out. Invalid lines
 * are counted by reason on stderr and skipped; progress goes to stderr.
 * `--policy` backtests an action policy file (actions appear beside the
 * alerts); `--shadow-policy` runs a candidate beside it, its actions marked
 * `shadow`, and both policies' action counts go to stderr at the end.
 */
import { createReadStream } from "node:fs";
import { createInterface } from "node:readline";
import { once } from "node:events";
import { outputToJsonLine } from "@redline/engine";
import { createPipeline, policyCounters, type PipelineSpec } from "@redline/pipeline";
import { fixedPolicy, loadPolicyFile } from "@redline/policy";
import type { CommandContext } from "../command";
import { parseReplayLine } from "./replay-input";

const USAGE = "usage: redline replay [--input FILE|-] [--lateness-ms N] [--progress-every N] [--policy FILE [--shadow-policy FILE]]\n";

interface ReplayOptions {
  inputPath: string | undefined;
  allowedLatenessMs: number | undefined;
  progressEveryLines: number;
  policyPath: string | undefined;
  shadowPolicyPath: string | undefined;
}

function parseOptions(args: readonly string[]): ReplayOptions | string {
  const o: ReplayOptions = { inputPath: undefined, allowedLatenessMs: undefined, progressEveryLines: 1_000_000, policyPath: undefined, shadowPolicyPath: undefined };
  for (let i = 0; i < args.length; i += 2) {
    const flag = args[i];
    const value = args[i + 1];
    if (value === undefined) return `${String(flag)} needs a value`;
    if (flag === "--input") o.inputPath = value === "-" ? undefined : value;
    else if (flag === "--policy") o.policyPath = value;
    else if (flag === "--shadow-policy") o.shadowPolicyPath = value;
    else if (flag === "--lateness-ms" || flag === "--progress-every") {
      const n = Number(value);
      if (!Number.isInteger(n) || n < (flag === "--lateness-ms" ? 0 : 1)) return `${flag} must be a ${flag === "--lateness-ms" ? "non-negative" : "positive"} integer, got ${value}`;
      if (flag === "--lateness-ms") o.allowedLatenessMs = n;
      else o.progressEveryLines = n;
    } else return `unknown option ${String(flag)}`;
  }
  if (o.shadowPolicyPath !== undefined && o.policyPath === undefined) return "--shadow-policy needs --policy (the live policy to compare with)";
  return o;
}

/**
 * The service's pipeline for these options: `--policy` (and `--shadow-policy`)
 * as fixed policies, `--lateness-ms` over the service's default. Throws the
 * policy's load or validation error.
 */
function pipelineSpec(o: ReplayOptions): PipelineSpec {
  return {
    ...(o.allowedLatenessMs === undefined ? {} : { engine: { allowedLatenessMs: o.allowedLatenessMs } }),
    ...(o.policyPath === undefined ? {} : { policy: fixedPolicy(loadPolicyFile(o.policyPath)) }),
    ...(o.shadowPolicyPath === undefined ? {} : { shadowPolicy: fixedPolicy(loadPolicyFile(o.shadowPolicyPath)) }),
  };
}

export async function run(args: string[], ctx: CommandContext): Promise<number> {
  const parsed = parseOptions(args);
  if (typeof parsed === "string") {
    ctx.stderr.write(`redline replay: ${parsed}\n${USAGE}`);
    return 2;
  }
  let spec: PipelineSpec;
  try {
    spec = pipelineSpec(parsed);
  } catch (err) {
    ctx.stderr.write(`redline replay: ${(err as Error).message}\n`);
    return 2;
  }
  const input: NodeJS.ReadableStream = parsed.inputPath === undefined ? ctx.stdin : createReadStream(parsed.inputPath);
  const failedOpen = new Promise<Error>((resolve) => input.once("error", resolve));
  const pipeline = createPipeline(spec);
  const engine = pipeline.engine;
  const invalid = new Map<string, number>();
  let lines = 0;
  let outputs = 0;
  let pending: string[] = [];

  const write = async (force: boolean): Promise<void> => {
    if (pending.length === 0 || (!force && pending.length < 256)) return;
    const chunk = pending.join("");
    pending = [];
    if (!ctx.stdout.write(chunk)) await once(ctx.stdout, "drain");
  };
  const progress = (): void => {
    const c = engine.counters();
    const bad = [...invalid.values()].reduce((a, b) => a + b, 0);
    ctx.stderr.write(`replay: ${lines} lines, ${outputs} outputs, ${bad} invalid, ${c.lateEvents} late, ${c.roomsTracked} rooms\n`);
  };

  const reader = createInterface({ input, crlfDelay: Infinity });
  try {
    const consume = (async () => {
      for await (const line of reader) {
        lines++;
        if (line.trim() !== "") {
          const r = parseReplayLine(line);
          if ("invalid" in r) invalid.set(r.invalid, (invalid.get(r.invalid) ?? 0) + 1);
          else for (const out of pipeline.push(r.event)) {
            pending.push(outputToJsonLine(out) + "\n");
            outputs++;
          }
        }
        await write(false);
        if (lines % parsed.progressEveryLines === 0) progress();
      }
    })();
    const failure = await Promise.race([consume.then(() => null), failedOpen]);
    if (failure !== null) {
      ctx.stderr.write(`redline replay: cannot read ${parsed.inputPath ?? "stdin"}: ${failure.message}\n`);
      return 1;
    }
  } finally {
    reader.close();
  }
  for (const out of pipeline.end()) {
    pending.push(outputToJsonLine(out) + "\n");
    outputs++;
  }
  await write(true);
  progress();
  for (const [reason, n] of [...invalid].sort()) ctx.stderr.write(`replay: skipped ${n} invalid line(s): ${reason}\n`);
  const c = policyCounters(pipeline);
  if (c !== undefined) {
    for (const [which, k] of [["policy", c.live], ["shadow policy", c.shadow]] as const) {
      if (k !== undefined) ctx.stderr.write(`replay: ${which}: ${k.actionsIssued} actions on ${k.alertsSeen} alerts (${k.skippedCooldown} in cooldown, ${k.skippedNoRule} without a rule), ${k.keyRoomsQualified} key rooms\n`);
    }
  }
  return 0;
}
