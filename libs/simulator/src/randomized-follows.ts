/**
 * FAKE_FOLLOWS with the §3 knobs: follow farms on a schedule,
 * follow-for-follow crews of real people who watch a minute or two first,
 * or bought followers delivered in 1-6 waves of 30-180 s; a share of the
 * followers never JOINs.
 */
import { FOLLOW_FARM, FOLLOW_WAVES, FOLLOW_WAVE_S, FOLLOW_WITHOUT_JOIN, WATCH_BEFORE_FOLLOW_S } from "./attack-ranges";
import type { FollowCrew } from "./attack-ranges";
import { asHumans, intWithin, round, within } from "./attack-draws";
import type { KindInput, KindOutcome } from "./attack-kind";
import { buildCrew, chatter, clamp, effectiveRampMs, gapSampler, startOffsets } from "./bot-crew";
import type { AttackWindow } from "./bot-crew";
import type { Rng } from "./rng";

export interface FollowParams {
  followCrew: FollowCrew;
  withoutJoinShare: number;
  /** Typical seconds between a follower's JOIN and its follow. */
  watchBeforeFollowS: number;
  /** Bought waves only (0 otherwise). */
  waves: number;
  waveS: number;
}

export function drawFollowParams(rng: Rng): FollowParams {
  const followCrew = rng.pick<FollowCrew>(["follow_farm", "f4f_crew", "bought_waves"]);
  const human = followCrew === "f4f_crew";
  const waves = followCrew === "bought_waves";
  return {
    followCrew,
    // Follow-for-follow members join and watch before they follow (§2.3).
    withoutJoinShare: human ? 0 : round(within(rng, FOLLOW_WITHOUT_JOIN), 2),
    watchBeforeFollowS: round(within(rng, human ? WATCH_BEFORE_FOLLOW_S.human : WATCH_BEFORE_FOLLOW_S.bot), 1),
    waves: waves ? intWithin(rng, FOLLOW_WAVES) : 0,
    waveS: waves ? round(within(rng, FOLLOW_WAVE_S), 1) : 0,
  };
}

/** Offsets of `n` follows in waves spread over the window, each wave delivered within `waveS`. */
function waveOffsets(rng: Rng, n: number, p: FollowParams, w: AttackWindow, gap: (meanMs: number) => number): number[] {
  const waveMs = p.waveS * 1000;
  const slotMs = Math.max(0, w.endMs - w.startMs - waveMs) / p.waves;
  const offsets: number[] = [];
  for (let k = 0; k < p.waves; k++) {
    const count = Math.floor(((k + 1) * n) / p.waves) - Math.floor((k * n) / p.waves);
    const waveStart = slotMs * (k + rng.uniform(0, 0.5));
    for (const o of startOffsets(count, waveMs, "sudden", gap)) offsets.push(Math.round(waveStart + o));
  }
  return offsets;
}

export function fakeFollows(input: KindInput): KindOutcome {
  const { ctx, window: w, volume } = input;
  const { rng, room } = ctx;
  const p = drawFollowParams(rng);
  const common = p.followCrew === "f4f_crew" ? asHumans(rng, input.common) : input.common;
  const size = clamp(volume, FOLLOW_FARM);
  const crew = buildCrew(rng, ctx.accounts, size, common, w.startMs);
  const gap = gapSampler(rng, common.timingCv);
  const offsets = p.waves > 0 ? waveOffsets(rng, size, p, w, gap) : startOffsets(size, effectiveRampMs(common, w), common.ramp, gap);
  const watchRange = p.followCrew === "f4f_crew" ? WATCH_BEFORE_FOLLOW_S.human : WATCH_BEFORE_FOLLOW_S.bot;
  crew.members.forEach((bot, i) => {
    const atMs = w.startMs + offsets[i]!;
    if (rng.chance(p.withoutJoinShare)) {
      room.follow(atMs, bot);
      return;
    }
    const followMs = atMs + clamp(p.watchBeforeFollowS * rng.logNormal(1, 0.3), watchRange) * 1000;
    const leaveMs = followMs + (p.followCrew === "f4f_crew" ? rng.uniform(30_000, 300_000) : rng.uniform(2_000, 60_000));
    room.join(atMs, bot);
    room.follow(followMs, bot);
    if (rng.chance(common.chatterShare)) chatter(room, rng, bot, atMs + 500, leaveMs);
    room.leave(leaveMs, bot);
  });
  const tells: string[] = [];
  if (p.withoutJoinShare >= 0.5) tells.push("follows_without_join");
  if (p.withoutJoinShare < 1 && p.watchBeforeFollowS < 10) tells.push("follow_within_seconds");
  const params = { followCrew: p.followCrew, withoutJoinShare: p.withoutJoinShare, watchBeforeFollowS: p.watchBeforeFollowS, ...(p.waves > 0 ? { waves: p.waves, waveS: p.waveS } : {}) };
  return { style: p.followCrew, common, crew, ramp: p.waves > 0 ? "waves" : common.ramp, actions: size, params, tells };
}
