import type { RiskPipeline } from "@redline/engine";
import { AlignedMerge } from "./aligned-merge";
import { RecentTraces, type TracedOutput } from "./output-tracing";

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
  /** Engine late-event count already reported to metrics. */
  lateReported = 0;
  /** Engine room-eviction count already reported. */
  evictedReported = 0;
  /** Engine duplicate-event count already reported. */
  duplicatesReported = 0;
  lastSnapshotAtMs: number;

  constructor(
    readonly partition: number,
    public pipeline: RiskPipeline,
    topics: readonly string[],
    nowMs: number,
  ) {
    this.merge = new AlignedMerge(topics);
    this.lastSnapshotAtMs = nowMs;
  }

  /** Offsets a snapshot taken now covers: per topic, the first event the pipeline has not seen. */
  snapshotOffsets(): Record<string, string> {
    return Object.fromEntries([...this.merge.firstUnreleased()].map(([t, o]) => [t, o.toString()]));
  }
}
