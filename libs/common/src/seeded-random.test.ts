import { mulberry32 } from "./seeded-random";

describe("mulberry32", () => {
  it("repeats its sequence for a seed and differs between seeds", () => {
    const a = mulberry32(42);
    const b = mulberry32(42);
    const first = Array.from({ length: 5 }, () => a());
    expect(Array.from({ length: 5 }, () => b())).toEqual(first);
    expect(mulberry32(43)()).not.toBe(first[0]);
  });

  it("stays in [0, 1) and spreads evenly", () => {
    const next = mulberry32(7);
    const bins = new Array<number>(10).fill(0);
    for (let i = 0; i < 100_000; i++) {
      const x = next();
      expect(x >= 0 && x < 1).toBe(true);
      bins[Math.floor(x * 10)]!++;
    }
    for (const n of bins) expect(Math.abs(n - 10_000)).toBeLessThan(500);
  });
});
