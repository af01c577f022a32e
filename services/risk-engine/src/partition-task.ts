import type { RiskPipeline } from "@redline/engine";
import { AlignedMerge } from "./aligned-merge";
import { RecentTraces, type TracedOutput } from "./output-tracing";

interface EngineCounts {
  lateEvents: number;
  duplicateEvents: number;
  roomsEvicted: number;
  idleAdvances: number;
}

/** A fetched batch: its newest event time and when it arrived (wall clock). */
interface Receipt {
  maxEventTimeMs: number;
  receivedAtMs: number;
}

/**
 * One input partition number's share of the work: the merge of its topics
 * in event time, its pipeline, and outputs produced by released events but
 * not yet acknowledged by the broker.
 */
export class PartitionTask {
  readonly merge: AlignedMerge;
  pending: TracedOutput[] = [];
  /** Traces of recent input records, so outputs continue the trace of the events they cite. */
  readonly traces = new RecentTraces();
  lastSnapshotAtMs: number;
  /** Wall time the last record of any of the partition's topics arrived. */
  private lastInputAtMs: number;
  /** Batches whose newest event the engine has not applied yet, oldest first. */
  private receipts: Receipt[] = [];
  /** Engine counts already reported to metrics; a restored pipeline's history is not reported again. */
  private reported: EngineCounts;
  /** Batch handling and idle advances run one at a time (the idle timer is a second caller). */
  private turn: Promise<unknown> = Promise.resolve();

  constructor(
    readonly partition: number,
    public pipeline: RiskPipeline,
    topics: readonly string[],
    nowMs: number,
  ) {
    this.merge = new AlignedMerge(topics);
    this.lastSnapshotAtMs = nowMs;
    this.lastInputAtMs = nowMs;
    this.reported = this.engineCounts();
  }

  /** Runs `work` after every earlier call's work has settled. */
  exclusive<T>(work: () => Promise<T>): Promise<T> {
    const run = this.turn.then(work, work);
    this.turn = run.catch(() => undefined);
    return run;
  }

  /** Notes a fetched batch, for the idle timeout and the oldest-unapplied gauge. */
  received(maxEventTimeMs: number, nowMs: number): void {
    this.lastInputAtMs = nowMs;
    const last = this.receipts[this.receipts.length - 1];
    if (last !== undefined && last.maxEventTimeMs >= maxEventTimeMs) return; // covered by a later-or-equal receipt
    this.receipts.push({ maxEventTimeMs, receivedAtMs: nowMs });
  }

  /** Wall time since the last record of any of the partition's topics arrived (or since the task was made). */
  quietForMs(nowMs: number): number {
    return nowMs - this.lastInputAtMs;
  }

  /**
   * No record has arrived for `idleTimeoutMs` while the engine or the merge
   * still holds events. Not enough by itself to act on: during a backlog
   * batches can be this far apart, so the caller also asks the broker
   * whether the lanes are read to their end (`IdleAdvance`).
   */
  isIdle(nowMs: number, idleTimeoutMs: number): boolean {
    return nowMs - this.lastInputAtMs >= idleTimeoutMs && (this.unappliedReceipts() > 0 || this.pipeline.engine.bufferedEvents > 0);
  }

  /** Wall time the oldest received-but-unapplied batch has waited; 0 when nothing is held. */
  oldestUnappliedAgeMs(nowMs: number): number {
    if (this.unappliedReceipts() === 0) return 0;
    return nowMs - this.receipts[0]!.receivedAtMs;
  }

  private unappliedReceipts(): number {
    const watermark = this.pipeline.engine.watermarkMs;
    let done = 0;
    while (done < this.receipts.length && this.receipts[done]!.maxEventTimeMs <= watermark) done++;
    if (done > 0) this.receipts = this.receipts.slice(done);
    return this.receipts.length;
  }

  /** What the engine counted since the last call (late, duplicate, evicted, idle), for metrics. */
  countsSinceLastReport(): EngineCounts {
    const now = this.engineCounts();
    const fresh = {
      lateEvents: now.lateEvents - this.reported.lateEvents,
      duplicateEvents: now.duplicateEvents - this.reported.duplicateEvents,
      roomsEvicted: now.roomsEvicted - this.reported.roomsEvicted,
      idleAdvances: now.idleAdvances - this.reported.idleAdvances,
    };
    this.reported = now;
    return fresh;
  }

  private engineCounts(): EngineCounts {
    const { lateEvents, duplicateEvents, roomsEvicted, idleAdvances } = this.pipeline.engine.counters();
    return { lateEvents, duplicateEvents, roomsEvicted, idleAdvances };
  }

  /** Offsets a snapshot taken now covers: per topic, the first event the pipeline has not seen. */
  snapshotOffsets(): Record<string, string> {
    return Object.fromEntries([...this.merge.firstUnreleased()].map(([t, o]) => [t, o.toString()]));
  }
}
