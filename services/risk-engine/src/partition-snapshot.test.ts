import { decodeSnapshot, encodeSnapshot } from "./partition-snapshot";
import { SnapshotRecordError } from "@redline/pipeline";

describe("partition snapshots", () => {
  it("round-trips offsets and state bytes", () => {
    const s = { partition: 2, offsets: { "live.likes": "41", "live.comments": "7" }, pipeline: new Uint8Array([0, 1, 255]), takenAtMs: 5 };
    const back = decodeSnapshot("2", encodeSnapshot(s));
    expect(back.offsets).toEqual(s.offsets);
    expect([...back.pipeline]).toEqual([0, 1, 255]);
    expect(back.partition).toBe(2);
  });

  it("still reads the JSON records of earlier releases, the state in base64", () => {
    const legacy = Buffer.from(JSON.stringify({ format: 1, partition: 3, offsets: { "live.rooms": "9" }, takenAtMs: 7, pipeline: Buffer.from([5, 6]).toString("base64") }));
    const back = decodeSnapshot("3", legacy);
    expect([...back.pipeline]).toEqual([5, 6]);
    expect(back.offsets).toEqual({ "live.rooms": "9" });
  });

  it("keeps the state as bytes, not base64: a record is barely larger than the state it holds", () => {
    const state = new Uint8Array(300_000).map((_, i) => (i * 7) % 251);
    expect(encodeSnapshot({ partition: 0, offsets: { "live.likes": "1" }, pipeline: state, takenAtMs: 0 }).byteLength).toBeLessThan(state.byteLength + 200);
  });

  it("refuses unreadable or foreign records with a typed error", () => {
    expect(() => decodeSnapshot("1", Buffer.from("garbage"))).toThrow(SnapshotRecordError);
    expect(() => decodeSnapshot("1", Buffer.from(JSON.stringify({ format: 99 })))).toThrow(/format 99/);
  });
});
