import { median, parseVariant, roundOrder } from "./tuning-phase";

describe("tuning phase helpers", () => {
  it("rotates the order of the variants each round, so none always runs first", () => {
    expect([0, 1, 2].map((r) => roundOrder(3, r))).toEqual([
      [0, 1, 2],
      [1, 2, 0],
      [2, 0, 1],
    ]);
  });

  it("takes the median of odd and even counts", () => {
    expect(median([3, 1, 2])).toBe(2);
    expect(median([4, 1, 3, 2])).toBe(2.5);
    expect(median([])).toBeNaN();
  });

  it("refuses a variant without a name", () => {
    expect(() => parseVariant("REDLINE_A=1")).toThrow(/--variant/);
    expect(parseVariant("base:")).toEqual({ name: "base", env: {} });
  });
});
