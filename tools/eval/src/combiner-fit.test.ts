import { fitLogistic, logitOf } from "./combiner-fit";
import { addedBy, maxAttackedAccounts, roomScores, ships, thresholdFor, type LabelledWindow } from "./combiner-judge";
import type { LabelledRoom } from "./labelled-scoring";

/** Deterministic pseudo-random numbers, so the tests' data are fixed. */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1_664_525) + 1_013_904_223) >>> 0) / 2 ** 32);
}

describe("fitLogistic", () => {
  const rnd = lcg(7);
  // Feature 0 separates the classes, feature 1 is noise, feature 2 never varies.
  const xs = Array.from({ length: 400 }, (_, n) => [(n % 4 === 0 ? 0.6 : 0.1) + 0.2 * rnd(), rnd(), 1]);
  const ys = xs.map((_, n) => n % 4 === 0);

  it("weighs the feature that separates the classes, and ranks every positive above every negative", () => {
    const m = fitLogistic(xs, ys);
    expect(m.weights[0]).toBeGreaterThan(1);
    expect(Math.abs(m.weights[1]!)).toBeLessThan(m.weights[0]! / 4);
    expect(Math.abs(m.weights[2]!)).toBeLessThan(1e-9);
    const pos = xs.filter((_, n) => ys[n]).map((x) => logitOf(m, x));
    const neg = xs.filter((_, n) => !ys[n]).map((x) => logitOf(m, x));
    expect(Math.min(...pos)).toBeGreaterThan(Math.max(...neg));
  });

  it("gives the same model for the same samples", () => {
    expect(fitLogistic(xs, ys)).toEqual(fitLogistic(xs, ys));
  });

  it("refuses samples of one class", () => {
    expect(() => fitLogistic(xs, xs.map(() => false))).toThrow(/both classes/);
  });
});

const room = (roomId: string, label: string | null, shouldCatch = true): LabelledRoom => ({ roomId, label, hardNegative: null, attackStartMs: label === null ? null : 0, params: {}, shouldCatch });
const win = (r: LabelledRoom, x: number, o: Partial<LabelledWindow> = {}): LabelledWindow => ({ seed: "s", room: r, sinceStartMs: r.attackStartMs === null ? null : 120_000, x: [x], own: r.label === "FAKE_ORDERS", ruleAlerted: false, ...o });
const identity = { mean: [0], scale: [1], weights: [1], bias: 0 };

describe("the combiner's threshold and ship rule", () => {
  const attacked = room("a", "FAKE_ORDERS");
  const caughtByRules = room("b", "FAKE_ORDERS");
  const otherLabel = room("c", "FAKE_LIKES");
  const alertedOther = room("d", "FAKE_VIEWS");
  const innocent = room("e", null);
  const windows = [win(attacked, 5), win(attacked, -1, { sinceStartMs: -60_000 }), win(caughtByRules, 9, { ruleAlerted: true }), win(otherLabel, 2), win(alertedOther, 8, { ruleAlerted: true }), win(innocent, 3), win(innocent, 1)];

  it("scores a room by its highest window after its attack started", () => {
    const scores = new Map(roomScores(identity, windows).map((r) => [r.window.room.roomId, r.logit]));
    expect(Object.fromEntries(scores)).toEqual({ a: 5, b: 9, c: 2, d: 8, e: 3 });
  });

  it("leaves out windows larger than any attacked window it was fitted on", () => {
    // x is also the window's log(1 + accounts) here: 9 is 8,102 accounts, 5 is 147, 3 is 19.
    expect(maxAttackedAccounts(windows)).toBe(8102);
    expect(Object.fromEntries(roomScores(identity, windows, 19).map((r) => [r.window.room.roomId, r.logit]))).toEqual({ c: 2, e: 3 });
  });

  it("sets the threshold over rooms where an alert could only be false and new, plus the margin", () => {
    // d (8) is alerted in its label by the rules already; the highest left is the innocent room's 3.
    expect(thresholdFor(roomScores(identity, windows))).toBe(3.5);
  });

  it("counts the catchable rooms the rules missed that the combiner catches, and the rooms it would wrongly add", () => {
    expect(addedBy(roomScores(identity, windows), 3.5)).toEqual({ caught: 1, missed: 1, otherLabel: 0, innocent: 0 });
    expect(addedBy(roomScores(identity, windows), 1.5)).toEqual({ caught: 1, missed: 1, otherLabel: 1, innocent: 1 });
  });

  it("ships a kind only if it adds rooms on held-out seeds without a room lacking an attack", () => {
    expect(ships([{ caught: 2, missed: 5, otherLabel: 0, innocent: 0 }, { caught: 1, missed: 4, otherLabel: 1, innocent: 0 }])).toBe(true);
    expect(ships([{ caught: 2, missed: 5, otherLabel: 0, innocent: 0 }])).toBe(false);
    expect(ships([{ caught: 9, missed: 9, otherLabel: 0, innocent: 1 }])).toBe(false);
    expect(ships([{ caught: 9, missed: 9, otherLabel: 2, innocent: 0 }])).toBe(false);
  });
});
