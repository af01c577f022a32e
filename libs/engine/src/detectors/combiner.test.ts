import { TransactionKind, type LiveEvent } from "@redline/proto";
import { DEFAULT_ENGINE_CONFIG } from "../config";
import { RiskEngine } from "../engine";
import { applyFalsification } from "../falsification";
import { createRoomState, type RoomState } from "../room-state";
import { actor, join, order, T0 } from "../testing/event-builders";
import { detectCohort } from "./cohort";
import { combinedFinding, combinerLogit } from "./combiner";
import type { CombinerKindModel } from "./combiner-types";
import { crowdOf } from "./room-signals";
import { WINDOW_FEATURES, WindowFeatureSums } from "./window-features";

const ROOM = "room-cb";
const DAY = 86_400_000;
const cfg = { ...DEFAULT_ENGINE_CONFIG, falsification: { ...DEFAULT_ENGINE_CONFIG.falsification, useCombiner: false } };
const f = { ...cfg.falsification, combinerActs: true };
const LOW_VALUE = WINDOW_FEATURES.indexOf("share_low_value_order");

/** A model that reads one feature only: logit = bias + weight × share of low-value orders. */
function lowValueModel(bias: number): CombinerKindModel {
  const zeros = WINDOW_FEATURES.map(() => 0);
  return { mean: zeros, scale: WINDOW_FEATURES.map(() => 1), weights: zeros.map((_, i) => (i === LOW_VALUE ? 10 : 0)), bias, threshold: 0, maxAccounts: 100 };
}

/** `buyers` aged accounts on their own phone, /24, card and address, each placing one 5-yuan order after watching. */
function lowValueBuyers(buyers: number, refund = false): { room: RoomState; lastMs: number } {
  const room = createRoomState(ROOM, T0);
  const events: LiveEvent[] = [];
  for (let b = 0; b < buyers; b++) {
    const person = actor(`buyer-${b}`, { createdMs: T0 - 900 * DAY, ip: `100.70.${b}.0/24`, device: `phone-${b}` });
    const at = T0 + 300_000 + b * 20_000;
    const o = { payment: `card-${b}`, address: `home-${b}`, amountCents: 500, orderId: `o-${b}` };
    events.push(join(ROOM, at - 120_000, person), order(ROOM, at, person, o));
    if (refund) events.push(order(ROOM, at + 30_000, person, { ...o, kind: TransactionKind.TRANSACTION_KIND_REFUND }));
  }
  events.sort((a, c) => a.eventTimeMs - c.eventTimeMs);
  for (const e of events) applyFalsification(room, e, cfg);
  return { room, lastMs: events[events.length - 1]!.eventTimeMs + 1_000 };
}

function judge(room: RoomState, timeMs: number, model: CombinerKindModel) {
  const features = new WindowFeatureSums();
  const crowd = crowdOf(room, "orders", timeMs, f);
  const byRules = detectCohort(room, "orders", timeMs, f, 10, crowd, features);
  return { byRules, features, finding: combinedFinding(room, "orders", timeMs, f, 10, crowd, features, { orders: model }) };
}

