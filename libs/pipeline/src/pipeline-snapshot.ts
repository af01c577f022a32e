/**
 * The one snapshot envelope of a partition's pipeline (#13): a 6-byte header,
 * `RLSN` and a big-endian u16 version, then one MessagePack record with the
 * partition, the offsets the state covers, when it was taken, the engine's
 * state and each stage's state, all as bytes (never base64). The header's
 * version is the only one: it covers the engine's state layout and every
 * stage's, so a change to any of them bumps `SNAPSHOT_VERSION` here.
 *
 * A record of another version (the records of earlier releases have no
 * header) is refused with a `SnapshotVersionError` naming the partition; the
 * risk-engine service then rebuilds that partition from its committed
 * offsets (docs/operations.md), as for any unreadable record. Nothing is
 * migrated: replaying the input is the one way state is ever rebuilt.
 */
import { decodeState, encodeState, RiskEngine, type RiskPipeline } from "@redline/engine";
import { createPipeline, engineDeps, engineSettings, type PipelineSpec } from "./create-pipeline";
import { SnapshotRecordError, SnapshotVersionError } from "./errors";

/**
 * 5: the envelope; the engine's state as of buyer rings (it carried its own
 * version, 2 to 4, before), the policy stage's as MessagePack (was JSON).
 * 6: the engine's baseline producer (#12: rolling peer sketches) and each
 * room's platform and category.
 * 7: the engine's state as its own parts and its rooms in slices (#15:
 * encoded a slice at a time, `captureSnapshot`).
 */
export const SNAPSHOT_VERSION = 7;
const MAGIC = Buffer.from("RLSN", "latin1");
const HEADER_BYTES = MAGIC.length + 2;

/** Where a snapshot stands in its partition's input: what `encodeSnapshot` records beside the state. */
export interface SnapshotPosition {
  partition: number;
  /** Per input topic, the next offset the state has not seen (decimal, as Kafka's offsets are 64-bit). */
  offsets: Record<string, string>;
  takenAtMs: number;
}

/** A decoded envelope: its position and the states it holds, not yet restored. */
export interface PipelineSnapshot extends SnapshotPosition {
  engine: Uint8Array;
  stages: Map<string, Uint8Array>;
}

/** The pipeline's state and position in one envelope. */
export function encodeSnapshot(pipeline: RiskPipeline, position: SnapshotPosition): Buffer {
  return captureSnapshot(pipeline, position, Number.MAX_SAFE_INTEGER).finish();
}

/** A pipeline snapshot captured at one instant whose rooms are encoded later, a slice per `step()`. */
export interface PipelineSnapshotCapture {
  /** Encodes the next slice of rooms; returns whether any is left. */
  step(): boolean;
  /** Encodes what is left and returns the envelope, as `encodeSnapshot` would have at the capture. */
  finish(): Buffer;
}

/**
 * Captures the pipeline now (the stages' states and the engine's own parts
 * are encoded here), for an envelope finished later while the pipeline goes
 * on: the engine encodes a room it is about to change first, so the envelope
 * holds the state as it stood at the capture, with `position` (#15).
 */
export function captureSnapshot(pipeline: RiskPipeline, position: SnapshotPosition, roomsPerSlice: number): PipelineSnapshotCapture {
  const engine = pipeline.engine.captureSnapshot(roomsPerSlice);
  const stages = pipeline.snapshotStages();
  return {
    step: () => engine.step(),
    finish: () => {
      const header = Buffer.alloc(HEADER_BYTES);
      MAGIC.copy(header);
      header.writeUInt16BE(SNAPSHOT_VERSION, MAGIC.length);
      const body = encodeState({ partition: position.partition, offsets: position.offsets, takenAtMs: position.takenAtMs, engine: engine.finish(), stages });
      return Buffer.concat([header, body]);
    },
  };
}

/**
 * Reads an envelope; `key` (the changelog key, the partition number) names
 * the record in errors. Throws `SnapshotVersionError` for a record of another
 * version, `SnapshotRecordError` for one that is not a snapshot.
 */
export function decodeSnapshot(key: string, bytes: Uint8Array): PipelineSnapshot {
  const buf = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (buf.byteLength < HEADER_BYTES || !buf.subarray(0, MAGIC.length).equals(MAGIC)) {
    const format = earlierFormatOf(buf);
    if (format !== undefined) throw new SnapshotVersionError(key, `none (partition record format ${format}, from a release before the envelope)`, SNAPSHOT_VERSION);
    throw new SnapshotRecordError(key, new Error("no RLSN header and not a record of an earlier release"));
  }
  const version = buf.readUInt16BE(MAGIC.length);
  if (version !== SNAPSHOT_VERSION) throw new SnapshotVersionError(key, String(version), SNAPSHOT_VERSION);
  try {
    const o = decodeState(buf.subarray(HEADER_BYTES)) as Record<string, unknown>;
    const { partition, offsets, takenAtMs, engine, stages } = o;
    if (typeof partition !== "number" || typeof takenAtMs !== "number" || !isBytes(engine) || !(stages instanceof Map) || typeof offsets !== "object" || offsets === null) {
      throw new Error("missing fields");
    }
    return { partition, offsets: offsets as Record<string, string>, takenAtMs, engine, stages: stages as Map<string, Uint8Array> };
  } catch (err) {
    throw new SnapshotRecordError(key, err);
  }
}

/** Rebuilds the pipeline a decoded envelope holds; it continues exactly as the original would. */
export function restorePipeline(snapshot: PipelineSnapshot, spec: PipelineSpec): RiskPipeline {
  try {
    const pipeline = createPipeline(spec, RiskEngine.restore(snapshot.engine, engineSettings(spec), engineDeps(spec)));
    pipeline.restoreStages(snapshot.stages);
    return pipeline;
  } catch (err) {
    throw new SnapshotRecordError(String(snapshot.partition), err);
  }
}

/** The `format` of a partition record written before the envelope: MessagePack (2) or JSON (1); undefined for anything else. */
function earlierFormatOf(buf: Buffer): number | undefined {
  let record: unknown;
  try {
    record = buf[0] === 0x7b ? JSON.parse(buf.toString("utf8")) : decodeState(buf);
  } catch {
    return undefined; // not a record at all: the caller says so
  }
  const format = (record as { format?: unknown }).format;
  return typeof format === "number" ? format : undefined;
}

/** Bytes as MessagePack decodes them: a Buffer, which under jest's sandbox is not an instance of its Uint8Array. */
function isBytes(v: unknown): v is Uint8Array {
  return Buffer.isBuffer(v) || v instanceof Uint8Array;
}
