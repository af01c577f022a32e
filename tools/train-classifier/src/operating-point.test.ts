import { targetsOf } from "./example";
import { balancedAccuracy } from "./metrics";
import { balancedAccuracyThreshold, ownSourceRows } from "./operating-point";

describe("balancedAccuracyThreshold", () => {
  it("cuts halfway between the classes when they separate", () => {
    const point = balancedAccuracyThreshold([0.01, 0.02, 0.05, 0.2, 0.3], [0, 0, 0, 1, 1]);
    expect(point.threshold).toBeCloseTo(0.125, 10);
    expect(point.balancedAccuracy).toBe(1);
  });

  it("weighs both classes alike, so a rare positive class pulls the cut down", () => {
    // 1 positive among 9 negatives: accuracy would flag nothing, balanced accuracy flags the positive and one negative.
    const scores = [0.01, 0.02, 0.03, 0.04, 0.05, 0.06, 0.07, 0.08, 0.3, 0.25];
    const targets = [0, 0, 0, 0, 0, 0, 0, 0, 0, 1];
    const point = balancedAccuracyThreshold(scores, targets);
    expect(point.threshold).toBeCloseTo(0.165, 10);
    expect(point.balancedAccuracy).toBeCloseTo((1 + 8 / 9) / 2, 4);
  });

  it("finds the best cut by brute force on mixed scores, ties included", () => {
    const scores = [0.1, 0.1, 0.2, 0.35, 0.35, 0.4, 0.6, 0.6, 0.7, 0.9];
    const targets = [0, 1, 0, 0, 1, 1, 0, 1, 1, 1];
    const point = balancedAccuracyThreshold(scores, targets);
    const bestByGrid = Math.max(...Array.from({ length: 101 }, (_, i) => balancedAccuracy(scores, targets, i / 100) ?? 0));
    expect(point.balancedAccuracy).toBeCloseTo(bestByGrid, 4);
    expect(balancedAccuracy(scores, targets, point.threshold)).toBeCloseTo(point.balancedAccuracy, 4);
  });

  it("refuses a set with one class", () => {
    expect(() => balancedAccuracyThreshold([0.1, 0.2], [1, 1])).toThrow(RangeError);
  });
});

describe("ownSourceRows", () => {
  it("keeps the rows that know the label from sources with positives of it", () => {
    const row = (source: string, diversion: 0 | 1 | undefined) => ({ text: source, targets: targetsOf(diversion === undefined ? {} : { DIVERSION: diversion }), weight: 1, source });
    const rows = [row("sms-spam", 1), row("sms-spam", 0), row("zh-reviews", 0), row("seed", 0), row("seed", 1), row("davidson", undefined)];
    expect(ownSourceRows(rows, 2).map((e) => `${e.source}:${e.targets[2]}`)).toEqual(["sms-spam:1", "sms-spam:0", "seed:0", "seed:1"]);
  });
});
