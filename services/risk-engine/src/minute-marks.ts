/**
 * When one engine partition marks its progress on a minute table's topic
 * (libs/minute-table): each time its sealed promise completes another
 * event-time minute (a reader is ready for minute m once every producer is
 * through the last millisecond of m - 1), and, for a partition whose input is
 * read to its end and quiet, whenever the promise moved at all. A mark goes
 * to every partition of the topic (`markKeys`). Shared by the account-activity
 * and the baseline outputs; not snapshotted: a restored task marks again,
 * which readers take as no news.
 */
import { minuteStart, type ProducerMark } from "@redline/minute-table";

export class MinuteMarks {
  /** Every minute before this one was complete when the last marks went out. */
  private completeBeforeMs = Number.NEGATIVE_INFINITY;
  /** The promise the last marks carried. */
  private markedThroughMs = Number.NEGATIVE_INFINITY;

  /** @param markKeys one key per partition of the topic, each landing on its partition (`markKeysFor`) */
  constructor(
    private readonly partition: number,
    private readonly partitions: number,
    readonly markKeys: readonly string[],
  ) {}

  /** After a step: whether a promise of `candidateMs` completes a minute the last marks did not. */
  completesMinute(candidateMs: number): boolean {
    return candidateMs >= 0 && minuteStart(candidateMs + 1) > this.completeBeforeMs;
  }

  /** For a quiet partition: whether `candidateMs` is a promise at all and further than the last marks. */
  movedPast(candidateMs: number): boolean {
    return Number.isFinite(candidateMs) && candidateMs >= 0 && candidateMs > this.markedThroughMs;
  }

  /** The mark through `sealedMs`, remembered as the last one sent (the caller sends it on every key). */
  markThrough(sealedMs: number): ProducerMark {
    this.completeBeforeMs = minuteStart(sealedMs + 1);
    this.markedThroughMs = sealedMs;
    return this.mark(sealedMs);
  }

  /** This partition's progress at `watermarkMs`, as a record's headers carry it. */
  mark(watermarkMs: number): ProducerMark {
    return { producerPartition: this.partition, producerPartitions: this.partitions, watermarkMs };
  }
}
