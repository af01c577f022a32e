/**
 * The short version of `npm run faults` (issue 17, docs/reliability.md): the
 * four services as processes on the shared broker and ClickHouse (own topics,
 * groups and database), simulated load, and two faults of the suite — a
 * kill -9 of the risk engine and, in the same run, a kill -9 of the action
 * dispatcher — with the suite's whole accounting: every input applied or
 * dead-lettered, every action applied with one effect, ClickHouse holding
 * each row once under FINAL, and the alerts those of `redline replay`.
 */
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { createJsonLogger } from "@redline/common";
import { hoursFor, killScenario, prepareLoadFile, runScenario, ISSUE_DURATIONS, type Scenario, type ScenarioResult } from "@redline/faults";

const LOG_DIR = join(__dirname, "..", "..", ".local", "test-logs", "faults");
const RATE = 500;
const LOAD_S = 12;

describe("fault scenarios, short: kill -9 of the engine, then of the dispatcher, under load", () => {
  let result: ScenarioResult;

  beforeAll(async () => {
    mkdirSync(LOG_DIR, { recursive: true });
    const engine = killScenario("risk-engine", 1, ISSUE_DURATIONS);
    const dispatcher = killScenario("action-dispatcher", 1, ISSUE_DURATIONS);
    const both: Scenario = {
      name: "it-kill9-engine-then-dispatcher",
      fault: `${engine.fault}; then ${dispatcher.fault}`,
      faultSeconds: engine.faultSeconds + dispatcher.faultSeconds + 2,
      async inject(ctx) {
        const notes = await engine.inject(ctx);
        await ctx.sleep(2000);
        return [...notes, ...(await dispatcher.inject(ctx))];
      },
    };
    result = await runScenario(both, {
      targets: { kafkaBrokers: process.env.REDLINE_KAFKA_BROKERS ?? "127.0.0.1:9092", clickhouseUrl: process.env.REDLINE_CLICKHOUSE_URL ?? "http://127.0.0.1:8123" },
      rate: RATE,
      loadSeconds: LOAD_S,
      faultAtS: 4,
      // A tenth of the simulation's rooms: one simulated hour is made in seconds.
      loadFile: await prepareLoadFile(17, hoursFor(RATE, LOAD_S, 0.1), LOG_DIR, 0.1),
      drainTimeoutMs: 90_000,
      logDir: LOG_DIR,
      logger: createJsonLogger({ level: "error", namespace: "it.faults", write: () => undefined }),
      // A short run: snapshots often enough that the restarted engine resumes from one.
      extraEnv: { REDLINE_ENGINE_SNAPSHOT_INTERVAL_MS: "1000", REDLINE_ENGINE_IDLE_TIMEOUT_MS: "1000" },
    });
  }, 240_000);

  it("killed both by their PIDs and restarted them, and nothing else exited on its own", () => {
    const killed = result.exits.filter((e) => e.result === "SIGKILL").map((e) => e.service);
    expect(killed.sort()).toEqual(["action-dispatcher", "risk-engine"]);
    expect(result.account.crashes).toBe(0);
    expect(result.exits.filter((e) => e.result !== "SIGKILL").every((e) => e.result === 0)).toBe(true);
  });

  it("accounts for every input, action and archived row, and raises the alerts replay raises", () => {
    expect(result.failed).toEqual([]);
    const { inputs, actions, archive, alerts } = result.account;
    expect(inputs.records).toBeGreaterThan(1000);
    expect(inputs.applied + inputs.deadLettered).toBe(inputs.records);
    expect(actions.published).toBeGreaterThan(0);
    expect(actions.reachedPlatform).toBe(actions.published);
    expect(archive.alerts.present).toBe(alerts.raised);
    expect(alerts.raised).toBeGreaterThan(0);
  });
});
