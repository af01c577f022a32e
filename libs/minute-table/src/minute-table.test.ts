import { InvalidProgressError, ProducerLayoutError } from "./errors";
import { MinuteVersionedTable } from "./minute-versioned-table";
import { ProducerProgress } from "./producer-progress";
import { isProgressMark, progressHeaders, readProgress, readTableMinute, TABLE_MINUTE_HEADER } from "./progress";
import { tableKeyOf, tableRecordKey } from "./record-key";
import { WatermarkRelease } from "./watermark-release";

const M = 60_000;
const T = 1_757_674_800_000; // a minute start

describe("progress headers", () => {
  it("round-trip, and a malformed header is refused naming it", () => {
    const mark = { producerPartition: 2, producerPartitions: 4, watermarkMs: T + 5 };
    expect(readProgress(progressHeaders(mark))).toEqual(mark);
    expect(isProgressMark(progressHeaders(mark, true))).toBe(true);
    expect(isProgressMark(progressHeaders(mark))).toBe(false);
    expect(() => readProgress({ ...progressHeaders(mark), "redline-producer-partition": "4" })).toThrow(/redline-producer-partition/);
    expect(() => readProgress({ ...progressHeaders(mark), "redline-producer-watermark-ms": "1.5" })).toThrow(InvalidProgressError);
    expect(() => readProgress({})).toThrow(/missing/);
    expect(readTableMinute({ [TABLE_MINUTE_HEADER]: String(T) })).toBe(T);
    expect(() => readTableMinute({ [TABLE_MINUTE_HEADER]: String(T + 1) })).toThrow(/start of a minute/);
  });

  it("record keys keep the table key, even one with an @ in it", () => {
    expect(tableKeyOf(tableRecordKey("a@b", T, 3))).toBe("a@b");
    expect(() => tableKeyOf("plain")).toThrow(InvalidProgressError);
  });
});

describe("ProducerProgress", () => {
  it("is -Infinity until every (partition, producer) is heard from, then the least watermark", () => {
    const progress = new ProducerProgress(2);
    progress.observe(0, { producerPartition: 0, producerPartitions: 2, watermarkMs: 100 });
    progress.observe(1, { producerPartition: 0, producerPartitions: 2, watermarkMs: 300 });
    progress.observe(0, { producerPartition: 1, producerPartitions: 2, watermarkMs: 200 });
    expect(progress.frontierMs()).toBe(Number.NEGATIVE_INFINITY);
    expect(progress.missing()).toEqual(["1/1"]);
    progress.observe(1, { producerPartition: 1, producerPartitions: 2, watermarkMs: 250 });
    expect(progress.frontierMs()).toBe(100);
    // An older mark re-read after a restart does not move it back.
    progress.observe(0, { producerPartition: 0, producerPartitions: 2, watermarkMs: 50 });
    expect(progress.frontierMs()).toBe(100);
    expect(ProducerProgress.fromSnapshot(progress.toSnapshot()).frontierMs()).toBe(100);
    expect(() => progress.observe(0, { producerPartition: 0, producerPartitions: 3, watermarkMs: 400 })).toThrow(ProducerLayoutError);
  });
});

describe("WatermarkRelease", () => {
  it("releases in (eventTimeMs, eventId) order whatever the arrival order, and refuses what is late", () => {
    const records = [
      { eventTimeMs: 30, eventId: "b" },
      { eventTimeMs: 10, eventId: "z" },
      { eventTimeMs: 30, eventId: "a" },
      { eventTimeMs: 50, eventId: "c" },
    ];
    const forward = new WatermarkRelease<(typeof records)[number]>();
    const backward = new WatermarkRelease<(typeof records)[number]>();
    for (const r of records) forward.add(r);
    for (const r of [...records].reverse()) backward.add(r);
    const released = forward.releaseThrough(30);
    expect(released.map((r) => r.eventId)).toEqual(["z", "a", "b"]);
    expect(backward.releaseThrough(30)).toEqual(released);
    expect(forward.add({ eventTimeMs: 30, eventId: "late" })).toBe(false);
    expect(forward.heldCount).toBe(1);
    const restored = WatermarkRelease.fromSnapshot(forward.toSnapshot());
    expect(restored.releaseThrough(60).map((r) => r.eventId)).toEqual(["c"]);
  });

  it("releases a record a restarted producer sent again once", () => {
    const release = new WatermarkRelease<{ eventTimeMs: number; eventId: string }>();
    for (const r of [{ eventTimeMs: 10, eventId: "a" }, { eventTimeMs: 20, eventId: "b" }, { eventTimeMs: 10, eventId: "a" }, { eventTimeMs: 20, eventId: "c" }, { eventTimeMs: 20, eventId: "b" }]) release.add(r);
    expect(release.releaseThrough(30).map((r) => `${r.eventTimeMs}${r.eventId}`)).toEqual(["10a", "20b", "20c"]);
  });
});