describe("the fitted combiner", () => {
  it("fires at MEDIUM, never HIGH, on a window where every account shows one tell the rules do not count alone", () => {
    const { room, lastMs } = lowValueBuyers(12);
    const { byRules, finding, features } = judge(room, lastMs, lowValueModel(-5));
    expect(byRules).toBeNull();
    expect(features.finish()[LOW_VALUE]).toBeCloseTo(1, 6);
    expect(finding).not.toBeNull();
    expect(finding!.subcategory).toBe("FAKE_ORDERS");
    expect(finding!.score).toBeGreaterThanOrEqual(0.7);
    expect(finding!.score).toBeLessThan(0.85);
    expect(finding!.signals[0]!.name).toBe("share_low_value_order");
    expect(finding!.signals.find((s) => s.name === "combiner_logit")!.value).toBeCloseTo(5, 3);
    expect(finding!.evidence.length).toBe(10);
  });

  it("is LOW, evidence without an action, unless the operator lets it act", () => {
    const { room, lastMs } = lowValueBuyers(12);
    const features = new WindowFeatureSums();
    const quiet = { ...f, combinerActs: false };
    const crowd = crowdOf(room, "orders", lastMs, quiet);
    detectCohort(room, "orders", lastMs, quiet, 10, crowd, features);
    const finding = combinedFinding(room, "orders", lastMs, quiet, 10, crowd, features, { orders: lowValueModel(-5) });
    expect(finding!.score).toBeGreaterThanOrEqual(0.5);
    expect(finding!.score).toBeLessThan(0.7);
  });

  it("names an acting combiner in the engine's model version, so an alert says what judged it", () => {
    expect(new RiskEngine().modelVersion).not.toContain("combiner-acts");
    expect(new RiskEngine({ falsification: { ...DEFAULT_ENGINE_CONFIG.falsification, combinerActs: true } }).modelVersion).toMatch(/^redline-rules-\d+\+combiner-acts\+text-/);
  });

  it("stays quiet under its threshold and below the kind's cohort floor", () => {
    const big = lowValueBuyers(12);
    expect(judge(big.room, big.lastMs, lowValueModel(-15)).finding).toBeNull();
    const small = lowValueBuyers(f.minSuspiciousBuyers - 1);
    expect(judge(small.room, small.lastMs, lowValueModel(-5)).finding).toBeNull();
  });

  it("does not read refunds: a price drop's buyers refund and order again, which the shares cannot tell from a boost taken back", () => {
    const { room, lastMs } = lowValueBuyers(12, true);
    const x = judge(room, lastMs, lowValueModel(-5)).features.finish();
    expect(x[WINDOW_FEATURES.indexOf("share_refunded_in_stream")]).toBe(0);
    expect(x[LOW_VALUE]).toBeCloseTo(1, 6);
  });

  it("does not judge a window with more accounts than any attacked window it was fitted on", () => {
    const { room, lastMs } = lowValueBuyers(12);
    expect(judge(room, lastMs, { ...lowValueModel(-5), maxAccounts: 12 }).finding).not.toBeNull();
    expect(judge(room, lastMs, { ...lowValueModel(-5), maxAccounts: 11 }).finding).toBeNull();
  });

  it("splits the logit into each feature's standardised part", () => {
    const model: CombinerKindModel = { mean: WINDOW_FEATURES.map(() => 0.5), scale: WINDOW_FEATURES.map(() => 2), weights: WINDOW_FEATURES.map((_, i) => (i < 2 ? 1 : 0)), bias: 1, threshold: 0, maxAccounts: 100 };
    const x = new Float64Array(WINDOW_FEATURES.length).fill(0.5);
    x[0] = 2.5;
    x[1] = -1.5;
    const parts = new Float64Array(WINDOW_FEATURES.length);
    expect(combinerLogit(model, x, parts)).toBeCloseTo(1 + 1 - 1, 9);
    expect([parts[0], parts[1], parts[2]]).toEqual([1, -1, 0]);
  });
});

describe("window features", () => {
  it("are shares of the window's activity weight, and finishing twice changes nothing", () => {
    const sums = new WindowFeatureSums();
    sums.add(3, 0b1, true, true, false);
    sums.add(1, 0b10, false, false, true);
    sums.addUnjudged(4);
    const x = sums.finish();
    expect(x[0]).toBeCloseTo(3 / 8, 9);
    expect(x[1]).toBeCloseTo(1 / 8, 9);
    expect(x[WINDOW_FEATURES.indexOf("share_any_tell")]).toBeCloseTo(4 / 8, 9);
    expect(x[WINDOW_FEATURES.indexOf("share_suspicious")]).toBeCloseTo(3 / 8, 9);
    expect(x[WINDOW_FEATURES.indexOf("share_left")]).toBeCloseTo(3 / 8, 9);
    // The unjudged account only dilutes: whether it liked is not read for it.
    expect(x[WINDOW_FEATURES.indexOf("share_never_liked")]).toBeCloseTo(3 / 8, 9);
    expect(x[WINDOW_FEATURES.indexOf("log_active")]).toBeCloseTo(Math.log1p(3), 9);
    expect(Array.from(sums.finish())).toEqual(Array.from(x));
    expect(sums.reset().accounts).toBe(0);
  });
});
