import { hash32, hashHex64 } from "./hash";
import { createHyperLogLog, hllAdd, hllEstimate, hllMerge } from "./hyperloglog";
import { cmsAdd, cmsEstimate, cmsScale, createCountMin } from "./count-min";
import { createSpaceSaving, ssAdd, ssTop } from "./space-saving";
import { normalizedEntropy, topShare } from "./concentration";

describe("hash32", () => {
  it("is stable and spreads near-identical keys", () => {
    expect(hash32("user-1")).toBe(hash32("user-1"));
    expect(hash32("user-1")).not.toBe(hash32("user-2"));
    expect(hash32("user-1", 1)).not.toBe(hash32("user-1", 2));
    expect(hashHex64("x")).toMatch(/^[0-9a-f]{16}$/);
  });
});

describe("HyperLogLog", () => {
  it.each([10, 1000, 50_000])("estimates %i distinct keys within 5%", (n) => {
    const hll = createHyperLogLog(12);
    for (let i = 0; i < n; i++) {
      hllAdd(hll, hash32(`k${i}`));
      hllAdd(hll, hash32(`k${i}`));
    }
    expect(Math.abs(hllEstimate(hll) - n) / n).toBeLessThan(0.05);
  });
  it("merges to the union", () => {
    const a = createHyperLogLog(12);
    const b = createHyperLogLog(12);
    for (let i = 0; i < 2000; i++) hllAdd(a, hash32(`k${i}`));
    for (let i = 1000; i < 3000; i++) hllAdd(b, hash32(`k${i}`));
    hllMerge(a, b);
    expect(Math.abs(hllEstimate(a) - 3000) / 3000).toBeLessThan(0.05);
  });
  it("rejects bad precision", () => expect(() => createHyperLogLog(2)).toThrow(RangeError));
});

describe("count-min", () => {
  it("never undercounts and stays close for heavy keys", () => {
    const cms = createCountMin(512, 3);
    for (let i = 0; i < 5000; i++) cmsAdd(cms, hash32(`noise${i}`));
    for (let i = 0; i < 300; i++) cmsAdd(cms, hash32("heavy"));
    const est = cmsEstimate(cms, hash32("heavy"));
    expect(est).toBeGreaterThanOrEqual(300);
    expect(est).toBeLessThan(300 + 60);
  });
  it("scales (decays) and resets", () => {
    const cms = createCountMin(64, 2);
    cmsAdd(cms, hash32("a"), 8);
    cmsScale(cms, 0.5);
    expect(cmsEstimate(cms, hash32("a"))).toBe(4);
    cmsScale(cms, 0);
    expect(cmsEstimate(cms, hash32("a"))).toBe(0);
  });
});

describe("space-saving", () => {
  it("keeps the heavy hitters in a long tail", () => {
    const ss = createSpaceSaving(16);
    for (let i = 0; i < 1000; i++) {
      ssAdd(ss, `tail${i}`);
      if (i % 4 === 0) ssAdd(ss, "hot");
      if (i % 5 === 0) ssAdd(ss, "warm");
    }
    const top = ssTop(ss, 2).map((e) => e.key);
    expect(top).toEqual(["hot", "warm"]);
    expect(ss.total).toBe(1000 + 250 + 200);
  });
});

describe("concentration", () => {
  it("top share and entropy separate one heavy key from an even spread", () => {
    expect(topShare([90, 5, 5], 100, 1)).toBeCloseTo(0.9);
    expect(topShare([], 0, 3)).toBe(0);
    const even = normalizedEntropy([10, 10, 10, 10], 40);
    const skewed = normalizedEntropy([37, 1, 1, 1], 40);
    expect(even).toBeCloseTo(1);
    expect(skewed).toBeLessThan(0.4);
  });
  it("treats untracked mass as singletons", () => {
    expect(normalizedEntropy([1], 100)).toBeGreaterThan(0.99);
  });
});
