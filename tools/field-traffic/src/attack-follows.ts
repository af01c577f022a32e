import { AttackTruth, chatter, clampInt, drawCommon, farmFor, round, starts, targetVolume, truth } from "./attack-common";
import { Rng } from "./random";
import { RoomBuilder } from "./room";

/**
 * FAKE_FOLLOWS (§2.3): a follow farm on a schedule, a follow-for-follow crew of real people, or
 * bought followers delivered in 1–6 waves of 30–180 s. One follow per account.
 */
export function fakeFollows(b: RoomBuilder, rng: Rng): AttackTruth {
  const crew = rng.pick(["follow_farm", "f4f_crew", "bought_waves"] as const);
  const humans = crew === "f4f_crew";
  const c = drawCommon(rng, b, humans);
  const accounts = clampInt(targetVolume(b, "follow", c, 20), 20, 2000);
  const farm = farmFor(rng, b, c, accounts);
  const withoutJoin = humans ? rng.uniform(0, 0.2) : rng.uniform(0, 1);
  const watchBeforeS = humans ? rng.uniform(30, 300) : rng.uniform(1, 10);
  const waves = crew === "bought_waves" ? rng.int(1, 6) : 0;
  const waveS = rng.uniform(30, 180);
  let followAt: number[];
  if (waves > 0) {
    // Each delivery lands at its own time in the window and spreads its share of accounts over 30–180 s.
    const windowMs = c.endMs - c.startMs - waveS * 1000;
    const waveStarts = Array.from({ length: waves }, (_, k) => c.startMs + (k === 0 ? 0 : rng.uniform(0, Math.max(0, windowMs))));
    followAt = farm.people.map((_, i) => waveStarts[i % waves]! + (Math.floor(i / waves) / Math.ceil(accounts / waves)) * waveS * 1000 * rng.gap(1, c.timingCv));
  } else {
    // A farm spaces its follows over the ramp; a schedule over the whole window would be the same with a long ramp.
    followAt = starts(rng, { ...c, rampS: Math.max(c.rampS, humans ? (c.endMs - c.startMs) / 1000 : c.rampS) }, accounts);
  }
  let joinedCount = 0;
  const arrived = new Map<string, number>();
  farm.people.forEach((p, i) => {
    const t = Math.min(followAt[i]!, c.endMs - 1000);
    if (!rng.chance(withoutJoin)) {
      joinedCount++;
      const joinAt = t - watchBeforeS * 1000 * rng.gap(1, Math.min(c.timingCv, 0.5));
      b.join(p, joinAt, "attack");
      b.leave(p, t + (humans ? rng.uniform(30_000, 300_000) : rng.uniform(1_000, 30_000)), "attack");
      arrived.set(p.actor.userId, joinAt);
    }
    b.follow(p, t, "attack");
  });
  chatter(rng, b, c, farm.people, (p) => arrived.get(p.actor.userId));
  const realWithout = 1 - joinedCount / accounts;
  return truth(b, "FAKE_FOLLOWS", "follow", c, farm, `follows_${crew}`, { withoutJoin: realWithout, watchBeforeS }, {
    crew,
    withoutJoin: round(realWithout),
    watchBeforeS: round(watchBeforeS),
    waves,
    waveS: waves > 0 ? Math.round(waveS) : 0,
  });
}
