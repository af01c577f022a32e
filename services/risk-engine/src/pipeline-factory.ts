import { RiskEngine, RiskPipeline, type EngineConfig } from "@redline/engine";
import { PolicyStage, type PolicySource } from "@redline/policy";
import { SnapshotRecordError } from "./errors";

export interface PipelineSpec {
  engine: Partial<EngineConfig>;
  /** The live policy (hot-reloaded store); absent → alerts only. */
  policy?: PolicySource;
  /** A candidate policy whose actions come out marked `shadow`. */
  shadowPolicy?: PolicySource;
}

/**
 * The pipeline this service runs per input partition: the engine, then the
 * action policy. `redline replay --policy FILE` builds the same one, which is
 * what makes their outputs comparable.
 */
export function createPipeline(spec: PipelineSpec, engine = new RiskEngine(spec.engine)): RiskPipeline {
  const stages = spec.policy === undefined ? [] : [new PolicyStage({ live: spec.policy, shadow: spec.shadowPolicy })];
  return new RiskPipeline(engine, stages);
}

/** Engine and stage state in one record: `{ engine, stages: { name: bytes } }`, base64 inside JSON. */
export function snapshotPipeline(pipeline: RiskPipeline): Uint8Array {
  const stages = Object.fromEntries([...pipeline.snapshotStages()].map(([name, bytes]) => [name, Buffer.from(bytes).toString("base64")]));
  return Buffer.from(JSON.stringify({ engine: Buffer.from(pipeline.engine.snapshot()).toString("base64"), stages }), "utf8");
}

export function restorePipeline(bytes: Uint8Array, spec: PipelineSpec): RiskPipeline {
  let parsed: { engine?: unknown; stages?: Record<string, unknown> };
  try {
    parsed = JSON.parse(Buffer.from(bytes).toString("utf8")) as typeof parsed;
  } catch (err) {
    throw new SnapshotRecordError("?", err);
  }
  if (typeof parsed.engine !== "string") throw new SnapshotRecordError("?", new Error("no engine state"));
  const pipeline = createPipeline(spec, RiskEngine.restore(Buffer.from(parsed.engine, "base64"), spec.engine));
  const stages = new Map<string, Uint8Array>();
  for (const [name, b64] of Object.entries(parsed.stages ?? {})) if (typeof b64 === "string") stages.set(name, Buffer.from(b64, "base64"));
  pipeline.restoreStages(stages);
  return pipeline;
}
