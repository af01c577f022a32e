/**
 * The engine plus its output stages, exactly as both the Kafka service and
 * `redline replay` run it. A stage sees each batch of outputs and returns
 * the batch to pass on; the action policy is a stage that stamps alerts and
 * appends `{ action }` outputs. A stage may also observe every event as the
 * engine applies it, in (eventTimeMs, eventId) order, so its view of the
 * stream is as deterministic as the engine's; what it returns from
 * `observe` passes through the stages after it only.
 */
import { Alert, ControlAction } from "@redline/proto";
import type { LiveEvent } from "@redline/proto";
import type { EngineStep, RiskEngine } from "./engine";

export type PipelineOutput = { alert: Alert } | { action: ControlAction };

export interface OutputStage {
  /** Names the stage's state in pipeline snapshots; unique within a pipeline. */
  readonly name: string;
  process(outputs: PipelineOutput[]): PipelineOutput[];
  /** Called with each event right after the engine applies it. */
  observe?(event: LiveEvent): PipelineOutput[];
  /** Called when input goes quiet or ends, once the engine has applied everything up to `watermarkMs`. */
  idle?(watermarkMs: number): PipelineOutput[];
  /**
   * Called after every step (push, applyHeld, idle): outputs a stage raises
   * from something other than the events, such as a minute table that moved
   * (#21 crew room alerts). Must depend only on state that replay sees too.
   */
  poll?(): PipelineOutput[];
  snapshot?(): Uint8Array;
  restore?(bytes: Uint8Array): void;
}

interface Pending {
  output: PipelineOutput;
  /** Index of the first stage this output still has to pass through. */
  fromStage: number;
}

export class RiskPipeline {
  private pending: Pending[] = [];

  constructor(
    readonly engine: RiskEngine,
    private readonly stages: readonly OutputStage[] = [],
  ) {}

  /** Ingests one event; returns whatever outputs it released (often none). */
  push(event: LiveEvent): PipelineOutput[] {
    this.take(this.engine.ingest(event));
    this.poll();
    return this.release();
  }

  /**
   * Input went quiet (the service's idle timeout) or ended (replay): applies
   * every held event up to the newest event time seen, through the stages.
   */
  idle(): PipelineOutput[] {
    this.take(this.engine.flush());
    this.stages.forEach((stage, i) => {
      if (stage.idle !== undefined) for (const output of stage.idle(this.engine.appliedThroughMs)) this.pending.push({ output, fromStage: i + 1 });
    });
    this.poll();
    return this.release();
  }

  /** The minute tables became ready further (#21): applies the held events they now allow, through the stages. */
  applyHeld(): PipelineOutput[] {
    this.take(this.engine.applyHeld());
    this.poll();
    return this.release();
  }

  /** Whether a stage raises outputs of its own between events (`OutputStage.poll`): then a table's move is worth an `applyHeld` even with nothing held. */
  get polls(): boolean {
    return this.stages.some((s) => s.poll !== undefined);
  }

  /** End of input: the same step as `idle`, so a replay ends as the service goes quiet. */
  end(): PipelineOutput[] {
    return this.idle();
  }

  /** The stage of that name, for its own counters (the policy's). */
  stageNamed(name: string): OutputStage | undefined {
    return this.stages.find((s) => s.name === name);
  }

  /** Each stage's state by name, for checkpointing beside `engine.snapshot()`. */
  snapshotStages(): Map<string, Uint8Array> {
    const out = new Map<string, Uint8Array>();
    for (const stage of this.stages) if (stage.snapshot !== undefined) out.set(stage.name, stage.snapshot());
    return out;
  }

  restoreStages(states: ReadonlyMap<string, Uint8Array>): void {
    for (const stage of this.stages) {
      const bytes = states.get(stage.name);
      if (bytes !== undefined && stage.restore !== undefined) stage.restore(bytes);
    }
  }

  /**
   * Queues an engine step: each applied event's observations by the stages
   * come right after the engine outputs raised up to and including its
   * application, so outputs keep the order in which the events were applied.
   */
  private take(step: EngineStep): void {
    const { applied, outputs, outputsThrough } = step;
    let next = 0;
    for (let a = 0; a < applied.length; a++) {
      for (const end = outputsThrough[a]!; next < end; next++) this.pending.push({ output: outputs[next]!, fromStage: 0 });
      this.observe(applied[a]!);
    }
    for (; next < outputs.length; next++) this.pending.push({ output: outputs[next]!, fromStage: 0 });
  }

  private observe(event: LiveEvent): void {
    for (let i = 0; i < this.stages.length; i++) {
      const stage = this.stages[i]!;
      if (stage.observe !== undefined) for (const output of stage.observe(event)) this.pending.push({ output, fromStage: i + 1 });
    }
  }

  private poll(): void {
    this.stages.forEach((stage, i) => {
      if (stage.poll !== undefined) for (const output of stage.poll()) this.pending.push({ output, fromStage: i + 1 });
    });
  }

  private release(): PipelineOutput[] {
    if (this.pending.length === 0) return [];
    const pending = this.pending;
    this.pending = [];
    const released: PipelineOutput[] = [];
    // Consecutive outputs entering at the same stage travel as one batch; order is kept.
    for (let i = 0; i < pending.length; ) {
      const fromStage = pending[i]!.fromStage;
      let j = i;
      const batch: PipelineOutput[] = [];
      while (j < pending.length && pending[j]!.fromStage === fromStage) batch.push(pending[j++]!.output);
      let outputs = batch;
      for (let s = fromStage; s < this.stages.length; s++) outputs = this.stages[s]!.process(outputs);
      for (const o of outputs) released.push(o);
      i = j;
    }
    return released;
  }
}

/** One output as a proto3-JSON line: `{"alert":{...}}` or `{"action":{...}}`. */
export function outputToJsonLine(output: PipelineOutput): string {
  if ("alert" in output) return JSON.stringify({ alert: Alert.toJSON(output.alert) });
  return JSON.stringify({ action: ControlAction.toJSON(output.action) });
}
