import { alignWithSnapshots, snapshotRecords } from "./snapshot-stalls";

describe("snapshot stalls against processing samples (#15)", () => {
  const log = [
    '{"time":"t","level":"info","msg":"partitions assigned","partitions":[0,1]}',
    '{"time":"t","level":"info","msg":"snapshot written","partition":0,"startedAtMs":10000,"blockedMs":500,"wallMs":700,"bytes":9}',
    "not json",
    '{"time":"t","level":"info","msg":"snapshot written","partition":1,"startedAtMs":20000,"blockedMs":2,"wallMs":900,"bytes":9}',
    '{"time":"t","level":"info","msg":"snapshot writ',
  ].join("\n");

  it("reads the engine's snapshot lines and skips the rest", () => {
    expect(snapshotRecords(log).map((r) => [r.partition, r.startedAtMs, r.blockedMs, r.wallMs])).toEqual([
      [0, 10_000, 500, 700],
      [1, 20_000, 2, 900],
    ]);
  });

  it("counts a sample as during a snapshot from its start until a second after it was written", () => {
    const snaps = snapshotRecords(log);
    const a = alignWithSnapshots(
      [
        { fromMs: 9_900, toMs: 10_600, valueMs: 700 }, // overlaps the first snapshot's block
        { fromMs: 11_600, toMs: 11_650, valueMs: 50 }, // within the second after it was written (10,700)
        { fromMs: 11_700, toMs: 11_750, valueMs: 45 }, // after that
        { fromMs: 19_000, toMs: 19_990, valueMs: 990 }, // ends before the second began
        { fromMs: 20_800, toMs: 20_840, valueMs: 39 }, // while the second was written (900 ms)
      ],
      snaps,
      { fromMs: 0, toMs: 15_000 },
    );
    expect([a.during.count, a.during.max, a.clear.count, a.clear.max]).toEqual([3, 700, 2, 990]);
    expect(a.count).toBe(1);
    expect(a.blockedShare).toBeCloseTo(500 / 15_000);
  });
});
