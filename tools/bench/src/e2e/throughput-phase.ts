import { dlqTopicFor, ensureTopics } from "@redline/kafka";
import type { Admin, Kafka } from "kafkajs";
import { measureDrain, spawnService, type DrainResult, type ServiceChild } from "./engine-process";

export interface EngineRunSpec {
  root: string;
  kafka: Kafka;
  admin: Admin;
  /** Names this run's group, outputs and changelog. */
  prefix: string;
  /** One topic, or several comma-separated (the split topics: one per kind, co-partitioned). */
  inputTopic: string;
  partitions: number;
  records: number;
  policyFile: string;
  /** Extra variables for the engine (tuning under test). */
  env?: Record<string, string>;
  nodeArgs?: readonly string[];
  timeoutMs: number;
}

/** The engine's environment for a bench run: its own group, outputs and changelog; no product table. */
export async function engineEnvFor(spec: Pick<EngineRunSpec, "kafka" | "prefix" | "inputTopic" | "partitions" | "policyFile" | "env">): Promise<Record<string, string>> {
  const alerts = `${spec.prefix}alerts`;
  const actions = `${spec.prefix}actions`;
  await ensureTopics(spec.kafka, [
    ...spec.inputTopic.split(",").map((t) => ({ topic: dlqTopicFor(t), numPartitions: 1 })),
    { topic: alerts, numPartitions: spec.partitions },
    { topic: actions, numPartitions: spec.partitions },
    { topic: dlqTopicFor(actions), numPartitions: 1 },
  ]);
  return {
    REDLINE_INPUT_TOPICS: spec.inputTopic,
    REDLINE_ALERTS_TOPIC: alerts,
    REDLINE_ACTIONS_TOPIC: actions,
    REDLINE_ENGINE_GROUP_ID: `${spec.prefix}engine`,
    REDLINE_PRODUCTS_TOPIC: "off",
    REDLINE_POLICY_FILE: spec.policyFile,
    REDLINE_METRICS_PORT: "off",
    REDLINE_LOG_LEVEL: "warn",
    ...spec.env,
  };
}

/** One risk-engine process reading the whole input topic from its start; records/s and CPU from the first commit to the last. */
export async function runEngineThroughput(spec: EngineRunSpec, label: string): Promise<DrainResult & { logFile: string }> {
  const env = await engineEnvFor(spec);
  const engine: ServiceChild = spawnService(spec.root, "risk-engine", env, label, spec.nodeArgs ?? []);
  try {
    const result = await measureDrain(spec.admin, env.REDLINE_ENGINE_GROUP_ID!, spec.inputTopic, spec.records, () => [engine.pid], {
      timeoutMs: spec.timeoutMs,
      alive: () => engine.child.exitCode === null && engine.child.signalCode === null,
      ...(spec.inputTopic.includes(",") ? { settleMs: 10_000 } : {}),
    });
    return { ...result, logFile: engine.logFile };
  } finally {
    await engine.stop();
  }
}
