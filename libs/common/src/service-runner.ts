import type { Logger } from "./logger";

export interface RunningService {
  /** Stops fetching, finishes in-flight work, commits, and releases resources. */
  stop(): Promise<void>;
}

/**
 * The exit code of a service that asks its supervisor for a restart (`fail`): EX_TEMPFAIL of sysexits.h,
 * "try again". Kept apart from 1 (a failed start or stop, an uncaught error) so a supervisor, and the
 * fault suite's accounting, can tell a requested restart from a crash (issue 17).
 */
export const RESTART_EXIT_CODE = 75;

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
 * `start` gets `fail`, for a part of the service that cannot go on: it exits
 * `RESTART_EXIT_CODE` (75).
 */
export async function runService(start: (fail: (err: Error) => void) => Promise<RunningService>, opts: ServiceRunnerOptions): Promise<void> {
  const proc = opts.proc ?? process;
  // A part that cannot go on (a consumer kafkajs will not restart) ends the process at once, exit 75, so its
  // supervisor restarts it: a clean stop would wait on the very client that failed, and nothing uncommitted
  // is lost (the next owner re-reads it; outputs carry idempotent ids).
  const fail = (err: Error): void => {
    opts.logger.error(`${opts.name} cannot go on; exiting for a restart`, { err, exitCode: RESTART_EXIT_CODE });
    proc.exit(RESTART_EXIT_CODE);
  };
  let service: RunningService;
  try {
    service = await start(fail);
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
