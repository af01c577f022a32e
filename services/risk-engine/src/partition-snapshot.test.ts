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

  it("refuses unreadable or foreign records with a typed error", () => {
    expect(() => decodeSnapshot("1", Buffer.from("garbage"))).toThrow(SnapshotRecordError);
    expect(() => decodeSnapshot("1", Buffer.from(JSON.stringify({ format: 99 })))).toThrow(/format 99/);
  });
});
