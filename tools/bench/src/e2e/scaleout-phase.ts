import { readFileSync } from "node:fs";
import type { Admin, Kafka } from "kafkajs";
import { longestGroupStallMs, pausesAfter, sampleCommits, type CommitSample, type Handover } from "./commit-timeline";
import { measureDrain, spawnService, type DrainResult, type ServiceChild } from "./engine-process";
import { BenchPhaseError } from "./errors";
import { engineEnvFor } from "./throughput-phase";

export interface ScaleOutSpec {
  root: string;
  kafka: Kafka;
  admin: Admin;
  prefix: string;
  inputTopic: string;
  partitions: number;
  records: number;
  policyFile: string;
  timeoutMs: number;
  /** Engine variables for every process of the phase (the settings under test). */
  env?: Record<string, string>;
  say: (line: string) => void;
}

/** One membership change seen from the group's committed offsets and the members' logs. */
export interface MembershipEvent {
  /** Share of the topic committed when it happened. */
  atCommittedShare: number;
  /** Longest time after it in which no partition made progress (the whole group stood still). */
  groupStallMs: number;
  /** Partitions that changed owner, with how long each made no progress. */
  handovers: Handover[];
  /** State restores the new owner logged for them ("partition state ready"), ms each. */
  restoreMs: number[];
}

export interface ScaleOutResult {
  one: DrainResult;
  two: DrainResult;
  join: MembershipEvent;
  kill: MembershipEvent & { sessionTimeoutMs: number };
}

const SESSION_TIMEOUT_MS = 30_000;
const SAMPLE_MS = 200;

/**
 * Issue 15 item 4: one engine process against two in one group on the same
 * topic (each a fresh group draining it from the start), then in a third
 * group a second process joining one that is draining, and later killed
 * (SIGKILL: no leave, so the group waits out the session timeout).
 */
export async function runScaleOut(spec: ScaleOutSpec): Promise<ScaleOutResult> {
  const envOf = async (group: string): Promise<Record<string, string>> => ({
    ...(await engineEnvFor({ ...spec, prefix: `${spec.prefix}${group}.` })),
    REDLINE_LOG_LEVEL: "info",
    REDLINE_ENGINE_SESSION_TIMEOUT_MS: String(SESSION_TIMEOUT_MS),
    ...spec.env,
  });
  const drain = async (group: string, processes: number): Promise<DrainResult> => {
    const env = await envOf(group);
    const children = Array.from({ length: processes }, (_, i) => spawnService(spec.root, "risk-engine", env, `scaleout-${group}-${i}`));
    try {
      return await measureDrain(spec.admin, env.REDLINE_ENGINE_GROUP_ID!, spec.inputTopic, spec.records, () => children.map((c) => c.pid), {
        timeoutMs: spec.timeoutMs,
        alive: () => children.every(running),
      });
    } finally {
      for (const c of children) await c.stop();
    }
  };
  spec.say("scale-out: one process");
  const one = await drain("one", 1);
  spec.say(`  ${Math.round(one.perSecond).toLocaleString("en-US")} records/s`);
  spec.say("scale-out: two processes in one group");
  const two = await drain("two", 2);
  spec.say(`  ${Math.round(two.perSecond).toLocaleString("en-US")} records/s`);
  spec.say("scale-out: a second process joins at 20 %, is killed at 45 % (10 s after the join at the earliest)");
  const { join, kill } = await joinThenKill(spec, await envOf("churn"));
  return { one, two, join, kill: { ...kill, sessionTimeoutMs: SESSION_TIMEOUT_MS } };
}

async function joinThenKill(spec: ScaleOutSpec, env: Record<string, string>): Promise<{ join: MembershipEvent; kill: MembershipEvent }> {
  const groupId = env.REDLINE_ENGINE_GROUP_ID!;
  const ends = await partitionEnds(spec.admin, spec.inputTopic, spec.partitions);
  const samples: CommitSample[] = [];
  const committed = (): number => (samples.at(-1)?.offsets ?? []).reduce((s, o) => s + Math.max(0, o), 0);
  const first = spawnService(spec.root, "risk-engine", env, "scaleout-churn-0");
  let second: ServiceChild | undefined;
  let joinAt: { ms: number; share: number } | undefined;
  let killAt: { ms: number; share: number } | undefined;
  const deadline = Date.now() + spec.timeoutMs;
  try {
    while (committed() < spec.records) {
      if (Date.now() > deadline) throw new BenchPhaseError("scale-out", `group ${groupId} did not commit ${spec.records} records in time`);
      if (!running(first)) throw new BenchPhaseError("scale-out", "the first engine process ended", { logFile: first.logFile });
      samples.push(await sampleCommits(spec.admin, groupId, spec.inputTopic, spec.partitions));
      const share = committed() / spec.records;
      if (second === undefined && share >= 0.2) {
        joinAt = { ms: Date.now(), share };
        second = spawnService(spec.root, "risk-engine", env, "scaleout-churn-1");
      } else if (second !== undefined && killAt === undefined && share >= 0.45 && Date.now() - joinAt!.ms > 10_000) {
        killAt = { ms: Date.now(), share };
        await second.kill();
      }
      await new Promise((r) => setTimeout(r, SAMPLE_MS));
    }
  } finally {
    await second?.kill();
    await first.stop();
  }
  if (joinAt === undefined || killAt === undefined || second === undefined) throw new BenchPhaseError("scale-out", "the topic drained before the second process could join and be killed; use more --records");
  const secondOwned = lastAssigned(second.logFile);
  const join: MembershipEvent = {
    atCommittedShare: joinAt.share,
    groupStallMs: longestGroupStallMs(samples.filter((s) => s.atMs < killAt!.ms), joinAt.ms),
    handovers: pausesAfter(samples.filter((s) => s.atMs < killAt!.ms), joinAt.ms, ends).filter((h) => secondOwned.includes(h.partition)),
    restoreMs: restores(second.logFile, 0),
  };
  const kill: MembershipEvent = {
    atCommittedShare: killAt.share,
    groupStallMs: longestGroupStallMs(samples, killAt.ms),
    handovers: pausesAfter(samples, killAt.ms, ends).filter((h) => secondOwned.includes(h.partition)),
    restoreMs: restores(first.logFile, killAt.ms),
  };
  return { join, kill };
}

function running(c: ServiceChild): boolean {
  return c.child.exitCode === null && c.child.signalCode === null;
}

async function partitionEnds(admin: Admin, topic: string, partitions: number): Promise<number[]> {
  const ends = Array.from({ length: partitions }, () => 0);
  for (const p of await admin.fetchTopicOffsets(topic)) ends[p.partition] = Number(p.high);
  return ends;
}

interface LogLine {
  time: string;
  msg: string;
  partitions?: number[];
  restoreMs?: number;
  restored?: boolean;
}

function logLines(file: string): LogLine[] {
  return readFileSync(file, "utf8")
    .split("\n")
    .filter((l) => l.startsWith("{"))
    .flatMap((l) => {
      try {
        return [JSON.parse(l) as LogLine];
      } catch {
        return [];
      }
    });
}

/** The partition numbers a member last said it was assigned. */
function lastAssigned(file: string): number[] {
  return logLines(file).filter((l) => l.msg === "partitions assigned").at(-1)?.partitions ?? [];
}

/** Restores from the changelog a member logged after `sinceMs`. */
function restores(file: string, sinceMs: number): number[] {
  return logLines(file)
    .filter((l) => l.msg === "partition state ready" && l.restored === true && Date.parse(l.time) >= sinceMs)
    .map((l) => l.restoreMs ?? Number.NaN);
}
