import { mulberry32 } from "@redline/common";
import { judgeAgainstPeers, mergePartials, peerGroupOf, QuantileSketch, RollingSketches, SketchFormatError, InvalidMeasurementError } from "./index";

/** Log-normal values, like shares and rates of rooms: most small, a long upper tail. */
function draws(seed: number, n: number): number[] {
  const rand = mulberry32(seed);
  return Array.from({ length: n }, () => Math.exp(-2 + Math.sqrt(-2 * Math.log(1 - rand())) * Math.cos(2 * Math.PI * rand())));
}

function exactQuantile(values: number[], q: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(q * (sorted.length - 1))]!;
}

describe("QuantileSketch", () => {
  it("reads quantiles back within its relative accuracy", () => {
    const values = draws(1, 20_000);
    const sketch = new QuantileSketch();
    for (const v of values) sketch.add(v);
    for (const q of [0.1, 0.5, 0.75, 0.9, 0.99]) {
      const exact = exactQuantile(values, q);
      expect(Math.abs(sketch.quantile(q) - exact) / exact).toBeLessThanOrEqual(0.021);
    }
    expect(sketch.count).toBe(20_000);
  });

  it("gives a value's mid-rank among the peers, zeros counted apart", () => {
    const sketch = new QuantileSketch();
    for (let i = 0; i < 50; i++) sketch.add(0);
    for (let i = 1; i <= 50; i++) sketch.add(i);
    expect(sketch.rankOf(0)).toBeCloseTo(0.25, 5);
    expect(sketch.rankOf(1000)).toBe(1);
    expect(sketch.rankOf(25)).toBeGreaterThan(0.72);
    expect(sketch.rankOf(25)).toBeLessThan(0.76);
    expect(sketch.quantile(0.2)).toBe(0);
  });

  it("merges to the same sketch whatever the order, as partitions' partials arrive in any order", () => {
    const parts = [draws(2, 3_000), draws(3, 500), draws(4, 7_000)].map((vs) => {
      const s = new QuantileSketch();
      for (const v of vs) s.add(v);
      return s.encode();
    });
    const forward = mergePartials(parts)!.encode();
    const backward = mergePartials([...parts].reverse())!.encode();
    expect(backward).toEqual(forward);
    const whole = new QuantileSketch();
    for (const v of [...draws(2, 3_000), ...draws(3, 500), ...draws(4, 7_000)]) whole.add(v);
    expect(whole.encode()).toEqual(forward);
  });

  it("stays within its bin limit by collapsing the lowest bins, keeping the upper tail exact", () => {
    const sketch = new QuantileSketch({ relativeAccuracy: 0.02, maxBins: 48 });
    const values = draws(5, 5_000);
    for (const v of values) sketch.add(v);
    expect(sketch.encode().indexes.length).toBeLessThanOrEqual(48);
    expect(sketch.quantile(0.01)).toBeGreaterThan(exactQuantile(values, 0.01) * 1.1);
    const exact = exactQuantile(values, 0.99);
    expect(Math.abs(sketch.quantile(0.99) - exact) / exact).toBeLessThanOrEqual(0.021);
  });

  it("refuses values that are not measurements and encodings that are not sketches, naming the problem", () => {
    const sketch = new QuantileSketch();
    expect(() => sketch.add(-1)).toThrow(InvalidMeasurementError);
    expect(() => sketch.add(Number.NaN)).toThrow(/finite number/);
    expect(() => QuantileSketch.decode({ relativeAccuracy: 0.02, maxBins: 8, zeros: 0, indexes: [1, 1], counts: [1, 2] })).toThrow(SketchFormatError);
    expect(() => QuantileSketch.decode({ relativeAccuracy: 0.02, maxBins: 8, zeros: 0, indexes: [1], counts: [] })).toThrow(/equal length/);
    const other = new QuantileSketch({ relativeAccuracy: 0.05, maxBins: 256 });
    expect(() => sketch.merge(other)).toThrow(/different accuracy/);
  });

  it("round-trips through its encoding", () => {
    const sketch = new QuantileSketch();
    for (const v of draws(6, 1_000)) sketch.add(v);
    sketch.add(0);
    const back = QuantileSketch.decode(sketch.encode());
    expect(back.encode()).toEqual(sketch.encode());
    expect(back.quantile(0.9)).toBe(sketch.quantile(0.9));
  });
});

