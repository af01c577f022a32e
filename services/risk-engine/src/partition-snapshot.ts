import { SnapshotRecordError } from "@redline/pipeline";

const SNAPSHOT_FORMAT = 1;

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
  return Buffer.from(
    JSON.stringify({
      format: SNAPSHOT_FORMAT,
      partition: s.partition,
      offsets: s.offsets,
      takenAtMs: s.takenAtMs,
      pipeline: Buffer.from(s.pipeline).toString("base64"),
    }),
    "utf8",
  );
}

export function decodeSnapshot(key: string, bytes: Buffer): PartitionSnapshot {
  try {
    const o = JSON.parse(bytes.toString("utf8")) as Record<string, unknown>;
    if (o.format !== SNAPSHOT_FORMAT) throw new Error(`format ${String(o.format)}, expected ${SNAPSHOT_FORMAT}`);
    if (typeof o.partition !== "number" || typeof o.pipeline !== "string" || typeof o.offsets !== "object" || o.offsets === null) {
      throw new Error("missing fields");
    }
    return {
      partition: o.partition,
      offsets: o.offsets as Record<string, string>,
      pipeline: Buffer.from(o.pipeline, "base64"),
      takenAtMs: Number(o.takenAtMs ?? 0),
    };
  } catch (err) {
    throw new SnapshotRecordError(key, err);
  }
}
