import * as R from "./attack-ranges";
import { drawCommon } from "./attack-draws";
import { drawFollowParams } from "./randomized-follows";
import { drawLikeParams } from "./randomized-likes";
import { drawOrderParams, refundBin } from "./randomized-orders";
import { drawViewParams } from "./randomized-views";
import { commonTells, shouldCatch } from "./should-catch";
import { Rng } from "./rng";

const DRAWS = 400;

function inRange(value: number, range: R.Range): void {
  expect(value).toBeGreaterThanOrEqual(range[0]);
  expect(value).toBeLessThanOrEqual(range[1]);
}

function draws<T>(draw: (rng: Rng) => T): T[] {
  return Array.from({ length: DRAWS }, (_, i) => draw(new Rng(1_000 + i)));
}

function covers<T>(items: readonly T[], key: (t: T) => string, expected: readonly string[]): void {
  expect([...new Set(items.map(key))].sort()).toEqual([...expected].sort());
}

describe("threat-model §3 draws", () => {
  it("draws every common parameter within its range and bin", () => {
    const all = draws(drawCommon);
    for (const c of all) {
      inRange(c.targetShare, R.SHARE_BINS[c.shareBin]);
      inRange(c.startMin, R.START_MIN);
      inRange(c.durationMin, R.DURATION_MIN);
      inRange(c.rampS, R.RAMP_S[c.ramp]);
      inRange(c.timingCv, R.TIMING_CV[c.timing]);
      inRange(c.accountsPerDevice, R.ACCOUNTS_PER_DEVICE[c.deviceBin]);
      inRange(c.prefixes, R.PREFIXES[c.ipBin]);
      inRange(c.realNameShare, R.REAL_NAME_SHARE);
      inRange(c.chatterShare, R.CHATTER_SHARE);
      inRange(c.batchH, R.FRESH_BATCH_H);
      // The whole fresh batch is 0-14 days old.
      inRange(c.batchNewestDays, R.FRESH_AGE_DAYS);
      inRange(c.batchNewestDays + c.batchH / 24, R.FRESH_AGE_DAYS);
      if (c.ageBin === "mixed") inRange(c.freshShare, R.MIXED_FRESH_SHARE);
      else expect(c.freshShare).toBe(c.ageBin === "fresh" ? 1 : 0);
    }
    covers(all, (c) => c.shareBin, ["dominant", "major", "minor"]);
    covers(all, (c) => c.ramp, ["sudden", "gradual"]);
    covers(all, (c) => c.timing, ["fixed", "jittered"]);
    covers(all, (c) => c.ageBin, ["fresh", "mixed", "aged"]);
    covers(all, (c) => c.deviceBin, ["1", "2-4", "5-20"]);
    covers(all, (c) => c.ipBin, ["farm", "proxy", "residential"]);
  });

  it("draws the views, likes and follows knobs within range", () => {
    const views = draws(drawViewParams);
    for (const v of views) {
      if (v.viewMethod === "ghost") {
        inRange(v.dwellS, R.GHOST_DWELL_S);
        inRange(v.joinsPerAccount, R.GHOST_JOINS);
      } else inRange(v.dwellMedianMin, R.HANGING_DWELL_MEDIAN_MIN);
    }
    covers(views, (v) => v.viewMethod, ["hanging", "ghost"]);
    const likes = draws(drawLikeParams);
    for (const l of likes) {
      inRange(l.tapsPerSecond, R.LIKE_TAPS_PER_S[l.likeCrew]);
      inRange(l.joinFirstShare, R.LIKE_JOIN_FIRST);
      if (l.likeChannel === "api_script") inRange(l.apiCount, R.API_COUNT);
      if (l.likeCrew === "click_crew") {
        expect(l.likeChannel).toBe("app_ui");
        inRange(l.stayMin, R.CLICK_CREW_STAY_MIN);
      }
    }
    covers(likes, (l) => l.likeCrew, ["auto_clicker", "like_farm", "click_crew"]);
    covers(likes, (l) => l.likeChannel, ["app_ui", "api_script"]);
    const follows = draws(drawFollowParams);
    for (const f of follows) {
      inRange(f.withoutJoinShare, R.FOLLOW_WITHOUT_JOIN);
      inRange(f.watchBeforeFollowS, f.followCrew === "f4f_crew" ? R.WATCH_BEFORE_FOLLOW_S.human : R.WATCH_BEFORE_FOLLOW_S.bot);
      if (f.followCrew === "bought_waves") {
        inRange(f.waves, R.FOLLOW_WAVES);
        inRange(f.waveS, R.FOLLOW_WAVE_S);
      }
    }
    covers(follows, (f) => f.followCrew, ["follow_farm", "f4f_crew", "bought_waves"]);
  });

  it("draws the orders knobs within range", () => {
    const orders = draws(drawOrderParams);
    for (const o of orders) {
      inRange(o.ordersPerMule, R.ORDERS_PER_MULE);
      inRange(o.buyersPerPayKey, R.BUYERS_PER_PAY_KEY[o.payKeyBin]);
      inRange(o.buyersPerAddress, R.BUYERS_PER_ADDRESS[o.addressBin]);
      inRange(o.cancelRate, R.CANCEL_RATE);
      inRange(o.refundRate, R.REFUND_RATE);
      inRange(o.refundDelayMin, R.REFUND_DELAY_MIN);
      inRange(o.noActivityShare, R.NO_ACTIVITY_SHARE);
      if (o.amount === "low_value") inRange(o.amountCents, R.LOW_VALUE_CENTS);
    }
    covers(orders, (o) => o.orderCrew, ["mule_ring", "brushing_studio", "real_person"]);
    covers(orders, (o) => o.payKeyBin, ["1", "2-5", "6-30"]);
    covers(orders, (o) => o.addressBin, ["1", "2-5", "6-40"]);
    covers(orders, (o) => refundBin(o.refundRate), ["none", "low", "high"]);
    covers(orders, (o) => o.amount, ["low_value", "sku_price"]);
  });
});

describe("shouldCatch (§3 'When a platform should catch it')", () => {
  it("catches at share >= 0.10 with 2 tells or share >= 0.05 with 3", () => {
    expect(shouldCatch(0.1, 2)).toBe(true);
    expect(shouldCatch(0.099, 2)).toBe(false);
    expect(shouldCatch(0.9, 1)).toBe(false);
    expect(shouldCatch(0.05, 3)).toBe(true);
    expect(shouldCatch(0.049, 6)).toBe(false);
  });

  it("counts the identity and schedule tells the crew really carried", () => {
    const c = { ...drawCommon(new Rng(1)), freshShare: 0.6, accountsPerDevice: 5, timing: "fixed" as const };
    const crew = { members: Array.from({ length: 40 }, () => ({ userId: "u" })) as never[], devicesUsed: 8, prefixesUsed: 2 };
    expect(commonTells(c, crew, 0.3, "sudden")).toEqual(["fresh_accounts", "shared_devices", "shared_prefixes", "fixed_timing", "sudden_ramp"]);
    expect(commonTells({ ...c, freshShare: 0.4, accountsPerDevice: 2, timing: "jittered" }, { ...crew, prefixesUsed: 40 }, 0.29, "sudden")).toEqual([]);
  });
});
