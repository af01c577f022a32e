import { decodeState, encodeState } from "@redline/engine";
import { isBytes, SnapshotRecordError } from "@redline/pipeline";

/** 2: MessagePack with the pipeline state as bytes; 1: JSON with it in base64 (still read). */
const SNAPSHOT_FORMAT = 2;
const JSON_FORMAT = 1;

/**
 * One input partition number's checkpoint: the pipeline state and, per
 * input topic, the next offset that state has not seen. Restoring it and
 * seeking there continues as if nothing had happened.
 */
export interface PartitionSnapshot {
  partition: number;
  offsets: Record<string, string>;
  pipeline: Uint8Array;
  takenAtMs: number;
}

export function encodeSnapshot(s: PartitionSnapshot): Buffer {
  const bytes = encodeState({ format: SNAPSHOT_FORMAT, partition: s.partition, offsets: s.offsets, takenAtMs: s.takenAtMs, pipeline: s.pipeline });
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

export function decodeSnapshot(key: string, bytes: Buffer): PartitionSnapshot {
  try {
    const o = decodeState(bytes) as Record<string, unknown>;
    if (o.format !== SNAPSHOT_FORMAT && o.format !== JSON_FORMAT) throw new Error(`format ${String(o.format)}, expected ${SNAPSHOT_FORMAT}`);
    const pipeline = o.format === JSON_FORMAT && typeof o.pipeline === "string" ? Buffer.from(o.pipeline, "base64") : o.pipeline;
    if (typeof o.partition !== "number" || !isBytes(pipeline) || typeof o.offsets !== "object" || o.offsets === null) {
      throw new Error("missing fields");
    }
    return {
      partition: o.partition,
      offsets: o.offsets as Record<string, string>,
      pipeline,
      takenAtMs: Number(o.takenAtMs ?? 0),
    };
  } catch (err) {
    throw new SnapshotRecordError(key, err);
  }
}
