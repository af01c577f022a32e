import { GroupRecorder } from "./group-recorder";
import type { GroupPlanner } from "./hard-negative-group";
import type { Account } from "./identity";
import type { Rng } from "./rng";
import { emitSession, organicDwellMs, ORGANIC_PROPENSITY, type Session } from "./viewer-activity";
import { CATEGORIES, type Room, type World } from "./world";

const RAIDER_PROPENSITY = { like: 0.4, comment: 0.3, follow: 0.25, buy: 0.04, tip: 0.01 };

function planHost(rng: Rng, world: World, startMs: number, durationMin: [number, number], viewers: [number, number], category?: string): Room {
  return world.planRoom(rng, {
    role: "hard_negative_host",
    startMs,
    durationMs: rng.between(...durationMin) * 60_000,
    organicViewers: rng.logUniform(...viewers),
    ...(category === undefined ? {} : { category }),
  });
}

/** Moves everyone still watching `from` at its end into `to` within a minute; returns the new sessions. */
function raid(rng: Rng, world: World, rec: GroupRecorder, from: Room, to: Room, watching: Session[], moveShare: number): Session[] {
  const moved: Session[] = [];
  for (const s of watching) {
    if (s.leaveMs < from.endMs - 1 || !rng.chance(moveShare)) continue;
    const joinMs = from.endMs + Math.min(60_000, rng.logNormal(6_000, 0.8));
    const dwellMs = organicDwellMs(rng, to.endMs - 1 - joinMs);
    const next = emitSession(rng, to, s.account, joinMs, { dwellMs, propensity: RAIDER_PROPENSITY });
    world.calendar.book(s.account.userId, next.joinMs, next.leaveMs);
    rec.session(to, next);
    moved.push(next);
  }
  return moved;
}

/**
 * A big streamer ends and sends the audience on (连麦/带粉): everyone still
 * watching may move to the next room within seconds, and from there, when it
 * ends, on to a third. The raiders move in lockstep across rooms, which is
 * what makes them a hard negative for cross-room timing.
 */
export const planRaidMigration: GroupPlanner = (rng, world, groupId) => {
  const category = rng.pick(CATEGORIES);
  const source = planHost(rng, world, world.windowStartMs + rng.between(0, 100) * 60_000, [30, 60], [150, 450], category);
  const chain = [source];
  for (let i = rng.int(1, 2); i > 0; i--) {
    const prev = chain[chain.length - 1] as Room;
    chain.push(planHost(rng, world, prev.endMs - rng.between(10, 25) * 60_000, [35, 70], [50, 350], category));
  }
  const raiders = rng.int(100, 400);
  const moveShare = rng.between(0.6, 0.9);
  return {
    groupId, kind: "raid_migration", hostRooms: chain,
    populate: (r) => {
      const rec = new GroupRecorder(groupId, "raid_migration", { raiders, rooms: chain.length, moveShare: Math.round(moveShare * 100) / 100 });
      let watching: Session[] = [];
      for (let i = 0; i < raiders; i++) {
        const a = world.ids.account(source.startMs);
        const joinMs = source.startMs + 1_000 + (source.endMs - source.startMs - 60_000) * r.float();
        const s = emitSession(r, source, a, joinMs, { dwellMs: source.endMs - 1 - joinMs });
        world.calendar.book(a.userId, s.joinMs, s.leaveMs);
        rec.session(source, s);
        watching.push(s);
      }
      for (let i = 1; i < chain.length; i++) watching = raid(r, world, rec, chain[i - 1] as Room, chain[i] as Room, watching, moveShare);
      return rec.truth();
    },
  };
};

/**
 * 3–5 popular rooms of one category the same afternoon share a large organic
 * audience: 200–600 viewers each watch 2–4 of them, one at a time, at their
 * own times.
 */
export const planSharedAudience: GroupPlanner = (rng, world, groupId) => {
  const category = rng.pick(CATEGORIES);
  const rooms = Array.from({ length: rng.int(3, 5) }, () =>
    planHost(rng, world, world.windowStartMs + rng.between(0, 150) * 60_000, [50, 90], [150, 450], category));
  const audience = rng.int(200, 600);
  return {
    groupId, kind: "shared_audience", hostRooms: rooms,
    populate: (r) => {
      const rec = new GroupRecorder(groupId, "shared_audience", { audience, rooms: rooms.length });
      for (let i = 0; i < audience; i++) {
        const a: Account = world.ids.account(world.windowStartMs);
        const visits = r.shuffle([...rooms]).slice(0, r.int(2, Math.min(4, rooms.length)));
        for (const room of visits) {
          const joinMs = room.startMs + 1_000 + (room.endMs - room.startMs - 30_000) * Math.pow(r.float(), 1.4);
          const dwellMs = organicDwellMs(r, room.endMs - 1 - joinMs);
          if (!world.calendar.isFree(a.userId, joinMs, joinMs + dwellMs)) continue;
          const s = emitSession(r, room, a, joinMs, { dwellMs, propensity: ORGANIC_PROPENSITY });
          world.calendar.book(a.userId, s.joinMs, s.leaveMs);
          rec.session(room, s);
        }
      }
      return rec.truth();
    },
  };
};
