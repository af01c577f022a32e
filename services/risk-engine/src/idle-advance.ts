import type { Logger } from "@redline/common";
import type { PartitionTask } from "./partition-task";

/** How many idle timeouts a lane the broker calls behind may deliver nothing before it stops being waited for. */
export const BEHIND_LANE_GIVE_UP_FACTOR = 12;

export interface IdleAdvanceOptions {
  idleTimeoutMs: number;
  inputTopics: readonly string[];
  /** The broker's current high-water marks, by topic then partition. */
  readHighWatermarks: (topics: readonly string[]) => Promise<Map<string, Map<number, bigint>>>;
  /** Applies everything the task holds; called inside the task's turn once its input is known quiet. */
  apply: (task: PartitionTask) => Promise<void>;
  /** Whether `task` is still the one this member runs for its partition (a rebalance may have replaced it). */
  isCurrent: (task: PartitionTask) => boolean;
  logger: Logger;
  now: () => number;
  /**
   * Longest a read of the high-water marks may take and still count as a confirmation (default 2 s, the
   * merge's in-flight margin). A read the network held up (a stall between the services, the producers and
   * the broker) may be answered before the records producers sent meanwhile reach the broker's log: the
   * network-stall scenario of issue 17 applied everything held on such an answer the moment a 30 s stall
   * ended, and 1,153 records that had been stuck in the producers with it arrived behind the watermark.
   */
  maxReadMs?: number;
}

/**
 * Decides when a partition's input is quiet (issue 16) and applies what it
 * holds. A partition is quiet when no record has arrived for the idle
 * timeout *and* the broker confirms every one of its lanes has been read to
 * its high-water mark. The second half is issue 17: after a restart the
 * backlog's batches for one partition can be seconds apart (snapshots
 * restored, other partitions' batches, a loaded machine), and taking such a
 * gap for quiet input marked every lane caught up and moved the watermark to
 * the newest event seen, so the lanes still behind turned late by the
 * hundred thousand. A lane the broker calls behind that delivers nothing for
 * `BEHIND_LANE_GIVE_UP_FACTOR` idle timeouts is stopped being waited for,
 * with a warning: offsets a consumer never receives (transaction markers, a
 * compacted tail) must not hold a partition for ever.
 */
export class IdleAdvance {
  private readonly giveUpAfterMs: number;

  constructor(private readonly opts: IdleAdvanceOptions) {
    this.giveUpAfterMs = opts.idleTimeoutMs * BEHIND_LANE_GIVE_UP_FACTOR;
  }

  /** Checks every task once; returns the partitions whose held events were applied. */
  async check(tasks: Iterable<PartitionTask>): Promise<number[]> {
    const candidates = [...tasks].filter((t) => t.isIdle(this.opts.now(), this.opts.idleTimeoutMs));
    if (candidates.length === 0) return [];
    const asOfMs = this.opts.now();
    const highs = await this.opts.readHighWatermarks(this.opts.inputTopics);
    const readMs = this.opts.now() - asOfMs;
    if (readMs > (this.opts.maxReadMs ?? 2_000)) {
      this.opts.logger.info("reading the high-water marks was slow; quiet partitions are confirmed on the next check", {
        readMs,
        partitions: candidates.map((t) => t.partition),
      });
      return [];
    }
    const applied: number[] = [];
    for (const task of candidates) {
      const done = await task.exclusive(async () => {
        if (!this.opts.isCurrent(task) || !task.isIdle(this.opts.now(), this.opts.idleTimeoutMs)) return false;
        const behind = task.merge.refreshHighWatermarks((topic) => highs.get(topic)?.get(task.partition), asOfMs);
        if (behind.length > 0) {
          const quietForMs = task.quietForMs(this.opts.now());
          if (quietForMs < this.giveUpAfterMs) return false;
          this.opts.logger.warn("lanes the broker calls behind delivered nothing; no longer waiting for them", {
            partition: task.partition,
            topics: behind,
            quietForMs,
          });
          task.merge.giveUpWaitingFor(behind);
        }
        await this.opts.apply(task);
        return true;
      });
      if (done) applied.push(task.partition);
    }
    return applied;
  }
}
