import { mulberry32 } from "@redline/common";
import { ZipfSampler } from "./zipf";

describe("ZipfSampler", () => {
  it("draws ranks in proportion to 1/(k+1)^s", () => {
    const zipf = new ZipfSampler(100, 1.1, mulberry32(1));
    const counts = new Array<number>(100).fill(0);
    const draws = 200_000;
    for (let i = 0; i < draws; i++) counts[zipf.next()]!++;
    for (const k of [0, 1, 9, 99]) expect(counts[k]! / draws).toBeCloseTo(zipf.share(k), 2);
    expect(counts[0]! / counts[1]!).toBeCloseTo(Math.pow(2, 1.1), 1);
  });

  it("has shares that sum to one and refuses an empty range", () => {
    const zipf = new ZipfSampler(50, 1, mulberry32(2));
    let total = 0;
    for (let k = 0; k < 50; k++) total += zipf.share(k);
    expect(total).toBeCloseTo(1, 9);
    expect(() => new ZipfSampler(0, 1, mulberry32(3))).toThrow(/n >= 1/);
  });
});
