import type { Actor } from "@redline/proto";
import {
  buildFarm,
  drawIdentity,
  drawRampMs,
  drawShare,
  drawTiming,
  drawWindow,
  fakeVolume,
  gapMs,
  recordRealisedShare,
  round3,
  startTimes,
  type AttackWindow,
  type RoomContext,
  type Timing,
} from "./attack-common";
import { LIKE_RANGES, VOLUME_FLOOR } from "./ranges";
import { countTaps } from "./room-log";

type LikeCrew = "auto_clicker" | "like_farm" | "click_crew";

interface LikeStyle {
  human: boolean;
  tapRatePerSec: number;
  /** null: the app batches taps about once a second; a number: an API script's fixed count. */
  apiCount: number | null;
  intervalMs: number;
  timing: Timing;
}

function countFor(ctx: RoomContext, style: LikeStyle, gap: number): number {
  if (style.apiCount !== null) return style.apiCount;
  const taps = (style.tapRatePerSec * gap) / 1000;
  const noisy = style.timing.fixed ? taps : taps * ctx.rng.logNormalMeanCv(1, 0.25);
  return Math.max(1, Math.round(noisy));
}

/** One account's likes from `startMs` until `events` are sent or the window closes; returns the last time. */
function tapAway(ctx: RoomContext, actor: Actor, startMs: number, events: number, w: AttackWindow, style: LikeStyle): number {
  let t = startMs;
  let untilPause = ctx.rng.int(5, 20);
  for (let k = 0; k < events && t < w.endMs; k++) {
    const gap = gapMs(ctx.rng, style.intervalMs, style.timing);
    ctx.log.like(actor, countFor(ctx, style, Math.min(gap, 2_000)), t);
    t += gap;
    // People stop to watch; only a human crew pauses between bursts.
    if (style.human && --untilPause === 0) {
      t += ctx.rng.between(5_000, 60_000);
      untilPause = ctx.rng.int(5, 20);
    }
  }
  return t;
}

function drawStyle(ctx: RoomContext, crew: LikeCrew, timing: Timing): LikeStyle {
  const { rng } = ctx;
  const human = crew === "click_crew";
  const tapRatePerSec = rng.between(...LIKE_RANGES.tapRatePerSec[crew]);
  const api = !human && rng.chance(0.4);
  const apiCount = api ? rng.int(...LIKE_RANGES.apiCountPerEvent) : null;
  const intervalMs = api ? rng.between(1_000, 5_000) : rng.between(900, 1_200);
  Object.assign(ctx.params, {
    likeChannel: api ? "api_script" : "app_ui",
    tapRatePerSec: round3(tapRatePerSec),
    countPerEvent: apiCount ?? Math.max(1, Math.round((tapRatePerSec * intervalMs) / 1000)),
  });
  return { human, tapRatePerSec, apiCount, intervalMs, timing };
}

/** FAKE_LIKES: auto-clickers, like farms or a paid click crew, threat model §2.2. */
export function injectFakeLikes(ctx: RoomContext): void {
  const { rng, params } = ctx;
  const w = drawWindow(ctx);
  const share = drawShare(ctx);
  const crew = rng.pick(["auto_clicker", "like_farm", "click_crew"] as const);
  const human = crew === "click_crew";
  const identity = drawIdentity(ctx, human);
  const style = drawStyle(ctx, crew, drawTiming(ctx, human));
  const rampMs = drawRampMs(ctx, w);
  const joinShare = human ? rng.between(0.9, 1) : rng.between(...LIKE_RANGES.joinShare);
  const targetTaps = fakeVolume(ctx.log.sum(w.startMs, w.endMs, countTaps), share, VOLUME_FLOOR.taps);
  const perEvent = Number(params.countPerEvent);
  const activeShare = human ? rng.between(0.2, 0.5) : rng.between(0.5, 0.9);
  const maxEvents = Math.max(1, Math.floor((activeShare * (w.endMs - w.startMs)) / style.intervalMs));
  const [minFarm, maxFarm] = LIKE_RANGES.farmSize;
  const needed = Math.ceil(targetTaps / (perEvent * maxEvents));
  // A farm bigger than the order needs would overshoot it: every account taps at least once.
  const drawn = Math.min(Math.round(rng.logUniform(minFarm, maxFarm)), Math.floor(targetTaps / perEvent));
  const farmSize = Math.min(maxFarm, Math.max(minFarm, drawn, needed));
  const eventsPerAccount = Math.min(maxEvents, Math.max(1, Math.round(targetTaps / (farmSize * perEvent))));
  Object.assign(params, { crew, joinShare: round3(joinShare) });

  const actors = buildFarm(ctx, identity, farmSize);
  const starts = startTimes(rng, farmSize, w.startMs, rampMs, style.timing);
  const from = ctx.log.size;
  actors.forEach((actor, i) => {
    const startMs = starts[i] as number;
    const joins = rng.chance(joinShare);
    if (joins) ctx.log.join(actor, startMs - rng.between(2_000, 20_000));
    const lastMs = tapAway(ctx, actor, startMs, eventsPerAccount, w, style);
    if (joins) ctx.log.leave(actor, lastMs + rng.between(5_000, 60_000));
  });
  recordRealisedShare(ctx, from, countTaps);
}
