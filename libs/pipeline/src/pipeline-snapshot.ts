import { RiskEngine, type RiskPipeline } from "@redline/engine";
import { createPipeline, engineSettings, type PipelineSpec } from "./create-pipeline";
import { SnapshotRecordError } from "./errors";

/** Engine and stage state in one record: `{ engine, stages: { name: bytes } }`, base64 inside JSON. */
export function snapshotPipeline(pipeline: RiskPipeline): Uint8Array {
  const stages = Object.fromEntries([...pipeline.snapshotStages()].map(([name, bytes]) => [name, Buffer.from(bytes).toString("base64")]));
  return Buffer.from(JSON.stringify({ engine: Buffer.from(pipeline.engine.snapshot()).toString("base64"), stages }), "utf8");
}

/** Rebuilds a pipeline from `snapshotPipeline` bytes; `partition` names the record in errors. */
export function restorePipeline(bytes: Uint8Array, spec: PipelineSpec, partition: string): RiskPipeline {
  let parsed: { engine?: unknown; stages?: Record<string, unknown> };
  try {
    parsed = JSON.parse(Buffer.from(bytes).toString("utf8")) as typeof parsed;
  } catch (err) {
    throw new SnapshotRecordError(partition, err);
  }
  if (typeof parsed.engine !== "string") throw new SnapshotRecordError(partition, new Error("no engine state"));
  let engine: RiskEngine;
  try {
    engine = RiskEngine.restore(Buffer.from(parsed.engine, "base64"), engineSettings(spec), spec.deps);
  } catch (err) {
    throw new SnapshotRecordError(partition, err);
  }
  const pipeline = createPipeline(spec, engine);
  const stages = new Map<string, Uint8Array>();
  for (const [name, b64] of Object.entries(parsed.stages ?? {})) if (typeof b64 === "string") stages.set(name, Buffer.from(b64, "base64"));
  pipeline.restoreStages(stages);
  return pipeline;
}
