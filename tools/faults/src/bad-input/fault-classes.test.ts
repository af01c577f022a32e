import { createHash } from "node:crypto";
import { decodeInputEvent, DEFAULT_LIMITS, InvalidEventError } from "@redline/events";
import { CLASS_HEADER, FAULT_CLASSES, faultRecords, interleavedRecords, SEQ_HEADER } from "./fault-classes";

const NOW = 1_800_000_000_000;

/** One digest per record: jest compares 200 KB buffers byte by byte, slowly. */
const digests = (records: ReturnType<typeof faultRecords>): string[] =>
  records.map((r) => createHash("sha256").update(JSON.stringify([r.key, r.topicCase, r.headers])).update(r.value ?? "null").digest("hex"));

function verdict(value: Buffer | null, contentType: string | undefined): string {
  try {
    decodeInputEvent({ value: value ?? Buffer.alloc(0), contentType, publishedAtMs: NOW }, DEFAULT_LIMITS, NOW);
    return "valid";
  } catch (err) {
    if (err instanceof InvalidEventError) return err.reason;
    throw err;
  }
}

describe("bad-input fault classes", () => {
  it("are reproducible from the seed and differ between seeds", () => {
    for (const c of FAULT_CLASSES) {
      const a = digests(faultRecords(c, 50, 7, NOW, "run"));
      expect(digests(faultRecords(c, 50, 7, NOW, "run"))).toEqual(a);
      expect(new Set(a).size).toBeGreaterThan(c === "empty-value" ? 5 : 40);
    }
    expect(digests(faultRecords("random-bytes", 50, 8, NOW, "run"))).not.toEqual(digests(faultRecords("random-bytes", 50, 7, NOW, "run")));
  });

  it("interleave every class with the valid events, each stamped with its class and a unique sequence number", () => {
    const records = interleavedRecords(20, 30, 1, NOW, "run");
    expect(records).toHaveLength(20 * FAULT_CLASSES.length + 30);
    expect(records.slice(0, FAULT_CLASSES.length + 1).map((r) => r.headers[CLASS_HEADER])).toEqual([...FAULT_CLASSES, "valid"]);
    expect(new Set(records.map((r) => r.headers[SEQ_HEADER])).size).toBe(records.length);
  });

  it("draw what each class promises, judged by the shared input validation", () => {
    const judged = (c: (typeof FAULT_CLASSES)[number] | "valid") =>
      faultRecords(c, 60, 3, NOW, "run").map((r) => verdict(r.value, r.headers["content-type"]));
    expect(new Set(judged("valid"))).toEqual(new Set(["valid"]));
    expect(new Set(judged("hostile-text"))).toEqual(new Set(["valid"]));
    expect(new Set(judged("unknown-enum"))).toEqual(new Set(["valid"]));
    expect(new Set(judged("null-key"))).toEqual(new Set(["valid"]));
    expect(judged("empty-value")).not.toContain("valid");
    expect(judged("time-far-past-or-future")).not.toContain("valid");
    expect(judged("random-bytes")).not.toContain("valid");
    expect(judged("json-huge-or-deep")).toContain("TEXT_TOO_LONG");
    expect(judged("bit-flipped-protobuf")).toContain("UNDECODABLE");
  });
});
