import { Rng } from "./rng";

describe("Rng", () => {
  it("repeats its stream for the same seed and differs for another", () => {
    const a = new Rng(9001);
    const b = new Rng(9001);
    const c = new Rng(9002);
    const sa = Array.from({ length: 100 }, () => a.uint32());
    expect(Array.from({ length: 100 }, () => b.uint32())).toEqual(sa);
    expect(Array.from({ length: 100 }, () => c.uint32())).not.toEqual(sa);
  });

  it("keeps draws inside their bounds", () => {
    const rng = new Rng(1);
    for (let i = 0; i < 10_000; i++) {
      const f = rng.float();
      expect(f >= 0 && f < 1).toBe(true);
      const n = rng.int(3, 7);
      expect(n >= 3 && n <= 7 && Number.isInteger(n)).toBe(true);
      const l = rng.logUniform(30, 3000);
      expect(l >= 30 && l <= 3000).toBe(true);
    }
  });

  it("hits every integer of a small range roughly evenly", () => {
    const rng = new Rng(7);
    const counts = [0, 0, 0, 0, 0, 0];
    for (let i = 0; i < 60_000; i++) counts[rng.int(0, 5)]! += 1;
    for (const c of counts) expect(Math.abs(c - 10_000)).toBeLessThan(500);
  });

  it("gives a log-normal the mean and spread asked for", () => {
    const rng = new Rng(3);
    const xs = Array.from({ length: 50_000 }, () => rng.logNormalMeanCv(1000, 0.5));
    const mean = xs.reduce((s, x) => s + x, 0) / xs.length;
    const sd = Math.sqrt(xs.reduce((s, x) => s + (x - mean) ** 2, 0) / xs.length);
    expect(Math.abs(mean - 1000)).toBeLessThan(15);
    expect(Math.abs(sd / mean - 0.5)).toBeLessThan(0.03);
  });
});
