import { encodeState } from "@redline/engine";
import { createPipeline, type PipelineSpec } from "./create-pipeline";
import { SnapshotRecordError, SnapshotVersionError } from "./errors";
import { decodeSnapshot, encodeSnapshot, restorePipeline, SNAPSHOT_VERSION } from "./pipeline-snapshot";
import { shippedPolicy, started, T0 } from "./testing/fixtures";

const AT = { partition: 2, offsets: { "live.likes": "41", "live.comments": "7" }, takenAtMs: 5 };

describe("the snapshot envelope", () => {
  const spec: PipelineSpec = { policy: shippedPolicy() };

  it("holds the position and the state, and the restored pipeline continues as the original", () => {
    const original = createPipeline(spec);
    original.push(started("r1", T0, 14));
    const bytes = encodeSnapshot(original, AT);
    expect([...bytes.subarray(0, 4)].map((b) => String.fromCharCode(b)).join("")).toBe("RLSN");
    expect(bytes.readUInt16BE(4)).toBe(SNAPSHOT_VERSION);
    const snapshot = decodeSnapshot("2", bytes);
    expect(snapshot).toMatchObject(AT);
    expect([...snapshot.stages.keys()].sort()).toEqual(["misleading-claims", "policy"].sort());
    const restored = restorePipeline(snapshot, spec);
    original.push(started("r2", T0 + 60_000, 30));
    restored.push(started("r2", T0 + 60_000, 30));
    expect(restored.idle()).toEqual(original.idle());
    expect(encodeSnapshot(restored, AT)).toEqual(encodeSnapshot(original, AT));
  });

  it("keeps states as bytes, not base64: the envelope is barely larger than the states it holds", () => {
    const pipeline = createPipeline(spec);
    for (let i = 0; i < 200; i++) pipeline.push(started(`r${i}`, T0 + i * 1_000, 30));
    const stateBytes = pipeline.engine.snapshot().byteLength + [...pipeline.snapshotStages().values()].reduce((n, b) => n + b.byteLength, 0);
    expect(stateBytes).toBeGreaterThan(10_000);
    expect(encodeSnapshot(pipeline, AT).byteLength).toBeLessThan(stateBytes + 200);
  });

  it("refuses a record of an earlier release with a version error naming the partition", () => {
    // The partition records of the release before the envelope: MessagePack `{ format: 2, ... }`, and JSON before that.
    const format2 = encodeState({ format: 2, partition: 3, offsets: { "live.rooms": "9" }, takenAtMs: 7, pipeline: encodeState({ engine: new Uint8Array(0), stages: new Map() }) });
    const format1 = Buffer.from(JSON.stringify({ format: 1, partition: 3, offsets: { "live.rooms": "9" }, takenAtMs: 7, pipeline: "e30=" }));
    for (const old of [format2, format1]) {
      expect(() => decodeSnapshot("3", old)).toThrow(SnapshotVersionError);
      expect(() => decodeSnapshot("3", old)).toThrow(/partition 3 .*snapshot version none \(partition record format [12],/);
    }
    const other = encodeSnapshot(createPipeline(spec), AT);
    other.writeUInt16BE(SNAPSHOT_VERSION - 1, 4);
    expect(() => decodeSnapshot("3", other)).toThrow(`state snapshot for partition 3 is unreadable: snapshot version ${SNAPSHOT_VERSION - 1}, this release reads ${SNAPSHOT_VERSION} only`);
    try {
      decodeSnapshot("3", other);
    } catch (err) {
      expect(err).toBeInstanceOf(SnapshotRecordError);
      expect((err as SnapshotVersionError).context).toEqual({ partition: "3", found: String(SNAPSHOT_VERSION - 1), expected: SNAPSHOT_VERSION });
    }
  });

  it("refuses a damaged record of this version with a record error naming the partition", () => {
    const bytes = encodeSnapshot(createPipeline(spec), AT);
    expect(() => decodeSnapshot("7", Buffer.from("garbage"))).toThrow(/partition 7 is unreadable: no RLSN header/);
    expect(() => decodeSnapshot("7", Buffer.from("garbage"))).not.toThrow(SnapshotVersionError);
    const cut = bytes.subarray(0, 12);
    expect(() => decodeSnapshot("7", cut)).toThrow(SnapshotRecordError);
    expect(() => decodeSnapshot("7", cut)).not.toThrow(SnapshotVersionError);
    expect(() => decodeSnapshot("7", cut)).toThrow(/partition 7/);
    // A well-formed envelope whose engine state is not one: named by the partition the record holds.
    const snapshot = decodeSnapshot("7", bytes);
    expect(() => restorePipeline({ ...snapshot, engine: encodeState({ version: 4 }) }, spec)).toThrow(/state snapshot for partition 2 is unreadable/);
  });
});
