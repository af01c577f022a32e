import { GroupRecorder } from "./group-recorder";
import { ordinaryRoomsOpen, type GroupPlanner } from "./hard-negative-group";
import { DAY_MS, type Account } from "./identity";
import { emitSession, organicDwellMs } from "./viewer-activity";

const HOUSEHOLD_PROPENSITY = { like: 0.4, comment: 0.15, follow: 0.08, buy: 0.08, tip: 0.01 };
const STUDENT_PROPENSITY = { like: 0.35, comment: 0.15, follow: 0.06, buy: 0.06, tip: 0.005 };

/**
 * A household of 2–4 accounts on one phone or tablet, one /24 and one card,
 * browsing 5–12 rooms over the afternoon one at a time; now and then a second
 * member takes over the device in the same room.
 */
export const planHousehold: GroupPlanner = (rng, world, groupId) => {
  const members = rng.int(2, 4);
  const visits = rng.int(5, 12);
  return {
    groupId, kind: "household_device", hostRooms: [],
    populate: (r) => {
      const rec = new GroupRecorder(groupId, "household_device", { members, visits });
      const deviceId = world.ids.deviceId();
      const homeIpPrefix = world.ids.ipPrefix();
      const wallet = world.ids.wallet();
      const accounts: Account[] = Array.from({ length: members }, () =>
        world.ids.account(world.windowStartMs, { deviceId, homeIpPrefix, wallet, accountCreatedMs: world.windowStartMs - r.between(200, 2500) * DAY_MS }));
      let t = world.windowStartMs + r.between(5, 60) * 60_000;
      for (let v = 0; v < visits; v++) {
        const open = ordinaryRoomsOpen(world, t, t + 5 * 60_000);
        if (open.length === 0) {
          t += 10 * 60_000;
          continue;
        }
        const room = r.pick(open);
        const dwellMs = Math.max(60_000, organicDwellMs(r, room.endMs - 1 - t));
        const first = emitSession(r, room, r.pick(accounts), t, { dwellMs, propensity: HOUSEHOLD_PROPENSITY });
        rec.session(room, first);
        t = first.leaveMs + r.between(10_000, 300_000);
        if (r.chance(0.3) && t < room.endMs - 120_000) {
          const other = accounts.find((a) => a.userId !== first.account.userId) as Account;
          const second = emitSession(r, room, other, t, { propensity: HOUSEHOLD_PROPENSITY });
          rec.session(room, second);
          t = second.leaveMs + r.between(10_000, 300_000);
        }
        t += r.between(0, 20) * 60_000;
      }
      for (const a of accounts) rec.member(a);
      return rec.truth();
    },
  };
};

/**
 * 100–400 students behind 1–4 campus /24s (NAT), each on their own phone and
 * card but shipping to 1–3 campus lockers, watching 1–5 rooms each, mostly in
 * the same 90 minutes after classes, so many share a room at once.
 */
export const planCampus: GroupPlanner = (rng, world, groupId) => {
  const students = rng.int(100, 400);
  return {
    groupId, kind: "campus_network", hostRooms: [],
    populate: (r) => {
      const nat = Array.from({ length: r.int(1, 4) }, () => world.ids.ipPrefix());
      const lockers = Array.from({ length: r.int(1, 3) }, () => world.ids.addressHash());
      const rec = new GroupRecorder(groupId, "campus_network", { students, prefixes: nat.length, lockers: lockers.length });
      const peakMs = world.windowStartMs + r.between(30, 150) * 60_000;
      for (let i = 0; i < students; i++) {
        const a = world.ids.account(world.windowStartMs, {
          homeIpPrefix: r.pick(nat),
          accountCreatedMs: world.windowStartMs - r.logUniform(20, 1500) * DAY_MS,
          wallet: { paymentAccountId: world.ids.paymentAccountId(), shippingAddressHash: r.pick(lockers) },
        });
        rec.member(a);
        for (let v = r.int(1, 5); v > 0; v--) {
          const t = r.chance(0.7) ? peakMs + r.between(0, 90) * 60_000 : world.windowStartMs + r.between(0, 240) * 60_000;
          const open = ordinaryRoomsOpen(world, t, t + 60_000);
          if (open.length === 0) continue;
          const room = r.pick(open);
          const dwellMs = organicDwellMs(r, room.endMs - 1 - t);
          if (!world.calendar.isFree(a.userId, t, t + dwellMs)) continue;
          const s = emitSession(r, room, a, t, { dwellMs, propensity: STUDENT_PROPENSITY });
          world.calendar.book(a.userId, s.joinMs, s.leaveMs);
          rec.session(room, s);
        }
      }
      return rec.truth();
    },
  };
};