describe("RollingSketches", () => {
  it("publishes the window ending at the closed minute and forgets minutes that left it", () => {
    const rolling = new RollingSketches({ windowMinutes: 3, maxKeys: 10, sketch: { relativeAccuracy: 0.02, maxBins: 64 } });
    const m = (k: number) => 1_800_000_000_000 + k * 60_000;
    for (let k = 0; k < 5; k++) for (let i = 0; i < 10; i++) rolling.add("g/likes_per_viewer", m(k) + i * 1_000, k + 1);
    const at2 = rolling.closeMinute(m(2)).get("g/likes_per_viewer")!;
    expect(at2.counts.reduce((a, b) => a + b, 0) + at2.zeros).toBe(30);
    const at4 = QuantileSketch.decode(rolling.closeMinute(m(4)).get("g/likes_per_viewer")!);
    expect(at4.count).toBe(30);
    expect(at4.quantile(0)).toBeCloseTo(3, 1);
    expect(rolling.closeMinute(m(20)).size).toBe(0);
    expect(rolling.snapshot().minutes).toEqual([]);
  });

  it("gives the same platform-wide sketch from two partitions' partials as from one partition holding every room", () => {
    const opts = { windowMinutes: 5, maxKeys: 10, sketch: { relativeAccuracy: 0.02, maxBins: 128 } };
    const [a, b, all] = [new RollingSketches(opts), new RollingSketches(opts), new RollingSketches(opts)];
    const values = draws(7, 400);
    values.forEach((v, i) => {
      const t = 1_800_000_000_000 + (i % 5) * 60_000;
      (i % 2 === 0 ? a : b).add("k", t, v);
      all.add("k", t, v);
    });
    const minute = 1_800_000_000_000 + 4 * 60_000;
    expect(mergePartials([a.closeMinute(minute).get("k")!, b.closeMinute(minute).get("k")!])!.encode()).toEqual(all.closeMinute(minute).get("k"));
  });

  it("holds at most maxKeys keys, counting what it refused, and restores from its snapshot", () => {
    const rolling = new RollingSketches({ windowMinutes: 2, maxKeys: 2, sketch: { relativeAccuracy: 0.02, maxBins: 32 } });
    for (const key of ["a", "b", "c"]) rolling.add(key, 1_800_000_000_000, 1);
    expect(rolling.refused).toBe(1);
    const restored = RollingSketches.restore(rolling.snapshot());
    expect([...restored.closeMinute(1_800_000_000_000).keys()]).toEqual(["a", "b"]);
    expect(restored.refused).toBe(1);
  });
});

describe("judgeAgainstPeers", () => {
  const prior = { lowerQuartile: 0.05, median: 0.1 };

  it("answers from the shipped prior below the minimum of peers, and says so", () => {
    const few = new QuantileSketch();
    for (let i = 0; i < 5; i++) few.add(0.5);
    const j = judgeAgainstPeers(0.15, few, prior);
    expect(j.source).toBe("prior");
    expect(j.robustScore).toBeCloseTo(1, 6);
    expect(j.quantile).toBeCloseTo(0.75, 6);
    expect(j.peers).toBe(5);
  });

  it("keeps an unusual room unusual when a fifth of the peers are attacked, where a mean and deviation would hide it", () => {
    const ordinary = draws(8, 800).map((v) => Math.min(1, v));
    const attacked = Array.from({ length: 200 }, () => 0.9);
    const clean = new QuantileSketch();
    const dirty = new QuantileSketch();
    for (const v of ordinary) clean.add(v), dirty.add(v);
    for (const v of attacked) dirty.add(v);
    const room = 0.6;
    const a = judgeAgainstPeers(room, clean, prior);
    const b = judgeAgainstPeers(room, dirty, prior);
    expect(a.source).toBe("peers");
    expect(b.robustScore).toBeGreaterThan(a.robustScore * 0.5);
    expect(b.robustScore).toBeGreaterThan(2);
    const mean = (xs: number[]) => xs.reduce((s, x) => s + x, 0) / xs.length;
    const sd = (xs: number[]) => Math.sqrt(mean(xs.map((x) => (x - mean(xs)) ** 2)));
    const z = (xs: number[]) => (room - mean(xs)) / sd(xs);
    expect(z([...ordinary, ...attacked])).toBeLessThan(z(ordinary) * 0.5);
  });

  it("never divides by a spread smaller than a share of the prior's, when every peer shows one value", () => {
    const same = new QuantileSketch();
    for (let i = 0; i < 100; i++) same.add(0.1);
    const j = judgeAgainstPeers(0.1125, same, prior);
    expect(j.source).toBe("peers");
    expect(j.robustScore).toBeLessThan(1.2);
  });
});

describe("peerGroupOf", () => {
  it("groups by platform, category and size band, with unknowns apart", () => {
    expect(peerGroupOf({ platform: "douyin", category: "beauty", viewers: 40 })).toBe("douyin|beauty|s");
    expect(peerGroupOf({ platform: "douyin", category: "beauty", viewers: 40_000 })).toBe("douyin|beauty|xl");
    expect(peerGroupOf({ platform: "", category: "food", viewers: 3 })).toBe("?|food|xs");
  });
});
