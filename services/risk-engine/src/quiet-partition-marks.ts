import type { Logger } from "@redline/common";
import type { PartitionTask } from "./partition-task";

export interface QuietPartitionMarksOptions {
  /** Wall time without input after which a partition that holds nothing counts as quiet (the idle timeout). */
  quietAfterMs: number;
  /**
   * The newest engine watermark of any partition this member runs: how far
   * event time has got here. A quiet partition promises up to it.
   */
  eventClockMs: () => number;
  /**
   * Input older than wall time less this is refused at decode
   * (REDLINE_MAX_PAST_SKEW_MS), so a quiet partition can always promise up
   * to there, even on a member whose partitions all have no input.
   */
  maxPastSkewMs: number | undefined;
  inputTopics: readonly string[];
  /** The broker's current high-water marks, by topic then partition. */
  readHighWatermarks: (topics: readonly string[]) => Promise<Map<string, Map<number, bigint>>>;
  /** Whether `task` is still the one this member runs for its partition (a rebalance may have replaced it). */
  isCurrent: (task: PartitionTask) => boolean;
  logger: Logger;
  now: () => number;
}

/**
 * Keeps quiet partitions from holding the crew detector back (issue 21). The
 * detector releases account activity only behind the least watermark over
 * every engine partition, and a partition whose rooms went quiet (or that
 * never had any) moves no watermark of its own. Once the partition holds no
 * events, has had no input for the idle timeout, and the broker confirms
 * every lane read to its end, it promises no activity at or below the
 * newest watermark of this member's other partitions (a progress mark, at
 * most one per event-time minute). Not wall time: input in the past (a
 * backlog, a replay, the demo's recent past) is as valid as live input, and
 * a promise made by the clock on the wall would drop its activity. An event
 * that still comes for the partition at or below the promise, at least the
 * engine's lateness older than what the other partitions already applied,
 * gets no record (counted as late by the activity stage). `IdleAdvance`
 * applies what a quiet partition holds first.
 */
export class QuietPartitionMarks {
  constructor(private readonly opts: QuietPartitionMarksOptions) {}

  /** Checks every task once; returns the partitions that were marked through wall time. */
  async check(tasks: Iterable<PartitionTask>): Promise<number[]> {
    const quiet = (t: PartitionTask): boolean => t.quietForMs(this.opts.now()) >= this.opts.quietAfterMs && !t.holdsEvents();
    const candidates = [...tasks].filter(quiet);
    if (candidates.length === 0) return [];
    const asOfMs = this.opts.now();
    const highs = await this.opts.readHighWatermarks(this.opts.inputTopics);
    const marked: number[] = [];
    for (const task of candidates) {
      const done = await task.exclusive(async () => {
        if (!this.opts.isCurrent(task) || !quiet(task)) return false;
        if (task.merge.refreshHighWatermarks((topic) => highs.get(topic)?.get(task.partition), asOfMs).length > 0) return false;
        await task.markQuiet(this.promiseMs());
        return true;
      });
      if (done) marked.push(task.partition);
    }
    return marked;
  }

  private promiseMs(): number {
    const { maxPastSkewMs } = this.opts;
    return Math.max(this.opts.eventClockMs(), maxPastSkewMs === undefined ? Number.NEGATIVE_INFINITY : this.opts.now() - maxPastSkewMs);
  }
}
