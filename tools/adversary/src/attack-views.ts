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
import { COMMON_RANGES, VIEW_RANGES, VOLUME_FLOOR } from "./ranges";
import { countJoins } from "./room-log";
import { COMMENT_TEXTS } from "./texts";

interface ViewBot {
  actor: Actor;
  startMs: number;
  engages: boolean;
}

/** A bot that looks alive: one like batch or one comment during its stay. */
function engage(ctx: RoomContext, actor: Actor, fromMs: number, toMs: number): void {
  const atMs = ctx.rng.between(fromMs, Math.max(fromMs + 1, toMs));
  if (ctx.rng.chance(0.6)) ctx.log.like(actor, ctx.rng.int(1, 10), atMs);
  else ctx.log.comment(actor, ctx.rng.pick(COMMENT_TEXTS), atMs);
}

/** Hanging accounts (挂机): join once and sit 10–120 min (median), until the stream ends at most. */
function hang(ctx: RoomContext, bot: ViewBot, dwellMedianMs: number): void {
  const leaveMs = bot.startMs + ctx.rng.logNormal(dwellMedianMs, 0.3);
  ctx.log.join(bot.actor, bot.startMs);
  if (bot.engages) engage(ctx, bot.actor, bot.startMs + 5_000, Math.min(leaveMs, ctx.plan.endMs - 2_000));
  ctx.log.leave(bot.actor, leaveMs);
}

/** Join-and-leave ghosts: `joins` short stays spread over the rest of the window. */
function ghost(ctx: RoomContext, bot: ViewBot, w: AttackWindow, joins: number, dwellMs: number, timing: Timing): void {
  const periodMs = Math.max(dwellMs + 1_000, (w.endMs - bot.startMs) / joins);
  let t = bot.startMs;
  for (let k = 0; k < joins && t < w.endMs; k++) {
    const stayMs = Math.max(500, gapMs(ctx.rng, dwellMs, timing));
    ctx.log.join(bot.actor, t);
    if (bot.engages && k === 0) engage(ctx, bot.actor, t + 200, t + stayMs - 100);
    ctx.log.leave(bot.actor, t + stayMs);
    t += Math.max(stayMs + 500, gapMs(ctx.rng, periodMs, timing));
  }
}

/** FAKE_VIEWS: hanging accounts or join-and-leave ghosts, threat model §2.1. */
export function injectFakeViews(ctx: RoomContext): void {
  const { rng, params } = ctx;
  const w = drawWindow(ctx);
  const share = drawShare(ctx);
  const method = rng.pick(["hanging", "ghost"] as const);
  const identity = drawIdentity(ctx, false);
  const timing = drawTiming(ctx, false);
  const rampMs = drawRampMs(ctx, w);
  const targetJoins = fakeVolume(ctx.log.sum(w.startMs, w.endMs, countJoins), share, VOLUME_FLOOR.joins);
  const joinsPerAccount = method === "ghost" ? rng.int(...VIEW_RANGES.ghostJoinsPerAccount) : 1;
  const [minFarm, maxFarm] = VIEW_RANGES.farmSize;
  const farmSize = Math.min(maxFarm, Math.max(minFarm, Math.ceil(targetJoins / joinsPerAccount)));
  const dwellMedianSec =
    method === "ghost" ? rng.between(...VIEW_RANGES.ghostDwellSec) : rng.between(...VIEW_RANGES.hangingDwellMedianMin) * 60;
  const engageShare = rng.between(...COMMON_RANGES.engageShare);
  Object.assign(params, { method, joinsPerAccount, dwellMedianSec: round3(dwellMedianSec), engageShare: round3(engageShare) });

  const actors = buildFarm(ctx, identity, farmSize);
  const starts = startTimes(rng, farmSize, w.startMs, rampMs, timing);
  const from = ctx.log.size;
  actors.forEach((actor, i) => {
    const bot: ViewBot = { actor, startMs: starts[i] as number, engages: rng.chance(engageShare) };
    if (method === "hanging") hang(ctx, bot, dwellMedianSec * 1000);
    else ghost(ctx, bot, w, joinsPerAccount, dwellMedianSec * 1000, timing);
  });
  recordRealisedShare(ctx, from, countJoins);
}
