import { spawn, type ChildProcess } from "node:child_process";
import { createWriteStream, mkdirSync } from "node:fs";
import { join, resolve } from "node:path";

const ROOT = resolve(__dirname, "..", "..");

export interface ServiceProcess {
  child: ChildProcess;
  logFile: string;
  /** Resolves with the exit code (or signal name) when the process ends. */
  exited: Promise<number | string>;
}

/**
 * Runs a compiled service (`services/<name>/dist/main.js`, built by
 * `tsc --build` before the tests) as its own process, so a test can
 * SIGTERM or `kill -9` it like an orchestrator would. Output goes to
 * `.local/test-logs/<name>-<n>.log`.
 */
export function spawnService(name: string, env: Record<string, string>, label = name): ServiceProcess {
  const dir = join(ROOT, ".local", "test-logs");
  mkdirSync(dir, { recursive: true });
  const logFile = join(dir, `${label}-${Date.now()}.log`);
  const log = createWriteStream(logFile);
  const child = spawn(process.execPath, [join(ROOT, "services", name, "dist", "main.js")], {
    env: { ...process.env, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  child.stdout!.pipe(log);
  child.stderr!.pipe(log);
  const exited = new Promise<number | string>((res) => child.on("exit", (code, signal) => res(code ?? signal ?? -1)));
  return { child, logFile, exited };
}
