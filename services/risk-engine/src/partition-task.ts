import type { RiskPipeline } from "@redline/engine";
import { AlignedMerge } from "./aligned-merge";
import { RecentTraces, type TracedOutput } from "./output-tracing";

interface EngineCounts {
  lateEvents: number;
  duplicateEvents: number;
  roomsEvicted: number;
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
  /** Engine counts already reported to metrics; a restored pipeline's history is not reported again. */
  private reported: EngineCounts;

  constructor(
    readonly partition: number,
    public pipeline: RiskPipeline,
    topics: readonly string[],
    nowMs: number,
  ) {
    this.merge = new AlignedMerge(topics);
    this.lastSnapshotAtMs = nowMs;
    this.reported = this.engineCounts();
  }

  /** What the engine counted since the last call (late, duplicate, evicted), for metrics. */
  countsSinceLastReport(): EngineCounts {
    const now = this.engineCounts();
    const fresh = {
      lateEvents: now.lateEvents - this.reported.lateEvents,
      duplicateEvents: now.duplicateEvents - this.reported.duplicateEvents,
      roomsEvicted: now.roomsEvicted - this.reported.roomsEvicted,
    };
    this.reported = now;
    return fresh;
  }

  private engineCounts(): EngineCounts {
    const { lateEvents, duplicateEvents, roomsEvicted } = this.pipeline.engine.counters();
    return { lateEvents, duplicateEvents, roomsEvicted };
  }

  /** Offsets a snapshot taken now covers: per topic, the first event the pipeline has not seen. */
  snapshotOffsets(): Record<string, string> {
    return Object.fromEntries([...this.merge.firstUnreleased()].map(([t, o]) => [t, o.toString()]));
  }
}
