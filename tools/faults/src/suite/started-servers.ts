/**
 * Which of the suite's servers a run may stop when it ends: only those it
 * started (the project's rule: stop your own pids). `npm run faults` used to
 * leave its Kafka and ClickHouse running; stopping them by folder instead
 * would take down a stack another run on the same folder had started.
 */

export type StackComponent = "kafka" | "clickhouse";

/** The pid of each server `deploy/local/up.sh` says it started ("[stack] kafka: up (pid 123)"); none for one already running. */
export function pidsStartedIn(upOutput: string): Map<StackComponent, number> {
  const started = new Map<StackComponent, number>();
  for (const m of upOutput.matchAll(/^\[stack\] (kafka|clickhouse): up \(pid (\d+)/gm)) started.set(m[1] as StackComponent, Number(m[2]));
  return started;
}

/**
 * The pid of each server `up.sh` started and then gave up on ("[stack] error: kafka: not ready
 * within 120s (...); pid 123 left running for inspection"): it runs on, and is the run's to stop.
 */
export function pidsLeftRunningIn(upStderr: string): Map<StackComponent, number> {
  const left = new Map<StackComponent, number>();
  for (const m of upStderr.matchAll(/^\[stack\] error: (kafka|clickhouse): .*\bpid (\d+) left running/gm)) left.set(m[1] as StackComponent, Number(m[2]));
  return left;
}

/**
 * A component this run found stopped at its first `up` and started is its
 * own, by the pid it started last (a scenario that restarts it starts a new
 * one). A component found running belongs to someone else and is never the
 * run's to stop, even after a scenario restarted it.
 */
export class StartedServers {
  private readonly foundRunning = new Set<StackComponent>();
  private readonly lastStarted = new Map<StackComponent, number>();

  /** After `up.sh components` printed `upOutput`. */
  noteUp(components: readonly StackComponent[], upOutput: string): void {
    const pids = pidsStartedIn(upOutput);
    for (const component of components) {
      const pid = pids.get(component);
      if (pid === undefined) {
        if (!this.lastStarted.has(component)) this.foundRunning.add(component);
      } else if (!this.foundRunning.has(component)) {
        this.lastStarted.set(component, pid);
      }
    }
  }

  /** After `up.sh` failed and printed `upStderr`: a server it left running (not ready in time) is still this run's. */
  noteLeftRunning(upStderr: string): void {
    for (const [component, pid] of pidsLeftRunningIn(upStderr)) if (!this.foundRunning.has(component)) this.lastStarted.set(component, pid);
  }

  /** The servers to stop at the end, each with the pid it must still be. */
  toStop(): Array<{ component: StackComponent; pid: number }> {
    return [...this.lastStarted].map(([component, pid]) => ({ component, pid }));
  }

  /** `component` was stopped: nothing of it left to stop. */
  stopped(component: StackComponent): void {
    this.lastStarted.delete(component);
  }
}
