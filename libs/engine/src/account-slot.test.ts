import { AccountColumns, AccountSlot } from "./account-slot";
import { createInterArrival, iaAdd, rsCoefficientOfVariation } from "./primitives/running-stats";

const T0 = 1_764_000_000_000;

describe("AccountSlot (rows of a room's columns)", () => {
  it("keeps each slot's values apart while the columns grow, and gives back the plain slot field for field", () => {
    const columns = new AccountColumns();
    const slots = Array.from({ length: 50 }, (_, i) => AccountSlot.create(columns, T0 - i, `d${i}`, `10.0.${i}.0/24`));
    slots.forEach((s, i) => {
      s.joins = i;
      s.taps10s = i * 1.5;
      s.engaged = i % 2 === 0;
    });
    slots.forEach((s, i) => {
      expect([s.joins, s.taps10s, s.engaged, s.createdMs, s.joinMs]).toEqual([i, i * 1.5, i % 2 === 0, T0 - i, -1]);
    });
    const plain = slots[7]!.toPlain();
    expect(Object.keys(plain).slice(0, 9)).toEqual(["joinMs", "interacted", "createdMs", "registered", "deviceId", "ipPrefix", "joins", "shortVisits", "joinGaps"]);
    expect(plain).not.toHaveProperty("presentUnjoined");
    expect(AccountSlot.fromPlain(new AccountColumns(1), plain).toPlain()).toEqual(plain);
  });

  it("tells an absent presentUnjoined from false, as the plain slot did", () => {
    const slot = AccountSlot.create(new AccountColumns(), T0, "", "");
    expect(slot.presentUnjoined).toBeUndefined();
    slot.presentUnjoined = false;
    expect(slot.toPlain().presentUnjoined).toBe(false);
    slot.presentUnjoined = true;
    expect(slot.toPlain().presentUnjoined).toBe(true);
  });

  it("computes the same gap statistics as the InterArrival it replaces", () => {
    const slot = AccountSlot.create(new AccountColumns(), T0, "", "");
    const ia = createInterArrival();
    for (const t of [T0, T0 + 1_003, T0 + 2_011, T0 + 2_011, T0 + 1_500, T0 + 3_997, T0 + 5_123]) {
      slot.addLikeGap(t);
      iaAdd(ia, t);
    }
    expect(slot.toPlain().likeGaps).toEqual(ia);
    expect(slot.likeGapsCv()).toBe(rsCoefficientOfVariation(ia.gaps));
  });

  it("a detached slot keeps its values, and its row comes back zeroed to the next account", () => {
    const columns = new AccountColumns();
    const a = AccountSlot.create(columns, T0, "da", "");
    const b = AccountSlot.create(columns, T0, "db", "");
    a.orders = 3;
    a.lastOrderMs = T0 + 9;
    b.orders = 5;
    a.detach();
    const c = AccountSlot.create(columns, T0 + 1, "dc", "");
    expect([a.orders, a.lastOrderMs, b.orders, c.orders, c.lastOrderMs]).toEqual([3, T0 + 9, 5, 0, -1]);
    c.orders = 7;
    expect(a.orders).toBe(3);
  });

  it("counts taps in tumbling frames of 10 s and 60 s from the first tap, keeping each frame's most and the most in one event", () => {
    const slot = AccountSlot.create(new AccountColumns(), T0, "", "");
    const likes: Array<[number, number]> = [[0, 3], [4_000, 5], [9_999, 2], [10_000, 1], [30_000, 40], [59_999, 1], [60_000, 2], [61_000, 1]];
    for (const [dt, taps] of likes) slot.noteTaps(T0 + dt, taps);
    // 10 s frames: 10 taps from T0, 1 from 10 s, 40 from 30 s, then 1 + 2 + 1 from 59.999 s (a frame starts at a tap, not on a grid).
    expect([slot.maxTapsPerEvent, slot.maxTaps10s, slot.tapFrame10sMs, slot.taps10s]).toEqual([40, 40, T0 + 59_999, 4]);
    // 60 s frames: 52 taps from T0 through 59.999 s, then 3 from 60 s.
    expect([slot.maxTaps60s, slot.tapFrame60sMs, slot.taps60s]).toEqual([52, T0 + 60_000, 3]);
  });
});
