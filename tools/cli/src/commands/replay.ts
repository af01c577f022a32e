/**
 * `redline replay [--input FILE|-] [--lateness-ms N] [--progress-every N] [--policy FILE [--shadow-policy FILE]] [--products FILE] [--crews] [--baselines]`
 * (options defined in commands/index.ts)
 *
 * Reads LiveEvent proto3-JSON lines (FILE, or stdin when absent or `-`),
 * runs them through the engine and its output stages exactly as the
 * service does, and writes one JSON line per output (`{"alert": ...}` or
 * `{"action": ...}`) to stdout. Same input, same bytes out. Invalid lines
 * are counted by reason on stderr and skipped; a progress bar goes to stderr
 * when it is a terminal, and a summary line at the end.
 * `--policy` backtests an action policy file (actions appear beside the
 * alerts); `--shadow-policy` runs a candidate beside it, its actions marked
 * `shadow`, and both policies' action counts go to stderr at the end.
 * `--crews` also runs the crew detector on the engine's account-activity
 * records, writes its alerts beside the engine's, and has the engine read
 * the account-risk table it builds, as the service does with
 * REDLINE_ENGINE_READ_ACCOUNT_RISK on. `--baselines` judges rooms against
 * their peer groups through an in-process baselines table, as the service
 * does with REDLINE_ENGINE_BASELINES on (one producer: the replayed engine).
 * Both are libs/pipeline's in-process tables (`SettledPipeline`), which the
 * eval runs too.
 */
import { createReadStream, statSync } from "node:fs";
import { createInterface } from "node:readline";
import { once } from "node:events";
import { combinerActsFrom, contentConfigForThresholds, DEFAULT_ENGINE_CONFIG, outputToJsonLine, type PipelineOutput } from "@redline/engine";
import { InProcessTables, policyCounters, SettledPipeline, type PipelineSpec } from "@redline/pipeline";
import { crewAlert } from "@redline/crews";
import { fixedPolicy, loadPolicyFile } from "@redline/policy";
import { EXIT_CODES, type CommandContext } from "../command";
import { createProgress } from "@redline/progress";
import { parseReplayLine } from "./replay-input";
import { loadProductsFile } from "./replay-products";

/** The input's size for the bar's ETA; undefined when it is not a regular file (a FIFO, /dev/stdin). */
function fileSize(path: string): number | undefined {
  try {
    const st = statSync(path);
    return st.isFile() ? st.size : undefined;
  } catch {
    return undefined; // reported as unreadable when the stream opens
  }
}

/** Parsed by the command's definition (commands/index.ts). */
export interface ReplayOptions {
  /** A file, or "-" for stdin. */
  input: string;
  latenessMs?: number;
  /** Progress lines on stderr every N lines, for logs; a terminal gets a bar instead. */
  progressEvery?: number;
  policy?: string;
  shadowPolicy?: string;
  /** ProductFacts JSON lines: the live.products table transcript claims are checked against. */
  products?: string;
  /** Run the crew detector on the engine's account-activity records (issue 21). */
  crews?: boolean;
  /** Judge rooms against their peers through an in-process baselines table (issue 12). */
  baselines?: boolean;
}

/**
 * The service's pipeline for these options: `--policy` (and `--shadow-policy`)
 * as fixed policies, `--lateness-ms` over the service's default. Throws the
 * policy's load or validation error.
 */
function pipelineSpec(o: ReplayOptions, ctx: CommandContext): PipelineSpec {
  const products = o.products === undefined ? undefined : loadProductsFile(o.products);
  if (products !== undefined) {
    const refused = [...products.invalid].map(([reason, n]) => `${reason} ${n}`).join(", ");
    ctx.stderr.write(`redline replay: ${products.versions} product fact versions for ${products.table.size} SKUs${refused === "" ? "" : `; invalid: ${refused}`}\n`);
  }
  return {
    ...(products === undefined ? {} : { products: products.table }),
    // The service's REDLINE_TEXT_THRESHOLDS, read the same way, so a replay scores texts as the service does.
    engine: {
      ...(o.latenessMs === undefined ? {} : { allowedLatenessMs: o.latenessMs }),
      content: contentConfigForThresholds(ctx.env.REDLINE_TEXT_THRESHOLDS),
      falsification: { ...DEFAULT_ENGINE_CONFIG.falsification, combinerActs: combinerActsFrom(ctx.env.REDLINE_ENGINE_COMBINER_ACTS) },
    },
    ...(o.policy === undefined ? {} : { policy: fixedPolicy(loadPolicyFile(o.policy)) }),
    ...(o.shadowPolicy === undefined ? {} : { shadowPolicy: fixedPolicy(loadPolicyFile(o.shadowPolicy)) }),
  };
}

