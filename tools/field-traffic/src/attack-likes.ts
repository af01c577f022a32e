import { AttackTruth, chatter, clampInt, drawCommon, farmFor, round, starts, targetVolume, truth } from "./attack-common";
import { Rng } from "./random";
import { Person, RoomBuilder } from "./room";

type Crew = "auto_clicker" | "like_farm" | "click_crew";

const RATES: Record<Crew, [number, number]> = { auto_clicker: [15, 40], like_farm: [8, 20], click_crew: [2, 8] };

interface Tapping {
  channel: "app_ui" | "api_script";
  rate: number;
  apiCount: number;
  cv: number;
}

/** One account's taps between fromMs and toMs: app batches once a second, or an API call per interval. */
function tapFor(b: RoomBuilder, rng: Rng, p: Person, fromMs: number, toMs: number, tap: Tapping): void {
  let t = fromMs;
  if (tap.channel === "api_script") {
    const interval = (tap.apiCount / tap.rate) * 1000;
    while (t < toMs) {
      b.like(p, t, tap.apiCount, "attack");
      t += interval * rng.gap(1, tap.cv);
    }
    return;
  }
  while (t < toMs) {
    const gap = 1000 * rng.gap(1, Math.min(tap.cv, 0.3));
    b.like(p, t, Math.max(1, tap.rate * (gap / 1000) * rng.uniform(0.9, 1.1)), "attack");
    t += gap;
  }
}

/**
 * FAKE_LIKES (§2.2): auto-clickers (app or API), like farms, or a click crew of real people.
 * The crew taps in bursts (all together when the seller runs waves) until its share is delivered.
 */
export function fakeLikes(b: RoomBuilder, rng: Rng): AttackTruth {
  const crew = rng.pick(["auto_clicker", "like_farm", "click_crew"] as const);
  const humans = crew === "click_crew";
  const c = drawCommon(rng, b, humans);
  const [lo, hi] = RATES[crew];
  const channel = humans ? "app_ui" : rng.pick(["app_ui", "api_script"] as const);
  const tap: Tapping = { channel, rate: rng.uniform(lo, hi), apiCount: rng.int(30, 200), cv: c.timingCv };
  const joinFirst = humans ? rng.uniform(0.8, 1) : rng.uniform(0.2, 1);
  const waves = !humans && rng.chance(0.4) ? rng.int(2, 8) : 0;
  const taps = targetVolume(b, "like", c, 200);
  const windowS = (c.endMs - c.startMs) / 1000;
  const burstS = humans ? rng.uniform(5, 30) : rng.uniform(10, 60);
  // Farm size is the seller's choice (5–300); a small order spreads over fewer accounts so each
  // still taps for at least ~10 s, and a big one over more so no account taps past the window.
  const drawnAccounts = Math.round(rng.logUniform(5, 300));
  const accounts = clampInt(Math.max(Math.min(drawnAccounts, taps / (tap.rate * 10)), taps / (tap.rate * windowS * 0.8)), 5, 300);
  const duty = Math.min(1, taps / (accounts * tap.rate * windowS));
  const farm = farmFor(rng, b, c, accounts);
  const first = starts(rng, c, accounts);
  const perAccountS = taps / accounts / tap.rate;
  const waveTimes = Array.from({ length: waves }, (_, k) => c.startMs + ((k + 0.5) / waves) * (c.endMs - c.startMs));
  let joined = 0;
  farm.people.forEach((p, i) => {
    const from = first[i]!;
    if (rng.chance(joinFirst)) {
      joined++;
      b.join(p, from - rng.uniform(1_000, 20_000), "attack");
      b.leave(p, Math.min(b.meta.endMs, c.endMs + rng.uniform(0, 60_000)), "attack");
    }
    if (waves > 0) {
      const each = Math.min(perAccountS / waves, windowS / waves);
      for (const w of waveTimes) {
        if (w < from) continue;
        const s0 = w + rng.gap(1500, c.timingCv);
        tapFor(b, rng, p, s0, Math.min(c.endMs, s0 + Math.max(1, each) * 1000), tap);
      }
      return;
    }
    let left = perAccountS;
    let t = from;
    const pause = Math.max(1, ((c.endMs - from) / 1000 - perAccountS) / Math.max(1, perAccountS / burstS));
    while (left > 0 && t < c.endMs) {
      const len = Math.min(left, burstS * rng.gap(1, Math.min(c.timingCv, 0.5)));
      tapFor(b, rng, p, t, Math.min(c.endMs, t + len * 1000), tap);
      left -= len;
      t += len * 1000 + pause * 1000 * rng.gap(1, c.timingCv);
    }
  });
  chatter(rng, b, c, farm.people, (p) => first[farm.people.indexOf(p)]);
  const realJoinFirst = joined / accounts;
  return truth(b, "FAKE_LIKES", "like", c, farm, `likes_${crew}_${channel}`, { tapsPerSecond: tap.rate, channel, joinFirst: realJoinFirst }, {
    crew,
    channel,
    tapsPerSecond: round(tap.rate),
    apiCount: channel === "api_script" ? tap.apiCount : 0,
    joinFirst: round(realJoinFirst),
    pattern: waves > 0 ? "waves" : "bursts",
    waves,
    drawnAccounts,
    duty: round(duty),
  });
}
