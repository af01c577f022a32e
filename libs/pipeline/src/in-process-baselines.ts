/**
 * The #12 baselines table in one process, for `redline replay --baselines`
 * and the eval: each pipeline's engine is a producer (its partials at the
 * minutes they close, its promise `sealBaselines`), the table merges them,
 * and every pipeline holds on it through a `MinuteTableHold` and reads it
 * with `peerBaselineLookup`, as the risk engine does with `risk.baselines`
 * (one producer per input partition there, one per pipeline here). An engine
 * reads a group's window only from earlier minutes and only once every
 * producer is through them, so the values read are the service's; when they
 * become ready differs (there a Kafka round trip later), and only that.
 */
import type { EncodedSketch } from "@redline/baselines";
import type { PipelineOutput, RiskPipeline } from "@redline/engine";
import { MinuteVersionedTable } from "@redline/minute-table";
import type { PipelineSpec } from "./create-pipeline";
import { MinuteTableHold } from "./minute-table-hold";
import { peerBaselineLookup } from "./peer-baseline-lookup";

export class InProcessBaselines {
  /** One lane; one producer per pipeline. */
  readonly table = new MinuteVersionedTable<EncodedSketch>(1);
  readonly hold = new MinuteTableHold({ baselines: this.table });
  /** Partials written so far (withdrawals included). */
  partials = 0;
  private readonly promisedMs: number[];

  /** @param producers how many pipelines settle here (`settle` takes them in producer order) */
  constructor(readonly producers = 1) {
    this.promisedMs = new Array<number>(producers).fill(Number.NEGATIVE_INFINITY);
  }

  /** What a pipeline spec needs: hold on the table, read it (and so make partials). */
  spec(): Pick<PipelineSpec, "hold" | "peerBaselineAt"> {
    return { hold: this.hold, peerBaselineAt: peerBaselineLookup(this.table) };
  }

  /**
   * Call after each push to any of the pipelines (and after `end`): writes
   * every pipeline's new partials, marks the table through each one's
   * promise, and applies what that lets through, until nothing moves.
   * Returns what each pipeline released, by producer. `throughMs`: every
   * producer promises at least that far (`finish`).
   */
  settle(pipelines: readonly RiskPipeline[], throughMs = Number.NEGATIVE_INFINITY): PipelineOutput[][] {
    const released = pipelines.map((): PipelineOutput[] => []);
    for (let moved = true; moved; ) {
      moved = false;
      pipelines.forEach((pipeline, p) => {
        const promisedMs = pipeline.engine.sealBaselines(throughMs);
        for (const partial of pipeline.engine.takeBaselinePartials()) {
          this.table.put(partial.key, { minuteMs: partial.minuteMs, producerPartition: p, value: partial.sketch });
          this.partials++;
        }
        if (promisedMs <= this.promisedMs[p]!) return;
        this.promisedMs[p] = promisedMs;
        this.table.observe(0, { producerPartition: p, producerPartitions: this.producers, watermarkMs: promisedMs });
        moved = true;
      });
      if (!moved) break;
      pipelines.forEach((pipeline, p) => released[p]!.push(...pipeline.applyHeld()));
    }
    return released;
  }

  /**
   * End of input, after every pipeline's `end()`: a pipeline whose events
   * stopped early promises through the newest time any other is done with,
   * as the service's quiet partitions do, so none waits for ever on another's
   * last event. Returns what that released, by producer.
   */
  finish(pipelines: readonly RiskPipeline[]): PipelineOutput[][] {
    const released = pipelines.map((): PipelineOutput[] => []);
    for (let throughMs = Number.NEGATIVE_INFINITY; ; ) {
      const newest = Math.max(...pipelines.map((p) => p.engine.appliedThroughMs));
      if (newest <= throughMs) return released;
      throughMs = newest;
      this.settle(pipelines, throughMs).forEach((outs, p) => released[p]!.push(...outs));
    }
  }
}
