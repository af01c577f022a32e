import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream } from "node:fs";
import { join } from "node:path";
import { REPO_ROOT } from "../engine-process";

export interface LoadOptions {
  seed: number;
  /** Events per second handed to the broker. */
  rate: number;
  topicPrefix: string;
  kafkaBrokers: string;
  /** How long the load is meant to run; it is stopped, not run out. */
  seconds: number;
  logFile: string;
}

/**
 * Simulated hours enough for `seconds` of load at `rate`: the simulation makes
 * ~62 events per simulated second, and above that rate the pacer compresses
 * event time rather than --scale growing the hour (held in memory whole).
 */
export function hoursFor(rate: number, seconds: number): number {
  return Math.ceil((rate * seconds) / (62 * 3600)) + 1;
}

/**
 * Continuous simulated traffic: `redline simulate --to-kafka` as its own
 * process (seeded rooms with attacks, hard negatives and ordinary rooms,
 * event times paced to the wall clock) until stopped. What it published is
 * read back from the input topics, so stopping it mid-batch loses nothing the
 * accounting relies on.
 */
export class LoadGenerator {
  private constructor(
    private readonly child: ChildProcess,
    readonly exited: Promise<number | string>,
  ) {}

  static start(o: LoadOptions): LoadGenerator {
    const log = createWriteStream(o.logFile);
    const child = spawn(
      process.execPath,
      [
        join(REPO_ROOT, "tools", "cli", "dist", "main.js"),
        "simulate",
        "--seed",
        String(o.seed),
        "--to-kafka",
        "--rate",
        String(o.rate),
        "--topic-prefix",
        o.topicPrefix,
        "--hours",
        String(hoursFor(o.rate, o.seconds)),
      ],
      { env: { ...process.env, REDLINE_KAFKA_BROKERS: o.kafkaBrokers }, stdio: ["ignore", "pipe", "pipe"] },
    );
    child.stdout!.pipe(log);
    child.stderr!.pipe(log);
    const exited = new Promise<number | string>((resolve) => child.on("exit", (code, signal) => resolve(code ?? signal ?? -1)));
    return new LoadGenerator(child, exited);
  }

  async stop(): Promise<void> {
    if (this.child.exitCode === null && this.child.signalCode === null) this.child.kill("SIGTERM");
    await this.exited;
  }
}
