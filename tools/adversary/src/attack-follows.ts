import {
  buildFarm,
  drawIdentity,
  drawRampMs,
  drawShare,
  drawTiming,
  drawWindow,
  fakeVolume,
  recordRealisedShare,
  round3,
  startTimes,
  type AttackWindow,
  type RoomContext,
  type Timing,
} from "./attack-common";
import { FOLLOW_RANGES, VOLUME_FLOOR } from "./ranges";
import { countFollows } from "./room-log";
import { humanLikeBurst } from "./viewer-activity";

/** Follow times: one scheduled ramp, or 1–6 seller deliveries each over 30–180 s. */
function followTimes(ctx: RoomContext, n: number, w: AttackWindow, rampMs: number, timing: Timing, waves: number): number[] {
  if (waves === 1) return startTimes(ctx.rng, n, w.startMs, rampMs, timing);
  const waveSpanMs = ctx.rng.between(...FOLLOW_RANGES.waveSpanSec) * 1000;
  ctx.params.waveSpanSec = round3(waveSpanMs / 1000);
  const strideMs = (w.endMs - w.startMs - waveSpanMs) / Math.max(1, waves - 1);
  const times: number[] = [];
  for (let k = 0; k < waves; k++) {
    const size = Math.floor(n / waves) + (k < n % waves ? 1 : 0);
    times.push(...startTimes(ctx.rng, size, w.startMs + k * Math.max(0, strideMs), waveSpanMs, timing));
  }
  return times;
}

/** FAKE_FOLLOWS: follow farms, follow-for-follow crews or bought waves, threat model §2.3. */
export function injectFakeFollows(ctx: RoomContext): void {
  const { rng, params } = ctx;
  const w = drawWindow(ctx);
  const share = drawShare(ctx);
  const crew = rng.pick(["follow_farm", "f4f_crew", "bought_waves"] as const);
  const human = crew === "f4f_crew";
  const identity = drawIdentity(ctx, human);
  const timing = drawTiming(ctx, human);
  const rampMs = drawRampMs(ctx, w);
  const target = fakeVolume(ctx.log.sum(w.startMs, w.endMs, countFollows), share, VOLUME_FLOOR.follows);
  const farmSize = Math.min(FOLLOW_RANGES.farmSize[1], Math.max(FOLLOW_RANGES.farmSize[0], target));
  const withoutJoinShare = human ? rng.between(0, 0.1) : rng.between(...FOLLOW_RANGES.withoutJoinShare);
  const watchSec = rng.between(...FOLLOW_RANGES.watchBeforeFollowSec[human ? "human" : "bot"]);
  const waves = crew === "bought_waves" ? rng.int(...FOLLOW_RANGES.waves) : 1;
  Object.assign(params, { crew, waves, withoutJoinShare: round3(withoutJoinShare), watchBeforeFollowSec: round3(watchSec) });

  const actors = buildFarm(ctx, identity, farmSize);
  const times = followTimes(ctx, farmSize, w, rampMs, timing, waves);
  const from = ctx.log.size;
  actors.forEach((actor, i) => {
    const followMs = times[i] as number;
    if (rng.chance(withoutJoinShare)) {
      ctx.log.follow(actor, followMs);
      return;
    }
    const watchMs = rng.logNormal(watchSec * 1000, 0.4);
    ctx.log.join(actor, followMs - watchMs);
    if (human && rng.chance(0.3)) humanLikeBurst(rng, ctx.log, actor, followMs - watchMs / 2, followMs);
    ctx.log.follow(actor, followMs);
    const stayMs = human ? rng.logNormal(3 * 60_000, 0.8) : rng.between(1_000, 20_000);
    ctx.log.leave(actor, followMs + stayMs);
  });
  recordRealisedShare(ctx, from, countFollows);
}
