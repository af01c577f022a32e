import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, mkdirSync } from "node:fs";
import { createServer, type AddressInfo } from "node:net";
import { dirname, join } from "node:path";
import { createInterface } from "node:readline";

/** The repository root, from tools/faults/{src,dist}. */
export const REPO_ROOT = join(__dirname, "..", "..", "..");

/**
 * Where `freePort` looks first: below Linux's default ephemeral range (32768-60999), from which the kernel hands
 * out ports to every `listen(0)` and outgoing connection. A port picked there and handed to a child can be taken
 * by someone else's connection or listener before the child binds it; below the range only a process that
 * names that port itself can.
 */
const PICK_FROM = 20_000;
const PICK_TO = 32_767;

/** A port free right now on loopback, for a child's listener; outside the kernel's ephemeral range when one is free there. */
export async function freePort(): Promise<number> {
  for (let attempt = 0; attempt < 50; attempt++) {
    const port = PICK_FROM + Math.floor(Math.random() * (PICK_TO - PICK_FROM + 1));
    if (await canListen(port)) return port;
  }
  return listenAndClose(0);
}

async function canListen(port: number): Promise<boolean> {
  try {
    await listenAndClose(port);
    return true;
  } catch (err) {
    // Taken, or reserved for another user: try another. Anything else is not about the port.
    const code = (err as NodeJS.ErrnoException).code;
    if (code === "EADDRINUSE" || code === "EACCES") return false;
    throw err;
  }
}

/** Binds `port` on loopback (0: any), closes it, and returns the port bound. */
async function listenAndClose(port: number): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, "127.0.0.1", resolve);
  });
  const bound = (server.address() as AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  return bound;
}

/**
 * The risk engine as its own process (the compiled service, as it is
 * deployed), so a crash is an exit the run sees rather than an exception a
 * test runner might catch. Output goes to `logFile`.
 */
export class EngineProcess {
  readonly exited: Promise<number | string>;
  private exitedEarly: number | string | undefined;
  private stopping = false;
  /** The metrics port the engine says it bound (its "metrics endpoint listening" log line). */
  private boundMetricsPort: number | undefined;

  private constructor(
    readonly child: ChildProcess,
    readonly logFile: string,
  ) {
    this.exited = new Promise((resolve) =>
      child.on("exit", (code, signal) => {
        const result = code ?? signal ?? -1;
        if (!this.stopping) this.exitedEarly = result;
        resolve(result);
      }),
    );
    // The JSON logger writes to stderr; either stream is read, so a logger moved to stdout does not hide the port.
    for (const stream of [child.stdout!, child.stderr!]) {
      createInterface({ input: stream }).on("line", (line) => {
        if (this.boundMetricsPort !== undefined || !line.includes('"metrics endpoint listening"')) return;
        const port = /"port":(\d+)/.exec(line)?.[1];
        if (port !== undefined) this.boundMetricsPort = Number(port);
      });
    }
  }

  /**
   * Starts the engine with `REDLINE_METRICS_PORT=0` unless `env` names a
   * port: a port picked free beforehand (`freePort`) can be taken by another
   * process before the engine binds it, and the engine only reports a failed
   * bind, so a scrape would read someone else's counters. The likely cause of
   * a CI failure (Dec 2026): a bad-input run's scrape showed 11,478 records
   * consumed against 3,600 on its topics, while its DLQ held every dead
   * letter exactly once, which a re-read by its own engine would have doubled.
   */
  static start(env: Record<string, string>, logFile: string): EngineProcess {
    mkdirSync(dirname(logFile), { recursive: true });
    const log = createWriteStream(logFile);
    const child = spawn(process.execPath, [join(REPO_ROOT, "services", "risk-engine", "dist", "main.js")], {
      env: { ...process.env, REDLINE_METRICS_PORT: "0", ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout!.pipe(log);
    child.stderr!.pipe(log);
    return new EngineProcess(child, logFile);
  }

  /** Where the engine's /metrics answers, once it has said so; undefined before, or when the bind failed. */
  get metricsPort(): number | undefined {
    return this.boundMetricsPort;
  }

  /** The exit code or signal if the process ended without being asked to. */
  get crashed(): number | string | undefined {
    return this.exitedEarly;
  }

  /** SIGTERM, then the exit code (0 when it stopped cleanly). */
  async stop(): Promise<number | string> {
    this.stopping = this.exitedEarly === undefined;
    if (this.exitedEarly === undefined) this.child.kill("SIGTERM");
    return this.exited;
  }
}
