import { attackTells, shouldCatch } from "./should-catch";

describe("shouldCatch (threat model §3)", () => {
  it("does not expect a human click crew at 5 % to be caught", () => {
    const params = {
      crew: "click_crew", freshShare: 0, accountsPerDevice: 1, accountsPerIpPrefix: 1, timing: "jittered",
      ramp: "gradual", tapRatePerSec: 5, likeChannel: "app_ui", joinShare: 0.95, attackShareRealised: 0.05,
    };
    const tells = attackTells("FAKE_LIKES", params);
    expect(tells).toEqual([]);
    expect(shouldCatch(0.05, tells.length)).toBe(false);
  });

  it("expects a fresh ghost farm on two /24s to be caught", () => {
    const params = {
      method: "ghost", freshShare: 1, accountsPerDevice: 1, accountsPerIpPrefix: 20, timing: "fixed",
      ramp: "sudden", attackShareRealised: 0.6,
    };
    const tells = attackTells("FAKE_VIEWS", params);
    expect(tells).toEqual(["fresh_accounts", "concentrated_ip", "fixed_timing", "sudden_burst", "ghost_dwell"]);
    expect(shouldCatch(0.6, tells.length)).toBe(true);
  });

  it("names the order-brushing tells", () => {
    const tells = attackTells("FAKE_ORDERS", {
      buyersPerPaymentAccount: 10, buyersPerAddress: 1, refundRate: 0.6, cancelRate: 0,
      noOtherActivityShare: 0.9, amountProfile: "low_value", targetSkuCount: 1,
    });
    expect(tells).toEqual(["shared_payment", "refund_or_cancel", "no_other_activity", "low_value_single_sku"]);
  });

  it("needs more tells at a smaller share", () => {
    expect(shouldCatch(0.1, 2)).toBe(true);
    expect(shouldCatch(0.08, 2)).toBe(false);
    expect(shouldCatch(0.05, 3)).toBe(true);
    expect(shouldCatch(0.04, 5)).toBe(false);
  });
});
