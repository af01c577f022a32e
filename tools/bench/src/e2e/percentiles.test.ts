import { percentile, summarize } from "./percentiles";

describe("percentiles", () => {
  it("uses the nearest rank", () => {
    const sorted = Float64Array.from({ length: 1000 }, (_, i) => i + 1);
    expect(percentile(sorted, 0.5)).toBe(500);
    expect(percentile(sorted, 0.99)).toBe(990);
    expect(percentile(sorted, 0.999)).toBe(999);
  });

  it("summarizes unsorted samples and says NaN for none", () => {
    const s = summarize([30, 10, 20]);
    expect(s).toEqual({ count: 3, p50: 20, p99: 30, p999: 30, max: 30 });
    expect(Number.isNaN(summarize([]).p50)).toBe(true);
  });
});
