import { actorOf, DAY_MS } from "./identity";
import { GroupRecorder } from "./group-recorder";
import type { GroupPlanner } from "./hard-negative-group";
import type { Rng } from "./rng";
import { FAN_TEXTS, STAFF_TEXTS } from "./texts";
import { emitPurchase, emitSession } from "./viewer-activity";
import { CATEGORIES, type Room, type World } from "./world";

const FAN_PROPENSITY = { like: 0.7, comment: 0.5, follow: 0.01, buy: 0.1, tip: 0.05 };
const STAFF_PROPENSITY = { like: 0.3, comment: 1, follow: 0, buy: 0, tip: 0 };

function hostRoom(rng: Rng, world: World, startMs: number, durationMin: [number, number], viewers: [number, number], streamerUserId?: string, category?: string): Room {
  return world.planRoom(rng, {
    role: "hard_negative_host",
    startMs,
    durationMs: rng.between(...durationMin) * 60_000,
    organicViewers: rng.logUniform(...viewers),
    ...(streamerUserId === undefined ? {} : { streamerUserId }),
    ...(category === undefined ? {} : { category }),
  });
}

/**
 * A streamer's fan club follows them across 3–5 sessions of the afternoon:
 * 20–150 aged accounts, each at 50–90 % of the sessions, arriving in the first
 * minutes (the stream's start is their shared clock), staying long, chatting.
 */
export const planStreamerFans: GroupPlanner = (rng, world, groupId) => {
  const streamerUserId = world.ids.userId();
  const category = rng.pick(CATEGORIES);
  const sessions: Room[] = [];
  let t = world.windowStartMs + rng.between(0, 30) * 60_000;
  for (let i = rng.int(3, 5); i > 0; i--) {
    const room = hostRoom(rng, world, t, [30, 55], [50, 400], streamerUserId, category);
    sessions.push(room);
    t = room.endMs + rng.between(5, 30) * 60_000;
  }
  const fans = rng.int(20, 150);
  const attendance = rng.between(0.5, 0.9);
  return {
    groupId, kind: "streamer_fans", hostRooms: sessions,
    populate: (r) => {
      const rec = new GroupRecorder(groupId, "streamer_fans", { fans, sessions: sessions.length, attendance: Math.round(attendance * 100) / 100 });
      const accounts = Array.from({ length: fans }, () =>
        world.ids.account(world.windowStartMs, { accountCreatedMs: world.windowStartMs - r.between(365, 6 * 365) * DAY_MS }));
      for (const room of sessions) {
        for (const a of accounts) {
          if (!r.chance(attendance)) continue;
          const joinMs = room.startMs + Math.min(600_000, r.logNormal(90_000, 1));
          const dwellMs = (room.endMs - joinMs) * r.between(0.5, 1);
          rec.session(room, emitSession(r, room, a, joinMs, { dwellMs, propensity: FAN_PROPENSITY, texts: FAN_TEXTS }));
          world.calendar.book(a.userId, joinMs, joinMs + dwellMs);
        }
      }
      return rec.truth();
    },
  };
};

/**
 * A shop runs 2–4 channels the same afternoon; its 3–10 staff sit in every one
 * from the start to the end, from the office's 1–2 /24s (two may share a
 * tablet), answering questions, liking now and then, placing a test order.
 * Staff watch several channels at once on several screens.
 */
export const planShopStaff: GroupPlanner = (rng, world, groupId) => {
  const category = rng.pick(CATEGORIES);
  const channels = Array.from({ length: rng.int(2, 4) }, () =>
    hostRoom(rng, world, world.windowStartMs + rng.between(0, 150) * 60_000, [40, 90], [50, 500], undefined, category));
  const staffCount = rng.int(3, 10);
  return {
    groupId, kind: "shop_staff", hostRooms: channels,
    populate: (r) => {
      const rec = new GroupRecorder(groupId, "shop_staff", { staff: staffCount, channels: channels.length });
      const office = Array.from({ length: r.int(1, 2) }, () => world.ids.ipPrefix());
      const tablet = world.ids.deviceId();
      const staff = Array.from({ length: staffCount }, (_, i) =>
        world.ids.account(world.windowStartMs, {
          accountCreatedMs: world.windowStartMs - r.between(90, 2000) * DAY_MS,
          homeIpPrefix: office[i % office.length] as string,
          realNameVerified: true,
          ...(i < 2 && r.chance(0.3) ? { deviceId: tablet } : {}),
        }));
      for (const room of channels) {
        for (const a of staff) {
          if (!r.chance(0.9)) continue;
          const joinMs = room.startMs + r.between(5_000, 120_000);
          const s = emitSession(r, room, a, joinMs, { dwellMs: room.endMs - joinMs, propensity: STAFF_PROPENSITY, texts: STAFF_TEXTS });
          for (let k = r.int(2, 8); k > 0; k--) room.log.comment(actorOf(a, s.ipPrefix), r.pick(STAFF_TEXTS), r.between(s.joinMs + 1_000, s.leaveMs - 1_000));
          if (r.chance(0.15)) {
            emitPurchase(room, { account: a, ipPrefix: s.ipPrefix, wallet: a.wallet, sku: r.pick(room.skus), amountCents: 1, orderAtMs: r.between(s.joinMs, s.leaveMs), payDelayMs: 10_000, refundDelayMs: 60_000 });
          }
          rec.session(room, s);
        }
      }
      return rec.truth();
    },
  };
};
