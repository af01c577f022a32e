import { fullGcs } from "./gc-trace";
import { liveHeapOf, memoryVerdict, type SoakSummary } from "./soak";

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

describe("memoryVerdict", () => {
  const services = <T>(v: T) => ({ "risk-engine": v, "action-dispatcher": v, "alert-gateway": v, archiver: v });
  const heap = (slopeMbPerMin: number) => ({ collections: 10, lastMb: 40, slopeMbPerMin });
  const summary = (o: { rss?: number; live?: number; state?: number }): SoakSummary => ({
    samples: 180,
    rssSlopeMbPerMin: { ...services(0.1), "risk-engine": o.rss ?? 0.1 },
    rssLastMb: services(100),
    stateSlopeMbPerMin: o.state ?? 0,
    stateLastMb: 8,
    lagSlopePerMin: 0,
    lagLast: 0,
    liveHeap: { ...services(heap(0.1)), archiver: heap(o.live ?? 0.1) },
  });

  it("passes when RSS, live heap and state are all within 1 MB/min", () => {
    expect(memoryVerdict(summary({ rss: 0.9, live: 0.9, state: 0.9 }))).toEqual([]);
  });

  it("fails on RSS growth even with a flat live heap (memory outside V8's heap)", () => {
    expect(memoryVerdict(summary({ rss: 5.6 }))).toEqual(["RSS grows more than 1 MB/min in the second half: risk-engine"]);
  });

  it("fails on live-heap growth even with flat RSS, and on state growth", () => {
    expect(memoryVerdict(summary({ live: 1.5, state: 2 }))).toEqual([
      "live heap after full GC grows more than 1 MB/min in the second half: archiver",
      "engine state grows more than 1 MB/min in the second half",
    ]);
  });
});
