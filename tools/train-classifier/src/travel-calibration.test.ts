import { join } from "node:path";
import { parseArgs } from "./train-config";
import { balancedAccuracy, equalMassEce } from "./metrics";
import type { HeldOutScores } from "./lodo";
import { applyCorrection, composeCorrection, crossFitted, fitCorrection, logit } from "./travel-calibration";
import { createRandom } from "./rng";

const sigmoid = (z: number): number => 1 / (1 + Math.exp(-z));

/** A held-out domain whose true log-odds are `z`, scored by a model that is overconfident (×3) and shifted down by 4, as a new product category is. */
function domain(name: string, n: number, seed: number): HeldOutScores {
  const random = createRandom(seed);
  const scores: number[] = [];
  const targets: number[] = [];
  for (let i = 0; i < n; i++) {
    const z = (random() - 0.5) * 6;
    targets.push(random() < sigmoid(z) ? 1 : 0);
    scores.push(sigmoid(3 * z - 4));
  }
  return { fold: `fold ${name}`, label: "NEGATIVE_REVIEW", family: "product category", domain: name, scores, targets };
}

describe("travel calibration", () => {
  const groups = ["a", "b", "c", "d"].map((name, i) => domain(name, 1000, 11 + i));

  it("learns to undo a shared overconfidence and shift from the other domains", () => {
    const correction = fitCorrection(groups.slice(1));
    expect(correction.a).toBeGreaterThan(0.25);
    expect(correction.a).toBeLessThan(0.45);
    expect(correction.b).toBeGreaterThan(1.1);
    expect(correction.b).toBeLessThan(1.55);
  });

  it("improves balanced accuracy and calibration on a domain it was not fitted on", () => {
    for (const row of crossFitted(groups, () => 0.5)) {
      expect(row.after.balancedAccuracy!).toBeGreaterThan(row.before.balancedAccuracy! + 0.05);
      expect(row.after.ece).toBeLessThan(row.before.ece / 2);
      expect(row.correction).toEqual(fitCorrection(groups.filter((g) => g.domain !== row.domain)));
    }
    const held = groups[0]!;
    const correction = fitCorrection(groups.slice(1));
    const corrected = held.scores.map((s) => applyCorrection(correction, s));
    expect(equalMassEce(corrected, held.targets, 15)).toBeLessThan(0.05);
    expect(balancedAccuracy(corrected, held.targets, 0.5)).toBeGreaterThan(0.7);
  });

  it("leaves out every group of the scored domain, even when two folds scored it", () => {
    const twice = [...groups, { ...groups[0]!, fold: "another fold", scores: groups[0]!.scores.map(() => 0.99) }];
    const row = crossFitted(twice, () => 0.5)[0]!;
    expect(row.correction).toEqual(fitCorrection(groups.slice(1)));
  });

  it("folds into the label's Platt parameters exactly", () => {
    const correction = { a: 0.4, b: 0.7 };
    const parameters = { bias: 0, weightScale: 1, plattA: 1.3, plattB: -0.2 };
    const composed = composeCorrection(parameters, correction);
    for (const raw of [-4, -0.5, 0, 1.2, 5]) {
      const direct = applyCorrection(correction, sigmoid(parameters.plattA * raw + parameters.plattB));
      expect(sigmoid(composed.plattA * raw + composed.plattB)).toBeCloseTo(direct, 9);
    }
    expect(logit(0)).toBeLessThan(-13);
    expect(logit(1)).toBeGreaterThan(13);
  });
});

describe("parseArgs travel calibration options", () => {
  it("ships the in-domain calibration alone unless a corrections file is named", () => {
    expect(parseArgs([]).travelCalibration).toBeNull();
    expect(parseArgs(["--travel-calibration", "none"]).travelCalibration).toBeNull();
    expect(parseArgs(["--travel-calibration", "results/x.json"]).travelCalibration).toBe(join(process.cwd(), "results", "x.json"));
    expect(parseArgs([]).weightsFrom).toBeNull();
    expect(parseArgs(["--weights-from", "/tmp/m"]).weightsFrom).toBe("/tmp/m");
  });
});

describe("slope-only correction", () => {
  it("changes confidence but no decision at 0.5", () => {
    const groups = ["a", "b", "c"].map((name, i) => domain(name, 1000, 31 + i));
    const correction = fitCorrection(groups, "slope");
    expect(correction.b).toBe(0);
    expect(correction.a).toBeLessThan(0.6);
    for (const s of groups[0]!.scores) expect(applyCorrection(correction, s) >= 0.5).toBe(s >= 0.5);
  });
});
