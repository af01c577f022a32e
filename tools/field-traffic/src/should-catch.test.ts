import { shouldCatch, TellInputs, tells } from "./should-catch";

const quiet: Omit<TellInputs, "kind" | "share"> = { freshShare: 0, maxPerDevice: 1, maxPerPrefix: 1, timing: "jittered", ramp: "gradual" };

describe("the threat model's catch rule", () => {
  it("catches worked example (a): 400 ghost joins from 40 fresh accounts on 2 /24s at a fixed spacing, 60 % of joins", () => {
    const x: TellInputs = { ...quiet, kind: "FAKE_VIEWS", share: 0.6, freshShare: 1, maxPerPrefix: 20, timing: "fixed", ramp: "sudden", method: "ghost" };
    expect(tells(x)).toEqual(["fresh", "prefix", "fixed_timing", "sudden_ramp", "ghost_dwell"]);
    expect(shouldCatch(x.share, tells(x).length)).toBe(true);
  });

  it("does not require catching example (b): aged hanging viewers on residential IPs, gradual ramp, 12 %", () => {
    const x: TellInputs = { ...quiet, kind: "FAKE_VIEWS", share: 0.12, maxPerPrefix: 1, method: "hanging" };
    expect(tells(x)).toEqual([]);
    expect(shouldCatch(x.share, 0)).toBe(false);
  });

  it("catches example (c) at a 5 % share: 25 mules, 2 payment accounts, 1 address, 60 % refunded, no prior JOIN", () => {
    const x: TellInputs = {
      ...quiet,
      kind: "FAKE_ORDERS",
      share: 0.05,
      buyersPerPayment: 13,
      buyersPerAddress: 25,
      refundRate: 0.6,
      cancelRate: 0,
      noActivity: 1,
      lowValue: false,
      skus: 1,
    };
    expect(tells(x)).toEqual(["shared_payment", "shared_address", "refund_cancel", "no_other_activity"]);
    expect(shouldCatch(x.share, tells(x).length)).toBe(true);
  });

  it("does not require catching example (d) or a click crew at human rates", () => {
    const d: TellInputs = { ...quiet, kind: "FAKE_ORDERS", share: 0.3, buyersPerPayment: 1, buyersPerAddress: 1, refundRate: 0, noActivity: 0.1 };
    const crew: TellInputs = { ...quiet, kind: "FAKE_LIKES", share: 0.05, tapsPerSecond: 6, channel: "app_ui", joinFirst: 0.9 };
    expect(tells(d)).toEqual([]);
    expect(tells(crew)).toEqual([]);
  });

  it("counts cancels only alongside refunds, and a sudden ramp only at a 30 % share", () => {
    const orders: TellInputs = { ...quiet, kind: "FAKE_ORDERS", share: 0.2, cancelRate: 0.45, refundRate: 0 };
    expect(tells(orders)).toEqual([]);
    expect(tells({ ...orders, refundRate: 0.1 })).toEqual(["refund_cancel"]);
    expect(tells({ ...quiet, kind: "FAKE_FOLLOWS", share: 0.29, ramp: "sudden" })).toEqual([]);
    expect(tells({ ...quiet, kind: "FAKE_FOLLOWS", share: 0.3, ramp: "sudden" })).toEqual(["sudden_ramp"]);
  });

  it("needs share >= 0.10 with two tells or share >= 0.05 with three", () => {
    expect(shouldCatch(0.1, 2)).toBe(true);
    expect(shouldCatch(0.099, 2)).toBe(false);
    expect(shouldCatch(0.05, 3)).toBe(true);
    expect(shouldCatch(0.049, 6)).toBe(false);
    expect(shouldCatch(0.9, 1)).toBe(false);
  });
});
