/**
 * npm run bench:e2e [-- --quick] [--only ceilings,throughput,latency] [--records N]
 *
 * End-to-end performance on the local broker (issue 15): the ceilings of this
 * topic and broker (Kafka's own ConsumerPerformance, raw kafkajs), the risk
 * engine's throughput against them, latency under open-loop load with the
 * dispatcher and a ControlPlane in the path. Writes docs/performance.md (a
 * full run) or .local/bench-e2e/ (--quick). Not part of npm test; run full
 * runs under the shared heavy lock (scripts/bench-e2e.sh takes it).
 */
import { cpus, loadavg, totalmem, release } from "node:os";
import { mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { createJsonLogger } from "@redline/common";
import { createKafkaClient, loadKafkaConfig } from "@redline/kafka";
import { parseBenchArgs } from "./bench-settings";
import { benchTopics } from "./bench-topics";
import type { BenchResults } from "./bench-results";
import { runConsumerPerformance } from "./consumer-performance";
import { hottestFunctions, selfTimeByPackage, type CpuProfile } from "./cpu-profile-summary";
import { runLatencyPhases } from "./latency-phase";
import { runRawKafkajs } from "./raw-kafkajs";
import { renderReport } from "./report";
import { readIfExists, withResults } from "./report-file";
import { runEngineThroughput } from "./throughput-phase";
import { runScaleOut } from "./scaleout-phase";
import { splitBenchTopics } from "./split-topics";
import { runTuning } from "./tuning-phase";

const ROOT = resolve(__dirname, "..", "..", "..", "..");
const KAFKA_VERSION = process.env.REDLINE_KAFKA_VERSION ?? "4.1.2";

async function main(): Promise<void> {
  const settings = parseBenchArgs(process.argv.slice(2));
  const logger = createJsonLogger({ namespace: "redline.bench-e2e", level: "warn" });
  const kafkaConfig = loadKafkaConfig(process.env, "redline-bench-e2e");
  const kafka = createKafkaClient(kafkaConfig, logger);
  const admin = kafka.admin();
  await admin.connect();
  const stamp = new Date().toISOString().replace(/[-:]/g, "").slice(0, 15);
  const prefix = `bench-e2e-${stamp}.`;
  const policyFile = join(ROOT, "deploy/policy/default-policy.json");
  const results: BenchResults = {
    startedAt: new Date().toISOString(),
    settings: { ...settings, phases: [...settings.phases] },
    machine: machine(),
    ceilings: [],
    engine: [],
    latency: [],
    notes: [],
  };
  const say = (line: string): void => void process.stdout.write(`${new Date().toISOString().slice(11, 19)} ${line}\n`);
  try {
    let topic = "";
    let noTextTopic = "";
    if (settings.phases.has("ceilings") || settings.phases.has("throughput") || settings.phases.has("tuning") || settings.phases.has("scaleout")) {
      const topics = await benchTopics(kafka, admin, settings, ROOT, say);
      ({ topic, noTextTopic } = topics);
      results.topic = topics.stats;
      if (topics.reused) results.notes.push(`The throughput topics were filled by an earlier run (${(topics.stats.fillMs / 1000).toFixed(0)} s) and reused.`);
    }
    if (settings.phases.has("ceilings")) {
      say("ceiling: ConsumerPerformance");
      results.ceilings.push(runConsumerPerformance({ root: ROOT, kafkaVersion: KAFKA_VERSION, brokers: kafkaConfig.brokers.join(","), topic, records: settings.records }));
      say("ceiling: raw kafkajs eachBatch");
      results.ceilings.push(await runRawKafkajs(kafka, topic, settings.records));
      results.ceilings.push(await runRawKafkajs(kafka, topic, settings.records, { maxBytesPerPartition: 256 * 1024 }));
      for (const c of results.ceilings) say(`  ${c.name}: ${Math.round(c.perSecond).toLocaleString("en-US")} records/s`);
    }
    if (settings.phases.has("throughput")) {
      const timeoutMs = settings.quick ? 300_000 : 1_200_000;
      const profileDir = join(ROOT, ".local", "bench-e2e", "profiles", stamp);
      for (const [name, input, runPrefix] of [
        ["risk engine, 1 process, texts classified", topic, `${prefix}t1.`],
        ["risk engine, 1 process, no texts to classify", noTextTopic, `${prefix}t0.`],
      ] as const) {
        say(`throughput: ${name}`);
        const profiled = settings.profile && results.engine.length === 0;
        const result = await runEngineThroughput(
          {
            root: ROOT,
            kafka,
            admin,
            prefix: runPrefix,
            inputTopic: input,
            partitions: settings.partitions,
            records: settings.records,
            policyFile,
            timeoutMs,
            ...(profiled ? { nodeArgs: ["--cpu-prof", `--cpu-prof-dir=${profileDir}`] } : {}),
          },
          `throughput-${runPrefix.slice(prefix.length, -1)}`,
        );
        if (profiled) {
          results.profile = summarizeProfileDir(profileDir);
          for (const f of results.profile.functions.slice(0, 15)) say(`  ${(f.selfShare * 100).toFixed(1).padStart(5)} %  ${f.name}  ${f.where}`);
        }
        results.engine.push({ name, result });
        say(`  ${Math.round(result.perSecond).toLocaleString("en-US")} records/s, ${((result.cpuSeconds / result.records) * 1e6).toFixed(1)} CPU-s per million`);
      }
    }
    if (settings.phases.has("tuning")) {
      say(`tuning: ${settings.variants.map((v) => v.name).join(" vs ")}, ${settings.rounds} rounds`);
      const profileDir = join(ROOT, ".local", "bench-e2e", "profiles", stamp);
      const inputTopic = settings.splitTopics ? (await splitBenchTopics(kafka, admin, settings, say)).join(",") : topic;
      const spec = { root: ROOT, kafka, admin, inputTopic, partitions: settings.partitions, records: settings.records, policyFile, timeoutMs: settings.quick ? 300_000 : 1_200_000 };
      const dirFor = (v: { name: string }): string => join(profileDir, v.name);
      const tuned = await runTuning(spec, `${prefix}tune.`, settings.variants, settings.rounds, say, settings.profile ? dirFor : undefined);
      results.tuning = {
        topic: inputTopic,
        rounds: settings.rounds,
        results: tuned,
        ...(settings.profile ? { profiles: Object.fromEntries(settings.variants.map((v) => [v.name, summarizeProfileDir(dirFor(v))])) } : {}),
      };
      for (const t of tuned) say(`  ${t.variant.name}: ${Math.round(t.perSecond).toLocaleString("en-US")} records/s (x ${t.speedupByRound.map((x) => x.toFixed(2)).join(", ")}), ${t.cpuPerMillion.toFixed(1)} CPU-s per million`);
    }
    if (settings.phases.has("scaleout")) {
      const timeoutMs = settings.quick ? 300_000 : 1_200_000;
      const spec = { root: ROOT, kafka, admin, prefix: `${prefix}scale.`, inputTopic: topic, partitions: settings.partitions, records: settings.records, policyFile, timeoutMs, env: settings.engineEnv, say };
      results.scaleOut = { ...(await runScaleOut(spec)), env: settings.engineEnv };
    }
    if (settings.phases.has("latency")) {
      const max = results.engine[0]?.result.perSecond ?? Number(process.env.BENCH_E2E_MAX_RATE ?? "0");
      if (!(max > 0)) throw new RangeError("the latency phase needs the measured maximum: run it with the throughput phase or set BENCH_E2E_MAX_RATE");
      results.latency = await runLatencyPhases({ root: ROOT, kafka, admin, prefix: `${prefix}lat.`, settings, maxPerSecond: max, policyFile, say, logger });
    }
  } finally {
    const existing = new Set(await admin.listTopics());
    // This run's outputs, changelogs and latency topic (dead-letter topics included); the throughput topics are kept for reuse.
    const ours = [...existing].filter((t) => t.startsWith(prefix));
    if (ours.length > 0) await admin.deleteTopics({ topics: ours }).catch((err: unknown) => logger.warn("could not delete bench topics", { err, topics: ours }));
    await admin.disconnect();
  }
  const outFile = join(ROOT, settings.outFile);
  const plotFile = join(ROOT, settings.plotFile);
  mkdirSync(dirname(outFile), { recursive: true });
  mkdirSync(dirname(plotFile), { recursive: true });
  const { markdown, svg } = renderReport(results, { plotHref: relativeHref(outFile, plotFile) });
  writeFileSync(outFile, withResults(readIfExists(outFile), markdown));
  if (svg !== undefined) writeFileSync(plotFile, svg);
  writeFileSync(outFile.replace(/\.md$/, ".json"), JSON.stringify(results, null, 2) + "\n");
  say(`wrote ${settings.outFile}`);
}

function summarizeProfileDir(dir: string): NonNullable<BenchResults["profile"]> {
  const files = readdirSync(dir).filter((f) => f.endsWith(".cpuprofile"));
  if (files.length === 0) throw new RangeError(`no .cpuprofile written in ${dir}`);
  const file = join(dir, files.sort().at(-1)!);
  const profile = JSON.parse(readFileSync(file, "utf8")) as CpuProfile;
  return { file: file.slice(ROOT.length + 1), byPackage: selfTimeByPackage(profile).slice(0, 12), functions: hottestFunctions(profile, 25) };
}

function machine(): BenchResults["machine"] {
  const kafkajsVersion = (JSON.parse(readFileSync(require.resolve("kafkajs/package.json"), "utf8")) as { version: string }).version;
  return {
    cpus: cpus()[0]?.model ?? "unknown",
    cores: cpus().length,
    memoryGiB: Math.round(totalmem() / 2 ** 30),
    loadAverageAtStart: loadavg().map((l) => Math.round(l * 100) / 100),
    node: process.version,
    kafka: KAFKA_VERSION,
    kafkajs: kafkajsVersion,
    os: `Linux ${release()}`,
  };
}

function relativeHref(fromFile: string, toFile: string): string {
  return dirname(fromFile) === dirname(toFile) ? toFile.slice(dirname(toFile).length + 1) : toFile;
}

main().catch((err: unknown) => {
  process.stderr.write(`bench:e2e failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`);
  process.exit(1);
});