export async function run(parsed: ReplayOptions, ctx: CommandContext): Promise<number> {
  if (parsed.shadowPolicy !== undefined && parsed.policy === undefined) {
    ctx.stderr.write("redline replay: --shadow-policy needs --policy (the live policy to compare with)\n");
    return EXIT_CODES.usage;
  }
  let spec: PipelineSpec;
  try {
    spec = pipelineSpec(parsed, ctx);
  } catch (err) {
    ctx.stderr.write(`redline replay: ${(err as Error).message}\n`);
    return EXIT_CODES.usage;
  }
  const inputPath = parsed.input === "-" ? undefined : parsed.input;
  const input: NodeJS.ReadableStream = inputPath === undefined ? ctx.stdin : createReadStream(inputPath);
  const bar = createProgress({ stream: ctx.stderr, unit: "bytes", total: inputPath === undefined ? undefined : fileSize(inputPath) });
  let bytesRead = 0;
  const failedOpen = new Promise<Error>((resolve) => input.once("error", resolve));
  const tables = new InProcessTables(parsed);
  const pipeline = new SettledPipeline(spec, tables);
  const engine = pipeline.engine;
  let crewAlerts = 0;
  const invalid = new Map<string, number>();
  let lines = 0;
  let outputs = 0;
  let pending: string[] = [];

  /** A step's outputs (with what the tables let through after it), then (--crews) the crew alerts. */
  const emit = (stepOutputs: readonly PipelineOutput[]): void => {
    const crewLines = pipeline.takeCrews().map((out) => outputToJsonLine({ alert: crewAlert(out) }) + "\n");
    crewAlerts += crewLines.length;
    const lines = stepOutputs.map((out) => outputToJsonLine(out) + "\n").concat(crewLines);
    for (const line of lines) pending.push(line);
    outputs += lines.length;
  };
  const write = async (force: boolean): Promise<void> => {
    if (pending.length === 0 || (!force && pending.length < 256)) return;
    const chunk = pending.join("");
    pending = [];
    if (!ctx.stdout.write(chunk)) await once(ctx.stdout, "drain");
  };
  const summary = (): string => {
    const c = engine.counters();
    const bad = [...invalid.values()].reduce((a, b) => a + b, 0);
    return `${lines} lines, ${outputs} outputs, ${bad} invalid, ${c.lateEvents} late, ${c.roomsTracked} rooms`;
  };

  const reader = createInterface({ input, crlfDelay: Infinity });
  try {
    const consume = (async () => {
      for await (const line of reader) {
        lines++;
        bytesRead += Buffer.byteLength(line) + 1;
        if (line.trim() !== "") {
          const r = parseReplayLine(line);
          if ("invalid" in r) invalid.set(r.invalid, (invalid.get(r.invalid) ?? 0) + 1);
          else {
            emit(pipeline.push(r.event));
          }
        }
        await write(false);
        if ((lines & 1023) === 0) bar.update(bytesRead, `${lines} lines, ${outputs} outputs`);
        if (parsed.progressEvery !== undefined && lines % parsed.progressEvery === 0) ctx.stderr.write(`replay: ${summary()}\n`);
      }
    })();
    const failure = await Promise.race([consume.then(() => null), failedOpen]);
    if (failure !== null) {
      ctx.stderr.write(`redline replay: cannot read ${inputPath ?? "stdin"}: ${failure.message}\n`);
      return EXIT_CODES.failed;
    }
  } finally {
    reader.close();
    bar.stop(bytesRead, `${lines} lines, ${outputs} outputs`);
  }
  emit(pipeline.end());
  await write(true);
  ctx.stderr.write(`replay: ${summary()}\n`);
  if (tables.baselines !== undefined) ctx.stderr.write(`replay: baselines: ${tables.baselines.partials} peer-baseline partials\n`);
  const crews = tables.accountRisk;
  if (crews !== undefined) {
    const st = crews.detector.stateSize();
    ctx.stderr.write(`replay: crews: ${crews.records} activity records, ${crewAlerts} crew alerts, ${crews.versions} account-risk versions, ${st.accounts} accounts held, ${st.bytesPerAccount} bytes per account (largest ${st.maxAccountBytes})\n`);
  }
  for (const [reason, n] of [...invalid].sort()) ctx.stderr.write(`replay: skipped ${n} invalid line(s): ${reason}\n`);
  const c = policyCounters(pipeline.pipeline);
  if (c !== undefined) {
    for (const [which, k] of [["policy", c.live], ["shadow policy", c.shadow]] as const) {
      if (k !== undefined) ctx.stderr.write(`replay: ${which}: ${k.actionsIssued} actions on ${k.alertsSeen} alerts (${k.skippedCooldown} in cooldown, ${k.skippedNoRule} without a rule), ${k.keyRoomsQualified} key rooms\n`);
    }
  }
  return 0;
}
