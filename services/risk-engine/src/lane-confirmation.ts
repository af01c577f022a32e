import type { Logger } from "@redline/common";
import type { PartitionTask } from "./partition-task";

export interface LaneConfirmationOptions {
  inputTopics: readonly string[];
  /** The broker's current high-water marks, by topic then partition. */
  readHighWatermarks: (topics: readonly string[]) => Promise<Map<string, Map<number, bigint>>>;
  /** The tasks this member runs now. */
  tasks: () => Iterable<PartitionTask>;
  /** Whether `task` is still the one this member runs for its partition. */
  isCurrent: (task: PartitionTask) => boolean;
  /** Releases and applies what the task can now; called inside the task's turn. */
  apply: (task: PartitionTask) => Promise<void>;
  /** Shortest wall time between two reads of the high-water marks. */
  minIntervalMs: number;
  logger: Logger;
  now: () => number;
  /**
   * Longest a read of the high-water marks may take and still confirm anything (default 2 s, the merge's
   * in-flight margin), as for `IdleAdvance`: a read held up by a network stall may be answered before records
   * producers sent before it reach the broker's log, so its date would vouch for records not there yet (#17).
   */
  maxReadMs?: number;
}

/**
 * Answers merges that stopped at a drained topic while reading a backlog
 * (`AlignedMerge.waitingForConfirmation`): reads the broker's high-water
 * marks, dated by when they were asked for, so each such topic is either
 * confirmed complete up to that time or known behind again, and the merge
 * goes on. One read at a time, at most one per `minIntervalMs`; a read that
 * fails is logged and tried again after the interval.
 */
export class LaneConfirmation {
  private running = false;
  private timer: NodeJS.Timeout | undefined;
  private lastReadAtMs = Number.NEGATIVE_INFINITY;
  private stopped = false;

  constructor(private readonly opts: LaneConfirmationOptions) {}

  /** Asks for a confirmation soon; repeated calls before it runs are one. */
  request(): void {
    if (this.stopped || this.running || this.timer !== undefined) return;
    const waitMs = Math.max(0, this.lastReadAtMs + this.opts.minIntervalMs - this.opts.now());
    this.timer = setTimeout(() => {
      this.timer = undefined;
      void this.run();
    }, waitMs);
    this.timer.unref();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.timer);
    this.timer = undefined;
  }

  private async run(): Promise<void> {
    if (this.stopped) return;
    this.running = true;
    let again = false;
    try {
      const asOfMs = this.opts.now();
      this.lastReadAtMs = asOfMs;
      const highs = await this.opts.readHighWatermarks(this.opts.inputTopics);
      const readMs = this.opts.now() - asOfMs;
      if (readMs > (this.opts.maxReadMs ?? 2_000)) {
        this.opts.logger.info("reading the high-water marks was slow; drained topics are confirmed by the next read", { readMs });
        again = true;
      } else again = await this.confirm(highs, asOfMs);
    } catch (err) {
      this.opts.logger.warn("reading high-water marks to confirm drained topics failed; retrying", { err });
      again = true;
    } finally {
      this.running = false;
    }
    if (again) this.request();
  }

  /** Confirms or marks behind the lanes of every waiting task; true when some task still waits. */
  private async confirm(highs: Map<string, Map<number, bigint>>, asOfMs: number): Promise<boolean> {
    let again = false;
    for (const task of this.opts.tasks()) {
      if (!task.merge.waitingForConfirmation) continue;
      await task.exclusive(async () => {
        if (!this.opts.isCurrent(task) || !task.merge.waitingForConfirmation) return;
        task.merge.refreshHighWatermarks((topic) => highs.get(topic)?.get(task.partition), asOfMs);
        await this.opts.apply(task);
      });
      if (task.merge.waitingForConfirmation) again = true;
    }
    return again;
  }
}
