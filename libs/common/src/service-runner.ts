import type { Logger } from "./logger";

export interface RunningService {
  /** Stops fetching, finishes in-flight work, commits, and releases resources. */
  stop(): Promise<void>;
}

export interface ServiceRunnerOptions {
  name: string;
  logger: Logger;
  /** Longest a clean stop may take before the process exits anyway. */
  stopTimeoutMs: number;
  /** Injected for tests; defaults to the real process. */
  proc?: Pick<NodeJS.Process, "on" | "exit">;
}

/**
 * Starts a service and stops it once on SIGTERM or SIGINT, exiting 0 after a
 * clean stop, 1 when start-up or the stop fails, and 1 when the stop outlives
 * its bound. Start-up errors (bad config) are logged with their context.
 */
export async function runService(start: () => Promise<RunningService>, opts: ServiceRunnerOptions): Promise<void> {
  const proc = opts.proc ?? process;
  let service: RunningService;
  try {
    service = await start();
  } catch (err) {
    opts.logger.error(`${opts.name} failed to start`, { err });
    proc.exit(1);
    return;
  }
  opts.logger.info(`${opts.name} started`);
  let stopping = false;
  const stop = (signal: string): void => {
    if (stopping) return;
    stopping = true;
    opts.logger.info(`${opts.name} stopping`, { signal });
    const timer = setTimeout(() => {
      opts.logger.error(`${opts.name} did not stop within ${opts.stopTimeoutMs} ms`);
      proc.exit(1);
    }, opts.stopTimeoutMs);
    service.stop().then(
      () => {
        clearTimeout(timer);
        opts.logger.info(`${opts.name} stopped`);
        proc.exit(0);
      },
      (err: unknown) => {
        clearTimeout(timer);
        opts.logger.error(`${opts.name} failed to stop cleanly`, { err });
        proc.exit(1);
      },
    );
  };
  proc.on("SIGTERM", () => stop("SIGTERM"));
  proc.on("SIGINT", () => stop("SIGINT"));
}
