/**
 * The minute tables `redline replay` builds in-process and holds the engine
 * on, as the risk engine holds on their topics: the account-risk table
 * (`--crews`, issue 21) and the peer baselines (`--baselines`, issue 12).
 * One hold over both, as the service has; each step settles them in turn
 * until the engine applies nothing more.
 */
import type { PipelineOutput, RiskPipeline } from "@redline/engine";
import { InProcessBaselines, MinuteTableHold, type PipelineSpec, type ReadyTable } from "@redline/pipeline";
import { ReplayCrews } from "./replay-crews";

export class ReplayTables {
  readonly crews: ReplayCrews | undefined;
  readonly baselines: InProcessBaselines | undefined;

  constructor(o: { crews?: boolean; baselines?: boolean }) {
    this.crews = o.crews === true ? new ReplayCrews() : undefined;
    this.baselines = o.baselines === true ? new InProcessBaselines(1) : undefined;
  }

  get any(): boolean {
    return this.crews !== undefined || this.baselines !== undefined;
  }

  /** What the pipeline spec needs: each table's reads, and one hold over them all. */
  spec(): Partial<PipelineSpec> {
    const tables: Record<string, ReadyTable> = {};
    if (this.crews) tables["account-risk"] = this.crews.table;
    if (this.baselines) tables.baselines = this.baselines.table;
    return { ...this.crews?.spec(), ...this.baselines?.spec(), ...(this.any ? { hold: new MinuteTableHold(tables) } : {}) };
  }

  /** After each step: what the tables let the engine apply, and the crew alerts, until nothing moves. */
  take(pipeline: RiskPipeline): { outputs: PipelineOutput[]; crewLines: string[] } {
    const step = { outputs: [] as PipelineOutput[], crewLines: [] as string[] };
    for (;;) {
      const before = pipeline.engine.appliedThroughMs;
      const crews = this.crews?.take(pipeline);
      if (crews) {
        step.outputs.push(...crews.outputs);
        step.crewLines.push(...crews.crewLines);
      }
      const released = this.baselines?.settle([pipeline])[0] ?? [];
      step.outputs.push(...released);
      if (pipeline.engine.appliedThroughMs === before && released.length === 0 && (crews?.outputs.length ?? 0) === 0) return step;
    }
  }
}
