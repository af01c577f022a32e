import { execFileSync, spawnSync } from "node:child_process";
import { existsSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { BenchPhaseError } from "./errors";

export interface CeilingResult {
  name: string;
  records: number;
  /** From the first fetch (group joined) to the last record; start-up and the join are left out. */
  elapsedMs: number;
  perSecond: number;
  /** CPU seconds of the consuming process over the whole run, start-up included; NaN when unknown. */
  cpuSeconds: number;
}

/**
 * The jars of Kafka's own tools at the broker's version, copied by Maven into
 * .cache/kafka/<version>/tools-libs once (tools/bench/kafka-tools/pom.xml);
 * the broker's jars under .cache/kafka/<version>/libs do not include them.
 */
export function kafkaToolsClasspath(root: string, kafkaVersion: string): string {
  const dir = join(root, ".cache", "kafka", kafkaVersion, "tools-libs");
  if (!existsSync(dir) || !readdirSync(dir).some((f) => f.startsWith("kafka-tools-"))) {
    execFileSync(
      "mvn",
      ["-q", "-B", "-f", join(root, "tools/bench/kafka-tools/pom.xml"), `-Dkafka.version=${kafkaVersion}`, "dependency:copy-dependencies", `-DoutputDirectory=${dir}`],
      { stdio: "inherit" },
    );
  }
  return `${dir}/*`;
}

/**
 * Kafka's `kafka-consumer-perf-test` (org.apache.kafka.tools.ConsumerPerformance in Kafka 4)
 * reading `records` from the start of `topic` with a fresh group. Its fetch.nMsg.sec
 * excludes the group join, like the kafkajs ceiling.
 */
export function runConsumerPerformance(opts: { root: string; kafkaVersion: string; brokers: string; topic: string; records: number }): CeilingResult {
  const classpath = kafkaToolsClasspath(opts.root, opts.kafkaVersion);
  const args = [
    "-Xmx512m",
    "-cp",
    classpath,
    `-Dlog4j2.configurationFile=${join(opts.root, "deploy/local/kafka/log4j2-tools.xml")}`,
    "org.apache.kafka.tools.ConsumerPerformance",
    "--bootstrap-server",
    opts.brokers,
    "--topic",
    opts.topic,
    "--messages",
    String(opts.records),
    "--group",
    `bench-cperf-${Date.now()}`,
    "--timeout",
    "30000",
  ];
  const started = process.hrtime.bigint();
  // spawnSync reports the child's own CPU time only through /usr/bin/time; use the shell's `times` instead.
  const run = spawnSync("bash", ["-c", 'java "$@"; code=$?; times >&2; exit $code', "java", ...args], { encoding: "utf8", maxBuffer: 16 << 20 });
  const wallMs = Number(process.hrtime.bigint() - started) / 1e6;
  if (run.status !== 0) throw new BenchPhaseError("ConsumerPerformance", `java exited ${run.status}`, { stderr: run.stderr.slice(-2000) });
  const parsed = parseConsumerPerformance(run.stdout);
  return {
    name: "Kafka ConsumerPerformance (Java)",
    records: parsed.records,
    elapsedMs: parsed.fetchMs > 0 ? parsed.fetchMs : wallMs,
    perSecond: parsed.fetchRecordsPerSecond,
    cpuSeconds: childCpuFromTimes(run.stderr),
  };
}

/** The CSV line ConsumerPerformance prints under its header. */
export function parseConsumerPerformance(stdout: string): { records: number; fetchMs: number; fetchRecordsPerSecond: number } {
  const lines = stdout.split("\n").map((l) => l.trim());
  const headerAt = lines.findIndex((l) => l.startsWith("start.time"));
  if (headerAt < 0 || lines[headerAt + 1] === undefined) throw new BenchPhaseError("ConsumerPerformance", "no result line in its output", { stdout: stdout.slice(-1000) });
  const header = lines[headerAt]!.split(",").map((h) => h.trim());
  const values = lines[headerAt + 1]!.split(",").map((v) => v.trim());
  const field = (name: string): number => {
    const i = header.indexOf(name);
    if (i < 0) throw new BenchPhaseError("ConsumerPerformance", `no ${name} column`, { header });
    return Number(values[i]);
  };
  return { records: field("data.consumed.in.nMsg"), fetchMs: field("fetch.time.ms"), fetchRecordsPerSecond: field("fetch.nMsg.sec") };
}

/** Sums the children's user and system times from bash's `times` (second line: "0m1.234s 0m0.567s"). */
export function childCpuFromTimes(stderr: string): number {
  const lines = stderr.trim().split("\n");
  const m = /(\d+)m([\d.]+)s\s+(\d+)m([\d.]+)s/.exec(lines[lines.length - 1] ?? "");
  if (m === null) return Number.NaN;
  return Number(m[1]) * 60 + Number(m[2]) + Number(m[3]) * 60 + Number(m[4]);
}
