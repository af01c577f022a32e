/**
 * One input partition's share of `risk.account-activity` (issue 21): the
 * account-activity records its pipeline applied, each stamped with the
 * partition's progress (libs/minute-table), and a progress mark on every
 * partition of the activity topic each time the partition's sealed
 * watermark enters a new event-time minute. The crew detector releases
 * records only behind the least watermark over every (activity partition,
 * engine partition), so an engine partition that writes nothing to some
 * activity partition must say how far it got there: that is what the marks
 * are for, one per minute, and for a partition whose input is quiet too
 * (`whenQuiet`). No Kafka here: the outputs go through the task's publisher.
 */
import type { AccountActivity } from "@redline/crews";
import type { PipelineOutput, RiskPipeline } from "@redline/engine";
import type { ProducerMark } from "@redline/minute-table";
import { drainAccountActivity, sealAccountActivity } from "@redline/pipeline";
import type { BaselineOutput } from "./baseline-outputs";
import { MinuteMarks } from "./minute-marks";

/** An account-activity record with the producer progress its headers carry. */
export interface ActivityRecordOutput {
  accountActivity: AccountActivity;
  progress: ProducerMark;
}

/** A progress mark for one partition of the activity topic; `key` lands it there. */
export interface ProgressMarkOutput {
  progressMark: ProducerMark;
  key: string;
}

export type ActivityOutput = ActivityRecordOutput | ProgressMarkOutput;

/** Everything a partition task publishes: the pipeline's alerts and actions, its account activity and its baseline partials (#12). */
export type EngineOutput = PipelineOutput | ActivityOutput | BaselineOutput;

export function isActivityRecord(output: EngineOutput): output is ActivityRecordOutput {
  return "accountActivity" in output;
}

export function isProgressMark(output: EngineOutput): output is ProgressMarkOutput {
  return "progressMark" in output;
}

export class AccountActivityOutputs {
  private readonly marker: MinuteMarks;

  /**
   * @param markKeys one key per partition of the activity topic, each landing on its partition (`markKeysFor`)
   */
  constructor(partition: number, partitions: number, markKeys: readonly string[]) {
    this.marker = new MinuteMarks(partition, partitions, markKeys);
  }

  /** The records of the events the pipeline applied since the last call. Drained after every push. */
  records(pipeline: RiskPipeline): ActivityRecordOutput[] {
    // Records leave in strict (eventTimeMs, eventId) order, so the next one is at or after this one's time:
    // one millisecond less is a watermark this partition keeps on every activity partition.
    return drainAccountActivity(pipeline).map((accountActivity) => ({ accountActivity, progress: this.marker.mark(accountActivity.eventTimeMs - 1) }));
  }

  /**
   * Marks through what the engine is done with, sealed, each time that
   * completes another event-time minute: a minute-table reader (the crew
   * detector, and through its table the engine's own hold) is ready for
   * minute m once every producer is through the last millisecond of m - 1.
   */
  afterStep(pipeline: RiskPipeline): ProgressMarkOutput[] {
    if (!this.marker.completesMinute(pipeline.engine.appliedThroughMs)) return [];
    return this.marks(pipeline, Number.NEGATIVE_INFINITY);
  }

  /**
   * Marks through `throughMs` (at least the engine's watermark) for a
   * partition whose input is read to its end and quiet: its own events
   * never reach that time, and without it the crew detector would wait on
   * the quietest partition for ever. An event applied later at or below it
   * gets no record (counted by the pipeline's activity stage as late).
   * Marked whenever the promise moved, not only by whole minutes: input that
   * ended mid-minute must still release its last records to the detector.
   */
  whenQuiet(pipeline: RiskPipeline, throughMs: number): ProgressMarkOutput[] {
    // Before any event and with nothing to seal through, there is no time to promise.
    if (!this.marker.movedPast(Math.max(pipeline.engine.appliedThroughMs, throughMs))) return [];
    return this.marks(pipeline, throughMs);
  }

  private marks(pipeline: RiskPipeline, throughMs: number): ProgressMarkOutput[] {
    const progressMark = this.marker.markThrough(sealAccountActivity(pipeline, throughMs));
    return this.marker.markKeys.map((key) => ({ progressMark, key }));
  }
}
