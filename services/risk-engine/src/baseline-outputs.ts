/**
 * One input partition's share of the baselines table (issue 12): the peer
 * sketches its engine makes as event-time minutes close (`BaselinePartial`,
 * libs/engine), each as a table value of `risk.baselines` keyed
 * `<group>/<signal>@<minute>/<partition>`, and a progress mark on every
 * partition of that topic each time the partition's sealed watermark enters a
 * new minute. Every engine partition reads the merged table behind its hold
 * (libs/pipeline), so a partition that says nothing holds every other one
 * back: the marks are how it says how far it got, as the account-activity
 * marks are for the crew detector, and for a quiet partition too
 * (`whenQuiet`). No Kafka here: the outputs go through the task's publisher.
 */
import type { BaselinePartial, RiskPipeline } from "@redline/engine";
import type { ProducerMark } from "@redline/minute-table";
import { MinuteMarks } from "./minute-marks";

/** A partial with the producer progress its headers carry. */
export interface BaselinePartialOutput {
  baselinePartial: BaselinePartial;
  progress: ProducerMark;
}

/** A progress mark for one partition of the baselines topic; `key` lands it there. */
export interface BaselineMarkOutput {
  baselineMark: ProducerMark;
  key: string;
}

export type BaselineOutput = BaselinePartialOutput | BaselineMarkOutput;

export function isBaselinePartial(output: object): output is BaselinePartialOutput {
  return "baselinePartial" in output;
}

export function isBaselineMark(output: object): output is BaselineMarkOutput {
  return "baselineMark" in output;
}

export class BaselineOutputs {
  private readonly marker: MinuteMarks;

  /** @param markKeys one key per partition of the baselines topic, each landing on its partition (`markKeysFor`) */
  constructor(partition: number, partitions: number, markKeys: readonly string[]) {
    this.marker = new MinuteMarks(partition, partitions, markKeys);
  }

  /** After every step: the partials of minutes the engine closed, and marks once another minute is complete. */
  afterStep(pipeline: RiskPipeline): BaselineOutput[] {
    const sealedMs = pipeline.engine.sealBaselines();
    const out: BaselineOutput[] = this.partials(pipeline);
    if (this.marker.completesMinute(sealedMs)) out.push(...this.marks(sealedMs));
    return out;
  }

  /**
   * For a partition whose input is read to its end and quiet: closes the
   * minutes through `throughMs` on the rooms as they stand and marks through
   * it, so the other partitions' holds move. Marked whenever the promise
   * moved, not only by whole minutes.
   */
  whenQuiet(pipeline: RiskPipeline, throughMs: number): BaselineOutput[] {
    if (!this.marker.movedPast(Math.max(pipeline.engine.appliedThroughMs, throughMs))) return [];
    const sealedMs = pipeline.engine.sealBaselines(throughMs);
    return [...this.partials(pipeline), ...this.marks(sealedMs)];
  }

  /**
   * A partial of minute m is stamped as through the end of m - 1, which
   * every earlier partial already is: a reader that has met one partial of m
   * must not take m as complete before the marks that follow them all.
   */
  private partials(pipeline: RiskPipeline): BaselinePartialOutput[] {
    return pipeline.engine.takeBaselinePartials().map((baselinePartial) => ({ baselinePartial, progress: this.marker.mark(baselinePartial.minuteMs - 1) }));
  }

  private marks(sealedMs: number): BaselineMarkOutput[] {
    const baselineMark = this.marker.markThrough(sealedMs);
    return this.marker.markKeys.map((key) => ({ baselineMark, key }));
  }
}