describe("MinuteVersionedTable", () => {
  const mark = (p: number, watermarkMs: number) => ({ producerPartition: p, producerPartitions: 2, watermarkMs });

  it("is ready through the last event time readyFor holds at", () => {
    const table = new MinuteVersionedTable<string>(1);
    expect(table.readyThroughMs()).toBe(Number.NEGATIVE_INFINITY);
    for (const watermarkMs of [T - 1, T, T + 1, T + M - 2, T + M - 1, T + 5 * M + 17_000]) {
      table.observe(0, mark(0, watermarkMs));
      table.observe(0, mark(1, watermarkMs));
      const through = table.readyThroughMs();
      expect(table.readyFor(through)).toBe(true);
      expect(table.readyFor(through + 1)).toBe(false);
    }
  });

  it("uses a version only for events of later minutes, and is ready only once every producer passed the previous minute", () => {
    const table = new MinuteVersionedTable<string>(1);
    table.put("acct", { minuteMs: T, producerPartition: 0, value: "medium" });
    expect(table.valueAt("acct", T + 59_999)).toBeUndefined();
    expect(table.valueAt("acct", T + M)).toBe("medium");
    table.observe(0, mark(0, T + M - 1));
    expect(table.readyFor(T + M)).toBe(false);
    table.observe(0, mark(1, T + M - 5));
    expect(table.readyFor(T + M)).toBe(false);
    table.observe(0, mark(1, T + M));
    expect(table.readyFor(T + M + 30_000)).toBe(true);
    expect(table.readyFor(T + 2 * M)).toBe(false);
  });

  it("answers the same whatever order versions arrive in; the producer's last word on a minute wins", () => {
    const versions = [
      { minuteMs: T, producerPartition: 0, value: "low" },
      { minuteMs: T + 2 * M, producerPartition: 0, value: "high" },
      { minuteMs: T + M, producerPartition: 0, value: "medium" },
      { minuteMs: T + 3 * M, producerPartition: 0, value: null },
    ];
    const forward = new MinuteVersionedTable<string>(1);
    const backward = new MinuteVersionedTable<string>(1);
    for (const v of versions) forward.put("acct", v);
    for (const v of [...versions].reverse()) backward.put("acct", v);
    for (const t of [T, T + M, T + 2 * M + 1, T + 3 * M, T + 4 * M]) expect(backward.valueAt("acct", t)).toBe(forward.valueAt("acct", t));
    expect(forward.valueAt("acct", T + 3 * M)).toBe("high");
    expect(forward.valueAt("acct", T + 4 * M)).toBeUndefined();
    forward.put("acct", { minuteMs: T + M, producerPartition: 0, value: "medium-revised" });
    expect(forward.valueAt("acct", T + 2 * M)).toBe("medium-revised");
  });

  it("keeps each producer's partial value, and forgets what no later event can use", () => {
    const table = new MinuteVersionedTable<number>(1);
    table.put("beauty", { minuteMs: T, producerPartition: 0, value: 3 });
    table.put("beauty", { minuteMs: T + M, producerPartition: 0, value: 5 });
    table.put("beauty", { minuteMs: T, producerPartition: 1, value: 7 });
    expect([...table.valuesAt("beauty", T + 2 * M)]).toEqual([[0, 5], [1, 7]]);
    table.forgetBefore(T + 2 * M);
    // Producer 0's minute-T version is gone (superseded before T + 2 min); producer 1's is still in force.
    expect([...table.valuesAt("beauty", T + M)]).toEqual([[1, 7]]);
    expect([...table.valuesAt("beauty", T + 2 * M)]).toEqual([[0, 5], [1, 7]]);
    table.put("gone", { minuteMs: T, producerPartition: 0, value: null });
    table.forgetBefore(T + M);
    expect(table.size).toBe(1);
  });
});
