import { round3, type RoomContext } from "./attack-common";
import { organicActor } from "./identity";
import { emitSession, organicDwellMs, presentAt } from "./organic-audience";
import { COMMENT_TEXTS, LUCKY_BAG_TEXTS } from "./texts";
import { episodeStartMs, momentIn, viewersPresent } from "./episode";
import { humanLikeBurst, ORGANIC_PROPENSITY } from "./viewer-activity";

const DAY_MS = 24 * 3600 * 1000;

/** The feed pushes the room: 3–10× the baseline joins for 1–3 min, most swipe on within seconds. */
export function viralPush(ctx: RoomContext): void {
  const { rng, plan } = ctx;
  const t0 = episodeStartMs(ctx);
  const multiplier = rng.between(3, 10);
  const spikeMs = rng.between(1, 3) * 60_000;
  const baselinePerMs = plan.viewerCount / (plan.endMs - plan.startMs);
  const crowd = Math.max(50, Math.round(multiplier * baselinePerMs * spikeMs));
  Object.assign(ctx.params, { multiplier: round3(multiplier), spikeSec: round3(spikeMs / 1000), crowdSize: crowd });
  for (let i = 0; i < crowd; i++) {
    const joinMs = t0 + spikeMs * rng.float();
    const young = rng.chance(0.2);
    const actor = organicActor(rng, plan.startMs, young ? { accountAgeMs: rng.between(0.5, 30) * DAY_MS } : {});
    const bounce = rng.chance(0.8);
    const dwellMs = bounce ? Math.max(3_000, Math.min(30_000, rng.logNormal(10_000, 0.7))) : organicDwellMs(rng, plan.endMs - joinMs);
    emitSession(rng, ctx.log, plan, joinMs, { actor, dwellMs });
  }
}

/** "Likes reach 100k → lucky draw": 30–80 % of those present tap at human rates for 2–5 min. */
export function likeGiveaway(ctx: RoomContext): void {
  const { rng } = ctx;
  const t0 = episodeStartMs(ctx);
  const spanMs = rng.between(2, 5) * 60_000;
  const participation = rng.between(0.3, 0.8);
  const presentCount = presentAt(ctx.sessions, t0).length;
  const likers = viewersPresent(ctx, t0, Math.max(10, Math.round(presentCount * participation)));
  Object.assign(ctx.params, { participation: round3(participation), spanSec: round3(spanMs / 1000), crowdSize: likers.length });
  for (const s of likers) {
    let t = momentIn(ctx, s, t0, t0 + spanMs / 3);
    while (t !== null && t < Math.min(t0 + spanMs, s.leaveMs)) {
      t = humanLikeBurst(rng, ctx.log, s.actor, t, s.leaveMs) + rng.between(2_000, 15_000);
    }
  }
}

/** A big streamer sends the audience over: 150–1,000 joins within a minute, 10–40 % follow. */
export function raid(ctx: RoomContext): void {
  const { rng, plan } = ctx;
  const t0 = episodeStartMs(ctx);
  const crowd = rng.int(150, 1000);
  const spanMs = rng.between(20, 60) * 1000;
  const followShare = rng.between(0.1, 0.4);
  Object.assign(ctx.params, { crowdSize: crowd, spanSec: round3(spanMs / 1000), followShare: round3(followShare) });
  const propensity = { ...ORGANIC_PROPENSITY, follow: 0, comment: 0.25 };
  for (let i = 0; i < crowd; i++) {
    const joinMs = t0 + spanMs * rng.float();
    const dwellMs = Math.max(30_000, rng.logNormal(5 * 60_000, 1));
    const s = emitSession(rng, ctx.log, plan, joinMs, { dwellMs, propensity });
    if (!rng.chance(followShare)) continue;
    const at = momentIn(ctx, s, joinMs + 30_000, joinMs + 5 * 60_000);
    if (at !== null) ctx.log.follow(s.actor, at);
  }
}

/** 福袋: "follow and comment the password": 20–60 % of viewers follow and post the same text. */
export function luckyBag(ctx: RoomContext): void {
  const { rng } = ctx;
  const t0 = episodeStartMs(ctx);
  const spanMs = rng.between(1, 2) * 60_000;
  const participation = rng.between(0.2, 0.6);
  const password = rng.pick(LUCKY_BAG_TEXTS);
  const presentCount = presentAt(ctx.sessions, t0).length;
  const takers = viewersPresent(ctx, t0, Math.max(10, Math.round(presentCount * participation)));
  Object.assign(ctx.params, { participation: round3(participation), spanSec: round3(spanMs / 1000), crowdSize: takers.length });
  for (const s of takers) {
    const at = momentIn(ctx, s, t0, t0 + spanMs);
    if (at === null) continue;
    ctx.log.follow(s.actor, at);
    if (rng.chance(0.7)) ctx.log.comment(s.actor, password, at + rng.between(2_000, 20_000));
  }
}

/** A fan club of 30–200 old accounts that stays the whole stream and interacts a lot. */
export function loyalFans(ctx: RoomContext): void {
  const { rng, plan } = ctx;
  const crowd = rng.int(30, 200);
  Object.assign(ctx.params, { crowdSize: crowd, episodeStartOffsetMin: 0 });
  const propensity = { like: 0.9, comment: 0.5, follow: 0, buy: 0.15, tip: 0.1 };
  for (let i = 0; i < crowd; i++) {
    const joinMs = plan.startMs + rng.between(10_000, 180_000);
    const actor = organicActor(rng, plan.startMs, { accountAgeMs: rng.between(365, 6 * 365) * DAY_MS });
    const s = emitSession(rng, ctx.log, plan, joinMs, { actor, dwellMs: plan.endMs, propensity });
    for (let k = rng.int(1, 6); k > 0; k--) {
      const at = momentIn(ctx, s, s.joinMs, s.leaveMs);
      if (at === null) break;
      if (rng.chance(0.7)) humanLikeBurst(rng, ctx.log, s.actor, at, s.leaveMs);
      else ctx.log.comment(s.actor, rng.pick(COMMENT_TEXTS), at);
    }
  }
}
