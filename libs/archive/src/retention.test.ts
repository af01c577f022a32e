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

  it("reads a partition's day in the server's time zone, as toYYYYMMDD(event_time) wrote it", () => {
    const days = { transient: 2, normal: 90, key: 365, evidence: 365 };
    // 01:00 UTC: the cutoff is Dec 3 01:00 UTC, Dec 2 17:00 in Los Angeles, whose Dec 2 runs to Dec 3 08:00 UTC.
    const now = Date.UTC(2026, 11, 5, 1);
    const parts = [
      { table: "events", partitionId: "dec1", retentionClass: "transient" as const, day: 20261201 },
      { table: "events", partitionId: "dec2", retentionClass: "transient" as const, day: 20261202 },
    ];
    expect(expiredPartitions(parts, days, now, "America/Los_Angeles").map((p) => p.partitionId)).toEqual(["dec1"]);
    expect(expiredPartitions(parts, days, now, "UTC").map((p) => p.partitionId)).toEqual(["dec1", "dec2"]);
    // Shanghai's Dec 2 ended at Dec 2 16:00 UTC, before the cutoff.
    expect(expiredPartitions(parts, days, now, "Asia/Shanghai").map((p) => p.partitionId)).toEqual(["dec1", "dec2"]);
  });
});
