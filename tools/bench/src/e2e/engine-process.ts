import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, mkdirSync } from "node:fs";
import { join } from "node:path";
import type { Admin } from "kafkajs";
import { BenchPhaseError } from "./errors";
import { sampleMachine, sampleProcess, type MachineSample } from "./proc-stat";

export interface ServiceChild {
  child: ChildProcess;
  pid: number;
  logFile: string;
  exited: Promise<number | string>;
  /** SIGTERM, then SIGKILL after `graceMs`; resolves when the process has ended. */
  stop(graceMs?: number): Promise<void>;
  kill(): Promise<void>;
}

/** Runs a compiled service (services/<name>/dist/main.js) as its own process, as deployed. */
export function spawnService(root: string, service: string, env: Record<string, string>, label: string, nodeArgs: readonly string[] = []): ServiceChild {
  const dir = join(root, ".local", "bench-e2e");
  mkdirSync(dir, { recursive: true });
  const logFile = join(dir, `${label}-${Date.now()}.log`);
  const log = createWriteStream(logFile);
  const child = spawn(process.execPath, [...nodeArgs, join(root, "services", service, "dist", "main.js")], {
    env: { ...process.env, ...env },
    cwd: root,
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  const exited = new Promise<number | string>((res) => child.on("exit", (code, signal) => res(code ?? signal ?? -1)));
  if (child.pid === undefined) throw new BenchPhaseError(label, `${service} did not start`, { logFile });
  const pid = child.pid;
  return {
    child,
    pid,
    logFile,
    exited,
    async stop(graceMs = 60_000) {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGTERM");
      const timer = setTimeout(() => child.kill("SIGKILL"), graceMs);
      await exited;
      clearTimeout(timer);
    },
    async kill() {
      if (child.exitCode !== null || child.signalCode !== null) return;
      child.kill("SIGKILL");
      await exited;
    },
  };
}

/** Sum of a group's committed offsets over the partitions of a topic, or of several comma-separated (a partition never committed counts 0). */
export async function committedTotal(admin: Admin, groupId: string, topic: string): Promise<number> {
  let total = 0;
  for (const t of await admin.fetchOffsets({ groupId, topics: topic.split(",") })) for (const p of t.partitions) total += Math.max(0, Number(p.offset));
  return total;
}

export interface DrainResult {
  records: number;
  elapsedMs: number;
  perSecond: number;
  /** CPU seconds of the measured processes over the same window. */
  cpuSeconds: number;
  peakRssBytes: number;
  /** Share of the whole machine's CPU (every core, every process) busy over the same window. */
  machineBusyShare: number;
}

/**
 * Watches a group commit its way through `total` records. The clock starts at
 * the first commit seen (start-up, the join and the first chunk are left out,
 * as the ceilings leave out their join) and stops when every record is committed.
 */
export async function measureDrain(
  admin: Admin,
  groupId: string,
  topic: string,
  total: number,
  pids: () => readonly number[],
  opts: {
    pollMs?: number;
    timeoutMs: number;
    alive?: () => boolean;
    /**
     * Several topics of one partition number (merged in event time) never commit to their ends:
     * the merge holds each topic's last records until the others catch up, and releases them
     * inside other topics' batches, which commit only their own offsets. With this set, a drain
     * whose commits stood still this long past half of `total` ends at its last commit, counted
     * as all `total` records.
     */
    settleMs?: number;
  },
): Promise<DrainResult> {
  const pollMs = opts.pollMs ?? 250;
  const deadline = Date.now() + opts.timeoutMs;
  let start: { atMs: number; committed: number; cpu: number; machine: MachineSample } | undefined;
  let lastChange: { atMs: number; committed: number; cpu: number; machine: MachineSample } | undefined;
  let peakRssBytes = 0;
  const cpuOf = (): number => pids().reduce((s, pid) => s + sampleProcess(pid).cpuSeconds, 0);
  for (;;) {
    if (Date.now() > deadline) throw new BenchPhaseError("drain", `group ${groupId} did not commit ${total} records in time`, { topic, total });
    if (opts.alive !== undefined && !opts.alive()) throw new BenchPhaseError("drain", `a process of group ${groupId} ended during the run`, { topic });
    const committed = await committedTotal(admin, groupId, topic);
    const now = Date.now();
    for (const pid of pids()) peakRssBytes = Math.max(peakRssBytes, sampleProcess(pid).rssBytes);
    if (start === undefined && committed > 0) start = { atMs: now, committed, cpu: cpuOf(), machine: sampleMachine() };
    if (start !== undefined && (lastChange === undefined || committed !== lastChange.committed)) lastChange = { atMs: now, committed, cpu: cpuOf(), machine: sampleMachine() };
    const settled = opts.settleMs !== undefined && lastChange !== undefined && committed * 2 >= total && now - lastChange.atMs >= opts.settleMs;
    if (start !== undefined && lastChange !== undefined && (committed >= total || settled)) {
      const end = lastChange;
      const elapsedMs = end.atMs - start.atMs;
      const records = Math.max(end.committed, total) - start.committed;
      const machineBusyShare = (end.machine.busyTicks - start.machine.busyTicks) / Math.max(1, end.machine.totalTicks - start.machine.totalTicks);
      return { records, elapsedMs, perSecond: (records / elapsedMs) * 1000, cpuSeconds: end.cpu - start.cpu, peakRssBytes, machineBusyShare };
    }
    await new Promise((r) => setTimeout(r, pollMs));
  }
}
