import { fullGcs } from "./gc-trace";
import { liveHeapOf } from "./soak";

describe("fullGcs", () => {
  it("reads the heap left after each mark-compact, and nothing from scavenges or JSON log lines", () => {
    const output = [
      '{"level":"info","msg":"risk-engine started"}',
      "[7304:0x6a1c000]     2101 ms: Scavenge 12.1 (14.0) -> 11.2 (15.0) MB, 1.20 / 0.00 ms  (average mu = 1.000, current mu = 1.000) allocation failure;",
      "[7304:0x6a1c000]    61234 ms: Mark-Compact 95.3 (110.2) -> 80.1 (112.4) MB, 12.10 / 0.00 ms  (average mu = 0.980, current mu = 0.970) allocation failure; scavenge might not succeed",
      "[7304:0x6a1c000]   120000 ms: Mark-Compact (reduce) 81.0 (113.0) -> 79.5 (100.0) MB, 20.00 / 0.00 ms  (average mu = 0.9) memory reducer",
    ].join("\n");
    expect(fullGcs(output)).toEqual([
      { atMin: 61234 / 60_000, liveMb: 80.1, committedMb: 112.4 },
      { atMin: 2, liveMb: 79.5, committedMb: 100 },
    ]);
  });
});

describe("liveHeapOf", () => {
  it("fits the live heap over the second half of the process's life, so warm-up does not count", () => {
    const gcs = [0, 2, 4, 6, 8, 10].map((atMin) => ({ atMin, liveMb: atMin < 5 ? 20 + atMin * 10 : 80 + (atMin - 6) * 0.5, committedMb: 200 }));
    const heap = liveHeapOf(gcs);
    expect(heap.collections).toBe(6);
    expect(heap.lastMb).toBe(82);
    expect(heap.slopeMbPerMin).toBeCloseTo(0.5);
  });

  it("is flat and empty without collections", () => {
    expect(liveHeapOf([])).toEqual({ collections: 0, lastMb: 0, slopeMbPerMin: 0 });
  });
});
