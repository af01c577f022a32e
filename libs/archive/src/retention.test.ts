import { expiredPartitions, parsePartition } from "./retention";

describe("retention partitions", () => {
  it("parses our partition text and ignores anything else", () => {
    expect(parsePartition("events", "abc", "('normal',20261101)")).toEqual({
      table: "events",
      partitionId: "abc",
      retentionClass: "normal",
      day: 20261101,
    });
    expect(parsePartition("events", "abc", "(\\'key\\',20261101)")?.retentionClass).toBe("key");
    expect(parsePartition("events", "abc", "('weird',20261101)")).toBeUndefined();
    expect(parsePartition("events", "abc", "20261101")).toBeUndefined();
  });

  it("expires each class by its own age", () => {
    const now = Date.UTC(2026, 10, 29, 12);
    const parts = [
      { table: "events", partitionId: "t-old", retentionClass: "transient" as const, day: 20261126 },
      { table: "events", partitionId: "t-new", retentionClass: "transient" as const, day: 20261127 },
      { table: "events", partitionId: "n", retentionClass: "normal" as const, day: 20261126 },
      { table: "events", partitionId: "k", retentionClass: "key" as const, day: 20250101 },
    ];
    const days = { transient: 2, normal: 90, key: 365, evidence: 365 };
    expect(expiredPartitions(parts, days, now).map((p) => p.partitionId)).toEqual(["t-old", "k"]);
  });
});
