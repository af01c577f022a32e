import { decodeState, encodeState, RiskEngine, type RiskPipeline } from "@redline/engine";
import { createPipeline, engineDeps, engineSettings, type PipelineSpec } from "./create-pipeline";
import { SnapshotRecordError } from "./errors";

/**
 * Engine and stage state in one MessagePack record, `{ engine, stages }`, the
 * states as bytes. Earlier releases wrote JSON with the states in base64
 * (a third larger at each level it was nested in); those still restore.
 */
export function snapshotPipeline(pipeline: RiskPipeline): Uint8Array {
  return encodeState({ engine: pipeline.engine.snapshot(), stages: pipeline.snapshotStages() });
}

/** Bytes as MessagePack decodes them: a Buffer, which under jest's sandbox is not an instance of its Uint8Array. */
export function isBytes(v: unknown): v is Uint8Array {
  return Buffer.isBuffer(v) || v instanceof Uint8Array;
}

interface PipelineRecord {
  engine: Uint8Array;
  stages: Map<string, Uint8Array>;
}

function decodeRecord(bytes: Uint8Array): PipelineRecord {
  const o = decodeState(bytes) as { engine?: unknown; stages?: unknown };
  // JSON of earlier releases: base64 strings in a plain object.
  if (typeof o.engine === "string") {
    const stages = Object.entries((o.stages ?? {}) as Record<string, unknown>).filter((e): e is [string, string] => typeof e[1] === "string");
    return { engine: Buffer.from(o.engine, "base64"), stages: new Map(stages.map(([name, b64]) => [name, Buffer.from(b64, "base64")])) };
  }
  if (!isBytes(o.engine)) throw new Error("no engine state");
  return { engine: o.engine, stages: o.stages instanceof Map ? (o.stages as Map<string, Uint8Array>) : new Map() };
}

/** Rebuilds a pipeline from `snapshotPipeline` bytes; `partition` names the record in errors. */
export function restorePipeline(bytes: Uint8Array, spec: PipelineSpec, partition: string): RiskPipeline {
  let record: PipelineRecord;
  let engine: RiskEngine;
  try {
    record = decodeRecord(bytes);
    engine = RiskEngine.restore(record.engine, engineSettings(spec), engineDeps(spec));
  } catch (err) {
    throw new SnapshotRecordError(partition, err);
  }
  const pipeline = createPipeline(spec, engine);
  pipeline.restoreStages(record.stages);
  return pipeline;
}
