/**
 * FAKE_VIEWS with the §3 knobs: hanging accounts that hold the online count
 * (dwell median 10-120 min) or join-and-leave ghosts (dwell 2-30 s, 2-20
 * joins each).
 */
import { GHOST_DWELL_S, GHOST_JOINS, HANGING_DWELL_MEDIAN_MIN, VIEW_FARM } from "./attack-ranges";
import type { ViewMethod } from "./attack-ranges";
import { intWithin, round, within } from "./attack-draws";
import type { KindInput, KindOutcome } from "./attack-kind";
import { buildCrew, chatter, clamp, effectiveRampMs, gapSampler, startOffsets } from "./bot-crew";
import type { Rng } from "./rng";

export interface ViewParams {
  viewMethod: ViewMethod;
  /** Ghosts: typical seconds per visit. */
  dwellS: number;
  /** Hanging: median minutes of the one visit. */
  dwellMedianMin: number;
  joinsPerAccount: number;
}

export function drawViewParams(rng: Rng): ViewParams {
  const viewMethod = rng.pick<ViewMethod>(["hanging", "ghost"]);
  return {
    viewMethod,
    dwellS: viewMethod === "ghost" ? round(within(rng, GHOST_DWELL_S), 1) : 0,
    dwellMedianMin: viewMethod === "hanging" ? round(within(rng, HANGING_DWELL_MEDIAN_MIN), 1) : 0,
    joinsPerAccount: viewMethod === "ghost" ? intWithin(rng, GHOST_JOINS) : 1,
  };
}

export function fakeViews(input: KindInput): KindOutcome {
  const { ctx, common, window: w, volume } = input;
  const { rng, room } = ctx;
  const p = drawViewParams(rng);
  const size = clamp(Math.ceil(volume / p.joinsPerAccount), VIEW_FARM);
  const crew = buildCrew(rng, ctx.accounts, size, common, w.startMs);
  const gap = gapSampler(rng, common.timingCv);
  const offsets = startOffsets(size, effectiveRampMs(common, w), common.ramp, gap);
  let joins = 0;
  crew.members.forEach((bot, i) => {
    const firstMs = w.startMs + offsets[i]!;
    let firstLeaveMs = firstMs;
    if (p.viewMethod === "hanging") {
      room.join(firstMs, bot);
      firstLeaveMs = Math.min(room.endMs - 1, firstMs + rng.logNormal(p.dwellMedianMin * 60_000, 0.4));
      room.leave(firstLeaveMs, bot);
      joins++;
    } else {
      const meanGapMs = Math.max(p.dwellS * 1000 + 2_000, (w.endMs - firstMs) / p.joinsPerAccount);
      let t = firstMs;
      for (let k = 0; k < p.joinsPerAccount && t < w.endMs; k++) {
        const dwellMs = clamp(p.dwellS * rng.logNormal(1, 0.3), GHOST_DWELL_S) * 1000;
        room.join(t, bot);
        room.leave(t + dwellMs, bot);
        if (k === 0) firstLeaveMs = t + dwellMs;
        joins++;
        t += Math.max(dwellMs + 500, gap(meanGapMs));
      }
    }
    if (rng.chance(common.chatterShare)) chatter(room, rng, bot, firstMs + 500, firstLeaveMs - 500);
  });
  const params = { viewMethod: p.viewMethod, joinsPerAccount: p.joinsPerAccount, ...(p.viewMethod === "ghost" ? { dwellS: p.dwellS } : { dwellMedianMin: p.dwellMedianMin }) };
  return { style: p.viewMethod, common, crew, ramp: common.ramp, actions: joins, params, tells: p.viewMethod === "ghost" ? ["ghost_dwell"] : [] };
}
