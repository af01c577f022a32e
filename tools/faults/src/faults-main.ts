/**
 * npm run faults [-- --only a,b --rate N --load-s N --fault-at-s N --quick --seed N --no-write]:
 * the fault scenarios of issue 17 on the suite's own stack, with the four
 * services as processes under simulated load; each scenario's row goes into
 * docs/reliability.md.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { createJsonLogger } from "@redline/common";
import { REPO_ROOT } from "./engine-process";
import { renderScenarioRows, writeFaultsSection } from "./suite/report";
import { hoursFor, prepareLoadFile } from "./suite/load";
import { runScenario, type ScenarioResult } from "./suite/run-scenario";
import { allScenarios, ISSUE_DURATIONS, type FaultDurations } from "./suite/scenarios";
import { SuiteStack } from "./suite/stack";

function flag(name: string, fallback: number): number {
  const i = process.argv.indexOf(`--${name}`);
  if (i < 0) return fallback;
  const v = Number(process.argv[i + 1]);
  if (!Number.isFinite(v) || v < 0) throw new Error(`--${name} must be a number, got '${process.argv[i + 1]}'`);
  return v;
}

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  return i < 0 ? undefined : process.argv[i + 1];
}

const QUICK: FaultDurations = { clickhouseDownS: 20, controlPlaneDownS: 30, controlPlaneSlowS: 20, stallS: 10, restartAfterS: 2 };

async function main(): Promise<number> {
  const durations = process.argv.includes("--quick") ? QUICK : ISSUE_DURATIONS;
  const only = option("only")?.split(",");
  const scenarios = allScenarios(durations).filter((s) => only === undefined || only.includes(s.name));
  const stack = new SuiteStack();
  // Ctrl-C too: the servers run detached (setsid) and would outlive the suite.
  const interrupted = (): void => void stopOwn(stack).finally(() => process.exit(130));
  process.once("SIGINT", interrupted).once("SIGTERM", interrupted);
  try {
    await stack.up();
    return await runAll(stack, scenarios);
  } finally {
    await stopOwn(stack);
  }
}

/** What the run started and nothing else (found running: someone else's); the proxies are in-process. */
async function stopOwn(stack: SuiteStack): Promise<void> {
  await stack.stopProxies();
  await stack.stopStarted();
}

async function runAll(stack: SuiteStack, scenarios: ReturnType<typeof allScenarios>): Promise<number> {
  const logger = createJsonLogger({ namespace: "faults", level: "info" });
  const rate = flag("rate", 2000);
  const faultAtS = flag("fault-at-s", 20);
  // The fault starts `faultAtS` in, and the load outlasts it by 20 s.
  const loadSecondsOf = (faultSeconds: number) => flag("load-s", faultAtS + faultSeconds + 20);
  const longest = Math.max(...scenarios.map((s) => loadSecondsOf(s.faultSeconds)));
  const logDir = join(REPO_ROOT, ".local", "faults");
  mkdirSync(logDir, { recursive: true });
  const loadFile = await prepareLoadFile(flag("seed", 17), hoursFor(rate, longest), logDir);
  const results: ScenarioResult[] = [];
  const started = new Date();
  for (const scenario of scenarios) {
    const loadSeconds = loadSecondsOf(scenario.faultSeconds);
    logger.info("scenario starts", { scenario: scenario.name, rate, loadSeconds, faultAtS });
    const result = await runScenario(scenario, {
      targets: { kafkaBrokers: stack.kafkaBrokers, clickhouseUrl: stack.clickhouseUrl, clickhouseServiceUrl: stack.clickhouseServiceUrl },
      stack,
      rate,
      loadSeconds,
      faultAtS,
      loadFile,
      drainTimeoutMs: flag("drain-timeout-s", 300) * 1000,
      logDir,
      logger,
    });
    results.push(result);
    process.stdout.write(`${renderScenarioRows([result])}\n${result.failed.length === 0 ? "passed" : `FAILED: ${result.failed.join("; ")}`}\n`);
  }
  const section = renderScenarioRows(results, { started, rate, command: process.argv.slice(2).join(" ") });
  if (!process.argv.includes("--no-write")) writeFaultsSection(join(REPO_ROOT, "docs", "reliability.md"), section);
  const failed = results.filter((r) => r.failed.length > 0);
  if (failed.length > 0) process.stderr.write(`faults: ${failed.length} of ${results.length} scenarios failed: ${failed.map((r) => r.name).join(", ")}\n`);
  return failed.length === 0 ? 0 : 1;
}

main().then(
  (code) => process.exit(code),
  (err: unknown) => {
    process.stderr.write(`faults: ${(err as Error).stack ?? String(err)}\n`);
    process.exit(1);
  },
);
