import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, mkdirSync, readFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { dlqTopicFor, ensureTopics } from "@redline/kafka";
import type { Kafka } from "kafkajs";
import { inputTopics } from "./live-events";

const ROOT = resolve(__dirname, "..", "..");

export interface ServiceProcess {
  child: ChildProcess;
  logFile: string;
  /** Resolves with the exit code (or signal name) when the process ends. */
  exited: Promise<number | string>;
}

/**
 * Runs a compiled service (`services/<name>/dist/main.js`, built by
 * `tsc --build` before the tests) as its own process, so a test can
 * SIGTERM or `kill -9` it like an orchestrator would. Output goes to
 * `.local/test-logs/<name>-<n>.log`.
 */
export function spawnService(name: string, env: Record<string, string>, label = name): ServiceProcess {
  const dir = join(ROOT, ".local", "test-logs");
  mkdirSync(dir, { recursive: true });
  const logFile = join(dir, `${label}-${Date.now()}.log`);
  const log = createWriteStream(logFile);
  const child = spawn(process.execPath, [join(ROOT, "services", name, "dist", "main.js")], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  const exited = new Promise<number | string>((res) => child.on("exit", (code, signal) => res(code ?? signal ?? -1)));
  return { child, logFile, exited };
}

/** Alive and not a zombie: a stopped server's parent (init, or whatever adopted it) may not have reaped it yet. */
export function processAlive(pid: number): boolean {
  try {
    return readFileSync(`/proc/${pid}/cmdline`, "utf8").length > 0;
  } catch {
    return false;
  }
}

export interface PipelineEnvOptions {
  /** Topic and group name prefix of the test. */
  prefix: string;
  inputs: readonly string[];
  policyFile: string;
  controlPlanePort: number;
  /** `user:role:token` entries for the gateway. */
  gatewayTokens: string;
  clickhouseDatabase: string;
}

/** The output topics `pipelineEnv` names for `prefix`; a test creates them (and their dead-letter topics). */
export function pipelineOutputs(prefix: string): string[] {
  return ["alerts", "actions", "feedback", "action-outcomes"].map((t) => prefix + t);
}

/**
 * Creates the whole pipeline's topics under a test's prefix: the inputs and outputs with `partitions`
 * each, and a DLQ (1 partition) for every one of them. Returns the topic names.
 */
export async function ensurePipelineTopics(kafka: Kafka, prefix: string, partitions = 2): Promise<{ inputs: string[]; outputs: string[] }> {
  const inputs = inputTopics(prefix);
  const outputs = pipelineOutputs(prefix);
  await ensureTopics(kafka, [
    ...[...inputs, ...outputs].map((topic) => ({ topic, numPartitions: partitions })),
    ...[...inputs, ...outputs].map((topic) => ({ topic: dlqTopicFor(topic), numPartitions: 1 })),
  ]);
  return { inputs, outputs };
}

/**
 * The environment that runs all four services as one pipeline on a test's
 * own topics, groups and database; a test adds or overrides what it tunes.
 */
export function pipelineEnv(o: PipelineEnvOptions): NodeJS.ProcessEnv {
  return {
    ...process.env,
    REDLINE_INPUT_TOPICS: o.inputs.join(","),
    REDLINE_ALERTS_TOPIC: `${o.prefix}alerts`,
    REDLINE_ACTIONS_TOPIC: `${o.prefix}actions`,
    REDLINE_FEEDBACK_TOPIC: `${o.prefix}feedback`,
    REDLINE_ACTION_OUTCOMES_TOPIC: `${o.prefix}action-outcomes`,
    REDLINE_ENGINE_GROUP_ID: `${o.prefix}engine`,
    REDLINE_DISPATCHER_GROUP_ID: `${o.prefix}dispatcher`,
    REDLINE_ARCHIVER_GROUP_ID: `${o.prefix}archiver`,
    REDLINE_POLICY_FILE: o.policyFile,
    REDLINE_CONTROL_PLANE_ADDRESS: `127.0.0.1:${o.controlPlanePort}`,
    REDLINE_ACTION_FEED_ADDRESS: "",
    REDLINE_GATEWAY_ADDRESS: "127.0.0.1:0",
    REDLINE_GATEWAY_TOKENS: o.gatewayTokens,
    REDLINE_CLICKHOUSE_DATABASE: o.clickhouseDatabase,
  };
}
