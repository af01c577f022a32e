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
}

export class RiskPipeline {
  constructor(readonly engine: RiskEngine, private readonly stages: readonly OutputStage[] = []) {}

  /** Ingests one event; returns whatever outputs it released (often none). */
  push(event: LiveEvent): PipelineOutput[] {
    this.engine.ingest(event);
    return this.release();
  }

  /** End of input: flushes the engine's buffer through the stages. */
  end(): PipelineOutput[] {
    this.engine.flush();
    return this.release();
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
