import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, mkdirSync } from "node:fs";
import { join } from "node:path";
import { RESTART_EXIT_CODE } from "@redline/common";
import { REPO_ROOT } from "../engine-process";
import { FaultSuiteError } from "./errors";

export const SERVICES = ["risk-engine", "action-dispatcher", "alert-gateway", "archiver"] as const;
export type ServiceName = (typeof SERVICES)[number];
/** A service's process: its name, or `name#2` for a second instance of it. */
export type ProcessLabel = ServiceName | `${ServiceName}#${number}`;

function serviceOf(label: ProcessLabel): ServiceName {
  return label.split("#")[0] as ServiceName;
}

interface Running {
  child: ChildProcess;
  exited: Promise<number | string>;
  /** Set before the suite signals it, so the exit is not counted as a crash. */
  expected: boolean;
}

export interface ExitRecord {
  service: ProcessLabel;
  pid: number;
  result: number | string;
  expected: boolean;
  /** Wall time of the exit. */
  atMs: number;
  /** Pid of the process the supervisor started in its place (an exit the suite did not cause). */
  restartedAs?: number;
}

/** An exit nobody asked for that is not the service asking for a restart (exit 75): a crash. */
export function isCrash(e: Pick<ExitRecord, "expected" | "result">): boolean {
  return !e.expected && e.result !== RESTART_EXIT_CODE;
}

/**
 * Runs each service as its own process (the compiled `services/<name>/dist/main.js`,
 * as it is deployed) and signals it by its PID: SIGKILL for a crash, SIGTERM
 * for an orchestrator's stop. Like a real supervisor (k8s restartPolicy: Always), it
 * starts again any process that exits without being asked to, after `restartDelayMs`;
 * such an exit is a requested restart when the code is 75 (`RESTART_EXIT_CODE`) and a
 * crash otherwise. What the suite killed, it restarts itself when the scenario says.
 */
export class ServiceSupervisor {
  readonly exits: ExitRecord[] = [];
  private readonly running = new Map<ProcessLabel, Running>();
  private readonly logFiles = new Map<ProcessLabel, string>();
  private starts = 0;
  private stopping = false;

  constructor(
    private readonly envFor: (label: ProcessLabel) => Record<string, string>,
    private readonly logDir: string,
    private readonly restartDelayMs = 1000,
    /** Options for node itself (e.g. `--trace-gc`, which NODE_OPTIONS refuses: exit 9). */
    private readonly nodeArgs: readonly string[] = [],
  ) {
    mkdirSync(logDir, { recursive: true });
  }

  start(service: ProcessLabel): number {
    if (this.running.has(service)) throw new FaultSuiteError(`${service} is already running`, { service });
    const logFile = join(this.logDir, `${service.replace("#", "_")}-${++this.starts}.log`);
    this.logFiles.set(service, logFile);
    const log = createWriteStream(logFile);
    const child = spawn(process.execPath, [...this.nodeArgs, join(REPO_ROOT, "services", serviceOf(service), "dist", "main.js")], {
      env: { ...process.env, ...this.envFor(service) },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout!.pipe(log);
    child.stderr!.pipe(log);
    const entry: Running = {
      child,
      expected: false,
      exited: new Promise((resolve) =>
        child.on("exit", (code, signal) => {
          const result = code ?? signal ?? -1;
          const record: ExitRecord = { service, pid: child.pid ?? -1, result, expected: entry.expected, atMs: Date.now() };
          this.exits.push(record);
          if (this.running.get(service) === entry) this.running.delete(service);
          if (!entry.expected) this.restartLater(service, record);
          resolve(result);
        }),
      ),
    };
    this.running.set(service, entry);
    return child.pid ?? -1;
  }

  /** kill -9 of the service's process; resolves when it is gone. */
  async kill9(service: ProcessLabel): Promise<void> {
    await this.signal(service, "SIGKILL");
  }

  /** SIGTERM and the exit code (0 for a clean stop). */
  async terminate(service: ProcessLabel): Promise<number | string> {
    return this.signal(service, "SIGTERM");
  }

  /** SIGTERM without waiting: the stop overlaps what the scenario does next. */
  terminateLater(service: ProcessLabel): Promise<number | string> {
    return this.signal(service, "SIGTERM");
  }

  /** Where the output of the service's latest process goes (stdout and stderr). */
  logFileOf(service: ProcessLabel): string | undefined {
    return this.logFiles.get(service);
  }

  pidOf(service: ProcessLabel): number | undefined {
    return this.running.get(service)?.child.pid;
  }

  isRunning(service: ProcessLabel): boolean {
    return this.running.has(service);
  }

  /** Exits nobody asked for, other than a service's request for a restart. */
  crashes(): ExitRecord[] {
    return this.exits.filter(isCrash);
  }

  /** Exits nobody asked for (crashes and requested restarts), each restarted unless the suite was stopping. */
  unrequestedExits(): ExitRecord[] {
    return this.exits.filter((e) => !e.expected);
  }

  /** SIGTERM to everything still running, and no more restarts; the exit records keep each code. */
  async stopAll(): Promise<void> {
    this.stopping = true;
    await Promise.all([...this.running.keys()].map((s) => this.terminate(s)));
  }

  private restartLater(service: ProcessLabel, exit: ExitRecord): void {
    const timer = setTimeout(() => {
      // The scenario may have started it again meanwhile (it restarts what it killed).
      if (this.stopping || this.running.has(service)) return;
      exit.restartedAs = this.start(service);
    }, this.restartDelayMs);
    timer.unref();
  }

  private async signal(service: ProcessLabel, sig: NodeJS.Signals): Promise<number | string> {
    const entry = this.running.get(service);
    if (entry === undefined) throw new FaultSuiteError(`${service} is not running`, { service, signal: sig });
    entry.expected = true;
    entry.child.kill(sig);
    return entry.exited;
  }
}
