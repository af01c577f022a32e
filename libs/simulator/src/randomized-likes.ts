/**
 * FAKE_LIKES with the §3 knobs: auto-clickers (15-40 taps/s), like farms
 * (8-20) or click crews of real people (2-8, a few minutes each); taps
 * batched by the app about once a second or sent by an API script in fixed
 * counts of 30-200; some bots never JOIN.
 */
import { API_COUNT, CLICK_CREW_STAY_MIN, LIKE_FARM, LIKE_JOIN_FIRST, LIKE_TAPS_PER_S } from "./attack-ranges";
import type { LikeChannel, LikeCrew } from "./attack-ranges";
import { asHumans, intWithin, round, within } from "./attack-draws";
import type { KindInput, KindOutcome } from "./attack-kind";
import { buildCrew, chatter, clamp, effectiveRampMs, gapSampler, startOffsets } from "./bot-crew";
import type { Actor } from "@redline/proto";
import type { Rng } from "./rng";
import type { RoomEvents } from "./room-events";

export interface LikeParams {
  likeCrew: LikeCrew;
  likeChannel: LikeChannel;
  tapsPerSecond: number;
  /** Taps per event of an API script; 0 for the app. */
  apiCount: number;
  joinFirstShare: number;
  /** Click crews: minutes each member stays; 0 for bots, which run the whole window. */
  stayMin: number;
}

export function drawLikeParams(rng: Rng): LikeParams {
  const likeCrew = rng.pick<LikeCrew>(["auto_clicker", "like_farm", "click_crew"]);
  const human = likeCrew === "click_crew";
  // People tap in the app; only scripts call the API.
  const likeChannel: LikeChannel = human ? "app_ui" : rng.pick<LikeChannel>(["app_ui", "api_script"]);
  return {
    likeCrew,
    likeChannel,
    tapsPerSecond: round(within(rng, LIKE_TAPS_PER_S[likeCrew]), 1),
    apiCount: likeChannel === "api_script" ? intWithin(rng, API_COUNT) : 0,
    joinFirstShare: human ? 1 : round(within(rng, LIKE_JOIN_FIRST), 2),
    stayMin: human ? round(within(rng, CLICK_CREW_STAY_MIN), 1) : 0,
  };
}

interface Tapping {
  p: LikeParams;
  tapsPerS: number;
  /** Share of the time a member taps: a seller spreads the taps bought over the window in bursts (§2.2 prices per 10,000 likes). */
  duty: number;
  gap: (meanMs: number) => number;
  rng: Rng;
}

function tapUntil(room: RoomEvents, bot: Actor, fromMs: number, toMs: number, x: Tapping): number {
  let events = 0;
  let t = fromMs;
  while (t < toMs) {
    // A burst of 10-60 s, shorter when the member's whole budget is less than that.
    const burstMs = Math.max(1_000, Math.min(x.gap(x.rng.uniform(10_000, 60_000)), x.duty * (toMs - fromMs)));
    const burstEndMs = x.duty >= 1 ? toMs : Math.min(toMs, t + burstMs);
    const pauseMs = x.duty >= 1 ? 0 : x.gap(((burstEndMs - t) * (1 - x.duty)) / x.duty);
    for (; t < burstEndMs; events++) {
      if (x.p.likeChannel === "api_script") {
        room.like(t, bot, x.p.apiCount);
        t += x.gap((x.p.apiCount / x.tapsPerS) * 1000);
      } else {
        // The app flushes about once a second; the taps in it vary with the crew's regularity.
        const flushMs = 1000 * x.rng.uniform(0.9, 1.1);
        room.like(t, bot, Math.max(1, Math.round((x.tapsPerS * x.gap(flushMs)) / 1000)));
        t += flushMs;
      }
    }
    t += pauseMs;
  }
  return events;
}

export function fakeLikes(input: KindInput): KindOutcome {
  const { ctx, window: w, volume } = input;
  const { rng, room } = ctx;
  const p = drawLikeParams(rng);
  const common = p.likeCrew === "click_crew" ? asHumans(rng, input.common) : input.common;
  const rampMs = effectiveRampMs(common, w);
  const activeS = p.stayMin > 0 ? p.stayMin * 60 : (w.endMs - w.startMs - rampMs / 2) / 1000;
  const size = clamp(Math.ceil(volume / (p.tapsPerSecond * activeS)), LIKE_FARM);
  // Even the smallest crew tapping non-stop can be far more than the share bought.
  const duty = Math.min(1, volume / (size * p.tapsPerSecond * activeS));
  const crew = buildCrew(rng, ctx.accounts, size, common, w.startMs);
  const gap = gapSampler(rng, common.timingCv);
  const offsets = startOffsets(size, rampMs, common.ramp, gap);
  let actions = 0;
  crew.members.forEach((bot, i) => {
    const startMs = w.startMs + offsets[i]!;
    const endMs = p.stayMin > 0 ? Math.min(w.endMs, startMs + p.stayMin * 60_000 * rng.uniform(0.8, 1.2)) : w.endMs;
    const tapsPerS = clamp(p.tapsPerSecond * rng.uniform(0.9, 1.1), LIKE_TAPS_PER_S[p.likeCrew]);
    const joins = rng.chance(p.joinFirstShare);
    if (joins) room.join(startMs, bot);
    actions += tapUntil(room, bot, startMs + rng.uniform(1_000, 10_000), endMs, { p, tapsPerS, duty, gap, rng });
    if (joins && rng.chance(common.chatterShare)) chatter(room, rng, bot, startMs + 1_000, endMs);
    if (joins) room.leave(endMs + rng.uniform(1_000, 20_000), bot);
  });
  const tells: string[] = [];
  if (p.tapsPerSecond > 15) tells.push("superhuman_taps");
  if (p.likeChannel === "api_script") tells.push("api_counts");
  if (p.joinFirstShare < 0.5) tells.push("likes_without_join");
  const params = { likeCrew: p.likeCrew, likeChannel: p.likeChannel, tapsPerSecond: p.tapsPerSecond, joinFirstShare: p.joinFirstShare, dutyCycle: round(duty), ...(p.apiCount > 0 ? { apiCount: p.apiCount } : {}), ...(p.stayMin > 0 ? { stayMin: p.stayMin } : {}) };
  return { style: p.likeCrew, common, crew, ramp: common.ramp, actions, params, tells };
}
