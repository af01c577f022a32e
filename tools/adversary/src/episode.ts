import type { Actor } from "@redline/proto";
import { round3, type RoomContext } from "./attack-common";
import { emitSession, presentAt } from "./organic-audience";
import type { Wallet } from "./purchase";
import type { Session, Propensity } from "./viewer-activity";

const QUIET: Readonly<Propensity> = { like: 0.2, comment: 0.08, follow: 0.02, buy: 0, tip: 0 };

/** When a hard-negative episode happens: 3 min in at the earliest, 6 min before the end at the latest. */
export function episodeStartMs(ctx: RoomContext): number {
  const durationMin = (ctx.plan.endMs - ctx.plan.startMs) / 60_000;
  const offsetMin = ctx.rng.between(3, Math.max(3, durationMin - 6));
  ctx.params.episodeStartOffsetMin = round3(offsetMin);
  return ctx.plan.startMs + offsetMin * 60_000;
}

export interface CrowdMemberOptions {
  actor?: Actor;
  wallet?: Wallet;
  propensity?: Propensity;
}

/** A real viewer who joins at `joinMs` and is still there at `untilMs` (then stays a while). */
export function viewerThrough(ctx: RoomContext, joinMs: number, untilMs: number, opts: CrowdMemberOptions = {}): Session {
  const dwellMs = untilMs - joinMs + ctx.rng.logNormal(3 * 60_000, 1);
  return emitSession(ctx.rng, ctx.log, ctx.plan, joinMs, { ...opts, dwellMs, propensity: opts.propensity ?? QUIET });
}

/**
 * `n` real viewers present at `atMs`: those already watching first, then
 * newcomers who joined 1–10 minutes before.
 */
export function viewersPresent(ctx: RoomContext, atMs: number, n: number): Session[] {
  const present = ctx.rng.shuffle(presentAt(ctx.sessions, atMs + 60_000)).slice(0, n);
  while (present.length < n) {
    const joinMs = Math.max(ctx.plan.startMs + 1_000, atMs - ctx.rng.between(60_000, 600_000));
    present.push(viewerThrough(ctx, joinMs, atMs + 60_000));
  }
  return present;
}

/** A moment inside the session and inside [fromMs, toMs], or null when they do not overlap. */
export function momentIn(ctx: RoomContext, s: Session, fromMs: number, toMs: number): number | null {
  const lo = Math.max(fromMs, s.joinMs + 500);
  const hi = Math.min(toMs, s.leaveMs - 500);
  return lo < hi ? ctx.rng.between(lo, hi) : null;
}
