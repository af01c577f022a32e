/**
 * The minute tables a replay or the eval builds in one process and holds the
 * engine on, as the risk engine holds on their topics: the account-risk
 * table (crews, issue 21) and the peer baselines (issue 12). One hold over
 * both, as the service has; after each step they settle in turn until the
 * engine applies nothing more. `SettledPipeline` runs a pipeline with them,
 * so `redline replay` and the eval push events the same way.
 */
import type { CrewOutput } from "@redline/crews";
import type { LiveEvent } from "@redline/proto";
import type { PipelineOutput, RiskPipeline } from "@redline/engine";
import { createPipeline, type PipelineSpec } from "./create-pipeline";
import { InProcessAccountRisk, type SettledStep } from "./in-process-account-risk";
import { InProcessBaselines } from "./in-process-baselines";
import { MinuteTableHold, type ReadyTable } from "./minute-table-hold";

export interface InProcessTablesOptions {
  /** Run the crew detector and read its account-risk table. */
  crews?: boolean;
  /** Make and read the peer baselines. */
  baselines?: boolean;
}

export class InProcessTables {
  readonly accountRisk: InProcessAccountRisk | undefined;
  readonly baselines: InProcessBaselines | undefined;

  constructor(o: InProcessTablesOptions) {
    this.accountRisk = o.crews === true ? new InProcessAccountRisk() : undefined;
    this.baselines = o.baselines === true ? new InProcessBaselines(1) : undefined;
  }

  get any(): boolean {
    return this.accountRisk !== undefined || this.baselines !== undefined;
  }

  /** What a pipeline spec needs: each table's reads, and one hold over them all. */
  spec(): Partial<PipelineSpec> {
    const tables: Record<string, ReadyTable> = {};
    if (this.accountRisk) tables["account-risk"] = this.accountRisk.table;
    if (this.baselines) tables.baselines = this.baselines.table;
    return { ...this.accountRisk?.spec(), ...this.baselines?.spec(), ...(this.any ? { hold: new MinuteTableHold(tables) } : {}) };
  }

  /** After each step (and after `end`): what the tables let the engine apply, and the crew findings, until nothing moves. */
  settle(pipeline: RiskPipeline): SettledStep {
    const step: SettledStep = { outputs: [], crews: [] };
    for (;;) {
      const before = pipeline.engine.appliedThroughMs;
      const crews = this.accountRisk?.settle(pipeline);
      if (crews) {
        step.outputs.push(...crews.outputs);
        step.crews.push(...crews.crews);
      }
      const released = this.baselines?.settle([pipeline])[0] ?? [];
      step.outputs.push(...released);
      if (pipeline.engine.appliedThroughMs === before && released.length === 0 && (crews?.outputs.length ?? 0) === 0) return step;
    }
  }
}

/** A pipeline whose in-process tables settle after every step: `push` and `end` return what both released. */
export class SettledPipeline {
  readonly pipeline: RiskPipeline;
  private crews: CrewOutput[] = [];

  constructor(
    spec: PipelineSpec,
    readonly tables: InProcessTables,
  ) {
    this.pipeline = createPipeline({ ...spec, ...tables.spec() });
  }

  get engine(): RiskPipeline["engine"] {
    return this.pipeline.engine;
  }

  push(event: LiveEvent): PipelineOutput[] {
    return this.settled(this.pipeline.push(event));
  }

  end(): PipelineOutput[] {
    return this.settled(this.pipeline.end());
  }

  /** The crew findings the steps since the last call released, in order (with `crews`). */
  takeCrews(): CrewOutput[] {
    const out = this.crews;
    this.crews = [];
    return out;
  }

  private settled(outputs: PipelineOutput[]): PipelineOutput[] {
    if (!this.tables.any) return outputs;
    const step = this.tables.settle(this.pipeline);
    this.crews.push(...step.crews);
    return [...outputs, ...step.outputs];
  }
}
