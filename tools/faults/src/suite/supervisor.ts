import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, mkdirSync } from "node:fs";
import { join } from "node:path";
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
}

/**
 * Runs each service as its own process (the compiled `services/<name>/dist/main.js`,
 * as it is deployed) and signals it by its PID: SIGKILL for a crash, SIGTERM
 * for an orchestrator's stop. An exit the suite did not cause is a crash.
 */
export class ServiceSupervisor {
  readonly exits: ExitRecord[] = [];
  private readonly running = new Map<ProcessLabel, Running>();
  private starts = 0;

  constructor(
    private readonly envFor: (label: ProcessLabel) => Record<string, string>,
    private readonly logDir: string,
  ) {
    mkdirSync(logDir, { recursive: true });
  }

  start(service: ProcessLabel): number {
    if (this.running.has(service)) throw new FaultSuiteError(`${service} is already running`, { service });
    const logFile = join(this.logDir, `${service.replace("#", "_")}-${++this.starts}.log`);
    const log = createWriteStream(logFile);
    const child = spawn(process.execPath, [join(REPO_ROOT, "services", serviceOf(service), "dist", "main.js")], {
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
          this.exits.push({ service, pid: child.pid ?? -1, result, expected: entry.expected });
          if (this.running.get(service) === entry) this.running.delete(service);
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

  pidOf(service: ProcessLabel): number | undefined {
    return this.running.get(service)?.child.pid;
  }

  isRunning(service: ProcessLabel): boolean {
    return this.running.has(service);
  }

  /** Exits nobody asked for. */
  crashes(): ExitRecord[] {
    return this.exits.filter((e) => !e.expected);
  }

  /** SIGTERM to everything still running; the exit records keep each code. */
  async stopAll(): Promise<void> {
    await Promise.all([...this.running.keys()].map((s) => this.terminate(s)));
  }

  private async signal(service: ProcessLabel, sig: NodeJS.Signals): Promise<number | string> {
    const entry = this.running.get(service);
    if (entry === undefined) throw new FaultSuiteError(`${service} is not running`, { service, signal: sig });
    entry.expected = true;
    entry.child.kill(sig);
    return entry.exited;
  }
}
