import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, mkdirSync } from "node:fs";
import { createServer, type AddressInfo } from "node:net";
import { dirname, join } from "node:path";

/** The repository root, from tools/faults/{src,dist}. */
export const REPO_ROOT = join(__dirname, "..", "..", "..");

/** A port free right now on loopback, for a child's metrics endpoint. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise((resolve) => server.close(resolve));
  return port;
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
  }

  static start(env: Record<string, string>, logFile: string): EngineProcess {
    mkdirSync(dirname(logFile), { recursive: true });
    const log = createWriteStream(logFile);
    const child = spawn(process.execPath, [join(REPO_ROOT, "services", "risk-engine", "dist", "main.js")], {
      env: { ...process.env, ...env },
      stdio: ["ignore", "pipe", "pipe"],
    });
    child.stdout!.pipe(log);
    child.stderr!.pipe(log);
    return new EngineProcess(child, logFile);
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
