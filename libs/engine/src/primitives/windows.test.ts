import { createSlidingWindow, swAdd, swSum } from "./sliding-window";
import { createInterArrival, createRunningStats, iaAdd, rsAdd, rsCoefficientOfVariation } from "./running-stats";
import { boundedUpsert, evictOldest, setMostRecent } from "@redline/common";
import { isFreshAccount, DAY_MS } from "./account-age";

describe("sliding window", () => {
  it("sums the last span and forgets older buckets", () => {
    const w = createSlidingWindow(1000, 10);
    swAdd(w, 500, 2);
    swAdd(w, 5_500, 3);
    expect(swSum(w, 9_999)).toBe(5);
    expect(swSum(w, 10_000)).toBe(3);
    expect(swSum(w, 15_000)).toBe(0);
  });
  it("accepts out-of-order adds still inside the window, rejects older ones", () => {
    const w = createSlidingWindow(1000, 10);
    swAdd(w, 20_000);
    expect(swAdd(w, 12_000)).toBe(true);
    expect(swAdd(w, 9_000)).toBe(false);
    expect(swSum(w, 20_000)).toBe(2);
  });
  it("jumps over a long gap without iterating it", () => {
    const w = createSlidingWindow(1, 4);
    swAdd(w, 1);
    swAdd(w, 1e12);
    expect(swSum(w, 1e12)).toBe(1);
  });
});

describe("running stats / inter-arrival regularity", () => {
  it("gives low CV for metronomic gaps and ~1 for exponential gaps", () => {
    const metronome = createInterArrival();
    for (let i = 0; i < 50; i++) iaAdd(metronome, i * 1000 + (i % 2) * 10);
    expect(rsCoefficientOfVariation(metronome.gaps)).toBeLessThan(0.05);
    const poisson = createRunningStats();
    let x = 12345;
    for (let i = 0; i < 5000; i++) {
      x = (Math.imul(x, 1103515245) + 12345) >>> 0;
      rsAdd(poisson, -Math.log((x + 1) / 4294967297));
    }
    expect(rsCoefficientOfVariation(poisson)).toBeGreaterThan(0.9);
    expect(rsCoefficientOfVariation(poisson)).toBeLessThan(1.1);
  });
});

describe("bounded map", () => {
  it("evicts the oldest inserted entry past capacity", () => {
    const m = new Map<string, number>();
    boundedUpsert(m, "a", 2, () => 1);
    boundedUpsert(m, "b", 2, () => 2);
    expect(boundedUpsert(m, "a", 2, () => 9)).toBe(1);
    boundedUpsert(m, "c", 2, () => 3);
    expect([...m.keys()]).toEqual(["b", "c"]);
  });

  it("moves a re-set key to the recent end, so the least recently set is evicted", () => {
    const m = new Map<string, number>([["a", 1], ["b", 2]]);
    setMostRecent(m, "a", 3, 2);
    setMostRecent(m, "c", 4, 2);
    expect([...m.entries()]).toEqual([["a", 3], ["c", 4]]);
    expect(evictOldest(m, 0)).toBe(2);
  });
});

describe("account age", () => {
  it("treats unknown creation time as not fresh", () => {
    expect(isFreshAccount(0, 10 * DAY_MS, 7 * DAY_MS)).toBe(false);
    expect(isFreshAccount(9 * DAY_MS, 10 * DAY_MS, 7 * DAY_MS)).toBe(true);
    expect(isFreshAccount(1 * DAY_MS, 10 * DAY_MS, 7 * DAY_MS)).toBe(false);
  });
});
