import { readFileSync } from "node:fs";
import { loadConfig as dispatcherConfig, startDispatcher } from "@redline/action-dispatcher";
import { loadConfig as gatewayConfig, startGateway, UnconfiguredEvidenceStore } from "@redline/alert-gateway";
import { loadConfig as archiverConfig, startArchiver } from "@redline/archiver";
import { silentLogger } from "@redline/common";
import { dlqTopicFor, ensureTopics, MissingTopicsError } from "@redline/kafka";
import { inputTopics, randomId, spawnService, testKafka } from "@redline/test-helpers";

const kafka = testKafka();
const TOKEN = "inspector-token-0123456789";

/**
 * Issue 17: an engine started against input topics whose alert and action
 * topics did not exist consumed, then retried producing for ever without
 * naming the topic, and could not stop cleanly. Every service now checks
 * the topics it reads and writes before it connects, and fails naming each
 * missing one.
 */
describe("a service started without the topics it needs", () => {
  it("risk-engine: exits 1 at start-up naming its missing output topics, having consumed nothing", async () => {
    const prefix = `${randomId("it.missing")}.`;
    const inputs = inputTopics(prefix);
    await ensureTopics(kafka, [...inputs, ...inputs.map(dlqTopicFor)].map((topic) => ({ topic, numPartitions: 1 })));
    const engine = spawnService(
      "risk-engine",
      {
        ...(process.env as Record<string, string>),
        REDLINE_INPUT_TOPICS: inputs.join(","),
        REDLINE_ALERTS_TOPIC: `${prefix}alerts`,
        REDLINE_ACTIONS_TOPIC: `${prefix}actions`,
        REDLINE_ENGINE_GROUP_ID: `${prefix}engine`,
        REDLINE_METRICS_PORT: "off",
      },
      "risk-engine-missing-topics",
    );
    let timer: NodeJS.Timeout | undefined;
    const exit = await Promise.race([engine.exited, new Promise((r) => (timer = setTimeout(() => r("still running after 60 s"), 60_000)))]);
    clearTimeout(timer);
    if (exit === "still running after 60 s") engine.child.kill("SIGKILL");
    expect(exit).toBe(1);
    const log = readFileSync(engine.logFile, "utf8");
    expect(log).toContain(`missing topics: ${prefix}alerts (alerts output, REDLINE_ALERTS_TOPIC), ${prefix}actions (actions output, REDLINE_ACTIONS_TOPIC)`);
    // The check comes before the consumer: the group never committed anything.
    const admin = kafka.admin();
    await admin.connect();
    try {
      const groups = (await admin.listGroups()).groups.map((g) => g.groupId);
      expect(groups).not.toContain(`${prefix}engine`);
    } finally {
      await admin.disconnect();
    }
  });

  it("the dispatcher, archiver and gateway fail naming every topic they need that is missing", async () => {
    const prefix = `${randomId("it.missing")}.`;
    const inputs = inputTopics(prefix);
    // Only the actions topic and the inputs exist.
    await ensureTopics(kafka, [`${prefix}actions`, ...inputs].map((topic) => ({ topic, numPartitions: 1 })));
    const env = {
      ...(process.env as Record<string, string>),
      REDLINE_INPUT_TOPICS: inputs.join(","),
      REDLINE_ALERTS_TOPIC: `${prefix}alerts`,
      REDLINE_ACTIONS_TOPIC: `${prefix}actions`,
      REDLINE_FEEDBACK_TOPIC: `${prefix}feedback`,
      REDLINE_ACTION_OUTCOMES_TOPIC: `${prefix}action-outcomes`,
      REDLINE_DISPATCHER_GROUP_ID: `${prefix}dispatcher`,
      REDLINE_ARCHIVER_GROUP_ID: `${prefix}archiver`,
      REDLINE_CLICKHOUSE_DATABASE: randomId("it_missing"),
      REDLINE_ACTION_FEED_ADDRESS: "",
      REDLINE_GATEWAY_ADDRESS: "127.0.0.1:0",
      REDLINE_GATEWAY_TOKENS: `inspector-1:inspector:${TOKEN}`,
    };
    const missingOf = async (start: Promise<unknown>): Promise<readonly string[]> => {
      const err = await start.then(
        () => new Error("started"),
        (e: unknown) => e,
      );
      expect(err).toBeInstanceOf(MissingTopicsError);
      return (err as MissingTopicsError).missing.map((m) => m.topic);
    };
    expect(await missingOf(startDispatcher(dispatcherConfig(env), { logger: silentLogger }))).toEqual([
      dlqTopicFor(`${prefix}actions`),
      `${prefix}alerts`,
      `${prefix}action-outcomes`,
    ]);
    expect(await missingOf(startGateway(gatewayConfig(env), { logger: silentLogger, evidence: new UnconfiguredEvidenceStore() }))).toEqual([
      `${prefix}alerts`,
      `${prefix}feedback`,
    ]);
    expect(await missingOf(startArchiver(archiverConfig(env), { logger: silentLogger }))).toEqual([
      `${prefix}alerts`,
      `${prefix}feedback`,
      `${prefix}action-outcomes`,
      dlqTopicFor(`${prefix}alerts`),
      dlqTopicFor(`${prefix}actions`),
      dlqTopicFor(`${prefix}feedback`),
      dlqTopicFor(`${prefix}action-outcomes`),
    ]);
  });
});
