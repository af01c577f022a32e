import { AttackTruth, chatter, clampInt, drawCommon, farmFor, round, starts, targetVolume, truth } from "./attack-common";
import { Rng } from "./random";
import { RoomBuilder } from "./room";

/**
 * FAKE_VIEWS (§2.1): hanging accounts that hold the online count up, or join-and-leave ghosts
 * that inflate cumulative views. Farm size follows from the share of the window's joins.
 */
export function fakeViews(b: RoomBuilder, rng: Rng): AttackTruth {
  const c = drawCommon(rng, b, false);
  const method = rng.pick(["hanging", "ghost"] as const);
  const joins = targetVolume(b, "join", c, 20);
  // A small order cannot fill the 20-account minimum at many rejoins each: the seller uses fewer rejoins.
  const drawnRejoins = rng.int(2, 20);
  const joinsPerAccount = method === "ghost" ? Math.max(2, Math.min(drawnRejoins, Math.floor(joins / 20))) : 1;
  const dwellS = method === "ghost" ? rng.uniform(2, 30) : rng.uniform(10, 120) * 60;
  const accounts = clampInt(joins / joinsPerAccount, 20, 5000);
  const farm = farmFor(rng, b, c, accounts);
  const first = starts(rng, c, accounts);
  const arrived = new Map<string, number>();
  farm.people.forEach((p, i) => {
    let t = first[i]!;
    if (method === "hanging") {
      const leaveAt = Math.min(t + rng.logNormal(dwellS * 1000, 0.3), b.meta.endMs);
      b.join(p, t, "attack");
      if (leaveAt < b.meta.endMs) b.leave(p, leaveAt, "attack");
      arrived.set(p.actor.userId, t);
      return;
    }
    // A ghost cycles join → leave → rejoin on the farm software's cadence until its joins are used.
    const cycle = Math.max(dwellS * 1000 + 1000, (c.endMs - t) / joinsPerAccount);
    for (let k = 0; k < joinsPerAccount && t < c.endMs; k++) {
      const stay = dwellS * 1000 * rng.gap(1, Math.min(c.timingCv, 0.5));
      b.join(p, t, "attack");
      b.leave(p, t + stay, "attack");
      t += Math.max(stay + 500, cycle * rng.gap(1, c.timingCv));
    }
    arrived.set(p.actor.userId, first[i]!);
  });
  chatter(rng, b, c, farm.people, (p) => arrived.get(p.actor.userId));
  return truth(b, "FAKE_VIEWS", "join", c, farm, `views_${method}`, { method }, {
    method,
    joinsPerAccount,
    drawnJoinsPerAccount: method === "ghost" ? drawnRejoins : 1,
    dwellS: round(dwellS),
  });
}
