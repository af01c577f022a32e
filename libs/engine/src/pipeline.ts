/**
 * The engine plus its output stages, exactly as both the Kafka service and
 * `redline replay` run it. A stage sees each batch of outputs and returns
 * the batch to pass on; the action policy (a later issue) is a stage that
 * appends `{ action }` outputs for the alerts it acts on.
 */
import { Alert, ControlAction } from "@redline/proto";
import type { LiveEvent } from "@redline/proto";
import type { RiskEngine } from "./engine";

export type PipelineOutput = { alert: Alert } | { action: ControlAction };

export interface OutputStage {
  readonly name: string;
  process(outputs: PipelineOutput[]): PipelineOutput[];
  /**
   * Sees every input event, in arrival order (the engine does not expose its
   * released order), before the engine ingests it; its outputs go through the
   * stages after this one. The policy uses it for room facts (tier, platform).
   */
  observe?(event: LiveEvent): PipelineOutput[];
  /** Serialises the stage's state so it can be checkpointed with the engine. */
  snapshot?(): Uint8Array;
  /** Replaces the stage's state with `snapshot()` bytes. */
  restore?(bytes: Uint8Array): void;
}

export class RiskPipeline {
  constructor(readonly engine: RiskEngine, private readonly stages: readonly OutputStage[] = []) {}

  /** Ingests one event; returns whatever outputs it released (often none). */
  push(event: LiveEvent): PipelineOutput[] {
    const observed = this.observe(event);
    this.engine.ingest(event);
    const released = this.release();
    return observed.length === 0 ? released : [...observed, ...released];
  }

  /** End of input: flushes the engine's buffer through the stages. */
  end(): PipelineOutput[] {
    this.engine.flush();
    return this.release();
  }

  /** Snapshots of the stages that keep state, by stage name, for checkpointing beside `engine.snapshot()`. */
  snapshotStages(): Map<string, Uint8Array> {
    const snapshots = new Map<string, Uint8Array>();
    for (const stage of this.stages) if (stage.snapshot !== undefined) snapshots.set(stage.name, stage.snapshot());
    return snapshots;
  }

  /** Restores stages from `snapshotStages()`; a stage without an entry keeps its state. */
  restoreStages(snapshots: ReadonlyMap<string, Uint8Array>): void {
    for (const stage of this.stages) {
      const bytes = snapshots.get(stage.name);
      if (bytes !== undefined && stage.restore !== undefined) stage.restore(bytes);
    }
  }

  private observe(event: LiveEvent): PipelineOutput[] {
    let observed: PipelineOutput[] = [];
    for (const stage of this.stages) {
      if (observed.length > 0) observed = stage.process(observed);
      if (stage.observe !== undefined) {
        const added = stage.observe(event);
        if (added.length > 0) observed = observed.length === 0 ? added : [...observed, ...added];
      }
    }
    return observed;
  }

  private release(): PipelineOutput[] {
    const drained = this.engine.drain();
    if (drained.length === 0) return [];
    let outputs: PipelineOutput[] = drained;
    for (const stage of this.stages) outputs = stage.process(outputs);
    return outputs;
  }
}

/** One output as a proto3-JSON line: `{"alert":{...}}` or `{"action":{...}}`. */
export function outputToJsonLine(output: PipelineOutput): string {
  if ("alert" in output) return JSON.stringify({ alert: Alert.toJSON(output.alert) });
  return JSON.stringify({ action: ControlAction.toJSON(output.action) });
}
