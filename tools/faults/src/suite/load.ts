import { execFile, spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, existsSync, renameSync, rmSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";
import { REPO_ROOT } from "../engine-process";
import { compareEventOrder, eventOrderKey, sortFileByEventTime } from "./sort-load-file";

const runFile = promisify(execFile);
const CLI = join(REPO_ROOT, "tools", "cli", "dist", "main.js");

/**
 * Simulated hours enough for `seconds` of load at `rate`: the simulation makes
 * ~150 events per simulated second at scale 1 (seed 17: 554,220 in the first
 * hour), and above that rate `produce --retime` compresses event time (as
 * `simulate --to-kafka` does).
 */
export function hoursFor(rate: number, seconds: number, scale = 1): number {
  return Math.max(1, Math.ceil((rate * seconds) / (150 * scale * 3600)));
}

/** JSON lines ordered by event time, then event id; a line without a time sorts first. */
export function sortByEventTime(lines: readonly string[]): string[] {
  const keyed = lines.filter((l) => l.trim() !== "").map((line) => ({ line, ...eventOrderKey(line) }));
  keyed.sort(compareEventOrder);
  return keyed.map((k) => k.line);
}

/**
 * The seeded simulation (`redline simulate --out`) in event-time order, made
 * once per seed and length. Sorting removes the simulator's delivery jitter,
 * whose events arrive behind the engine's 10 s lateness bound even without a
 * fault and would make the live alerts differ from a replay of the same
 * input for a reason that is not the fault; with it gone, a late event is
 * one the fault caused.
 */
export async function prepareLoadFile(seed: number, hours: number, dir: string, scale = 1): Promise<string> {
  const sorted = join(dir, `load-seed${seed}-h${hours}-x${scale}.jsonl`);
  if (existsSync(sorted)) return sorted;
  const raw = `${sorted}.raw`;
  await runFile(process.execPath, [CLI, "simulate", "--seed", String(seed), "--hours", String(hours), "--scale", String(scale), "--out", raw], { maxBuffer: 1 << 26 });
  sortFileByEventTime(raw, `${sorted}.tmp`);
  renameSync(`${sorted}.tmp`, sorted);
  rmSync(raw);
  return sorted;
}

export interface LoadOptions {
  file: string;
  /** Events per second handed to the broker. */
  rate: number;
  topicPrefix: string;
  kafkaBrokers: string;
  logFile: string;
}

/**
 * Continuous simulated traffic: `redline produce --retime --rate` as its own
 * process, moved to start now and paced so no event lies ahead of the wall
 * clock, until stopped. What it published is read back from the input
 * topics, so stopping it mid-batch loses nothing the accounting relies on.
 */
export class LoadGenerator {
  private constructor(
    private readonly child: ChildProcess,
    readonly exited: Promise<number | string>,
  ) {}

  /** From the file's line `skipLines` on (after a restart: what the topics already hold is not sent again). */
  static start(o: LoadOptions, skipLines = 0): LoadGenerator {
    const log = createWriteStream(o.logFile, { flags: "a" });
    const child = spawn(process.execPath, [CLI, "produce", "--input", "-", "--retime", "--rate", String(o.rate), "--topic-prefix", o.topicPrefix], {
      env: { ...process.env, REDLINE_KAFKA_BROKERS: o.kafkaBrokers },
      stdio: ["pipe", "pipe", "pipe"],
    });
    const lines = spawn("tail", ["-n", `+${skipLines + 1}`, o.file], { stdio: ["ignore", "pipe", "ignore"] });
    lines.stdout.pipe(child.stdin!);
    // produce stops reading when it is stopped; the rest of the file is not wanted.
    child.stdin!.on("error", () => lines.kill());
    child.stdout!.pipe(log);
    child.stderr!.pipe(log);
    const exited = new Promise<number | string>((resolve) =>
      child.on("exit", (code, signal) => {
        lines.kill();
        resolve(code ?? signal ?? -1);
      }),
    );
    return new LoadGenerator(child, exited);
  }

  get running(): boolean {
    return this.child.exitCode === null && this.child.signalCode === null;
  }

  async stop(): Promise<void> {
    if (this.running) this.child.kill("SIGTERM");
    await this.exited;
  }
}
