/**
 * npm run soak [-- --minutes N --rate N --seed N --no-write]: steady simulated
 * load through the four services on the suite's own stack, memory of each
 * process, the engine's state bytes and group lag sampled every 10 s, slopes
 * reported, the services run with `--trace-gc` so the heap left after each
 * full collection is reported beside RSS, and the suite's accounting at the
 * end; written into docs/reliability.md.
 */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { createJsonLogger } from "@redline/common";
import { REPO_ROOT } from "./engine-process";
import { hoursFor, prepareLoadFile } from "./suite/load";
import { renderScenarioRows } from "./suite/report";
import { runScenario } from "./suite/run-scenario";
import { soak, type SoakSummary } from "./suite/soak";
import { SuiteStack } from "./suite/stack";
import { SERVICES } from "./suite/supervisor";

function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const v = Number(process.argv[i + 1]);
  if (!Number.isFinite(v) || v <= 0) throw new Error(`--${name} must be a positive number, got '${process.argv[i + 1]}'`);
  return v;
}

const START = "<!-- soak:start (written by npm run soak) -->";
const END = "<!-- soak:end -->";

function render(summary: SoakSummary, table: string, o: { started: Date; minutes: number; rate: number; samplesFile: string; shared: boolean }): string {
  const heap = summary.liveHeap;
  const heapCells = (s: (typeof SERVICES)[number]): string => (heap ? ` ${heap[s].lastMb.toFixed(0)} | ${heap[s].slopeMbPerMin.toFixed(2)} |` : " — | — |");
  const rows = SERVICES.map((s) => `| ${s} | ${summary.rssLastMb[s].toFixed(0)} | ${summary.rssSlopeMbPerMin[s].toFixed(2)} |${heapCells(s)}`);
  return [
    `Run of ${o.started.toISOString().slice(0, 16).replace("T", " ")} UTC: \`npm run soak -- --minutes ${o.minutes} --rate ${o.rate}${o.shared ? " --shared-stack" : ""}\`, ${summary.samples} samples 10 s apart (${o.samplesFile.replace(`${REPO_ROOT}/`, "")}); slopes by least squares over the second half, after warm-up.`,
    "",
    "| process | RSS at the end (MB) | RSS slope (MB/min) | live heap after the last full GC (MB) | live heap slope (MB/min) |",
    "| --- | ---: | ---: | ---: | ---: |",
    ...rows,
    "",
    `Engine state: ${summary.stateLastMb.toFixed(1)} MB at the end, slope ${summary.stateSlopeMbPerMin.toFixed(2)} MB/min. Engine group lag: ${summary.lagLast} records at the end, slope ${summary.lagSlopePerMin.toFixed(1)} records/min.`,
    "",
    table,
  ].join("\n");
}

async function main(): Promise<number> {
  const minutes = flag("minutes", 30);
  const rate = flag("rate", 2000);
  const logDir = join(REPO_ROOT, ".local", "faults");
  mkdirSync(logDir, { recursive: true });
  // --shared-stack: the local stack every test uses (nothing is stopped in a soak), so a soak can run beside `npm run faults`.
  const shared = process.argv.includes("--shared-stack");
  const stack = shared ? undefined : new SuiteStack();
  const targets = stack
    ? { kafkaBrokers: stack.kafkaBrokers, clickhouseUrl: stack.clickhouseUrl, clickhouseServiceUrl: stack.clickhouseServiceUrl }
    : { kafkaBrokers: process.env.REDLINE_KAFKA_BROKERS ?? "127.0.0.1:9092", clickhouseUrl: process.env.REDLINE_CLICKHOUSE_URL ?? "http://127.0.0.1:8123" };
  const started = new Date();
  const samplesFile = join(logDir, `soak-${started.getTime().toString(36)}.jsonl`);
  let summary: SoakSummary | undefined;
  try {
    await stack?.up();
    const result = await runScenario(soak(minutes * 60, samplesFile, (s) => (summary = s)), {
      targets,
      ...(stack ? { stack } : {}),
      rate,
      loadSeconds: minutes * 60 + 20,
      faultAtS: 10,
      loadFile: await prepareLoadFile(flag("seed", 17), hoursFor(rate, minutes * 60 + 30), logDir),
      drainTimeoutMs: 900_000,
      // The heap left after each full collection tells a leak from V8 sizing its heap; RSS alone cannot.
      // On node's command line: NODE_OPTIONS refuses V8's --trace-gc (the services exited 9 at start-up).
      nodeArgs: ["--trace-gc"],
      logDir,
      logger: createJsonLogger({ namespace: "soak", level: "info" }),
    });
    const table = renderScenarioRows([result]);
    process.stdout.write(`${result.notes.join("\n")}\n${table}\n`);
    if (summary !== undefined && !process.argv.includes("--no-write")) {
      const path = join(REPO_ROOT, "docs", "reliability.md");
      const text = readFileSync(path, "utf8");
      const block = `${START}\n${render(summary, table, { started, minutes, rate, samplesFile, shared })}\n${END}`;
      const i = text.indexOf(START);
      const j = text.indexOf(END);
      writeFileSync(path, i >= 0 && j > i ? text.slice(0, i) + block + text.slice(j + END.length) : `${text.trimEnd()}\n\n## Soak\n\n${block}\n`);
    }
    return result.failed.length === 0 ? 0 : 1;
  } finally {
    // Only the servers this soak started (found running: someone else's).
    await stack?.stopProxies();
    await stack?.stopStarted();
  }
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`soak: ${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  },
);
