import type { Logger } from "@redline/common";
import type { PartitionTask } from "./partition-task";

export interface QuietPartitionMarksOptions {
  /** Wall time without input after which a partition that holds nothing counts as quiet (the idle timeout). */
  quietAfterMs: number;
  /**
   * How far behind wall time a quiet partition promises: the engine's allowed
   * lateness, so an event of live traffic that arrives a moment after the
   * promise is still after it.
   */
  sealLagMs: number;
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
 * every lane read to its end, it promises no activity at or below wall time
 * less the allowed lateness: a progress mark (at most one per event-time
 * minute). `IdleAdvance` applies what a quiet partition holds first.
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
        await task.markQuiet(asOfMs - this.opts.sealLagMs);
        return true;
      });
      if (done) marked.push(task.partition);
    }
    return marked;
  }
}
