import { RiskEngine, RiskPipeline, type EngineConfig } from "@redline/engine";

/**
 * The pipeline this service runs per input partition. `redline replay`
 * builds the same one, which is what makes their outputs comparable.
 */
export function createPipeline(engineConfig: Partial<EngineConfig>): RiskPipeline {
  return new RiskPipeline(new RiskEngine(engineConfig));
}

export function snapshotPipeline(pipeline: RiskPipeline): Uint8Array {
  return pipeline.engine.snapshot();
}

export function restorePipeline(bytes: Uint8Array, engineConfig: Partial<EngineConfig>): RiskPipeline {
  return new RiskPipeline(RiskEngine.restore(bytes, engineConfig));
}
