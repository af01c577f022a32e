import type { Actor } from "@redline/proto";
import { organicActor } from "./identity";
import { newWallet, type Wallet } from "./purchase";
import type { Rng } from "./rng";
import type { RoomLog } from "./room-log";
import type { RoomPlan } from "./room-plan";
import { actOrganically, ORGANIC_PROPENSITY, type Propensity, type Session } from "./viewer-activity";

/**
 * Heavy-tailed dwell: a third swipe away within seconds, most stay minutes, a
 * fifth stay to the end of the stream.
 */
export function organicDwellMs(rng: Rng, remainingMs: number): number {
  const u = rng.float();
  let dwellMs: number;
  if (u < 0.35) dwellMs = rng.logNormal(12_000, 0.8);
  else if (u < 0.8) dwellMs = rng.logNormal(4 * 60_000, 1.0);
  else dwellMs = remainingMs;
  return Math.max(1_500, Math.min(dwellMs, remainingMs));
}

export interface SessionOptions {
  actor?: Actor;
  wallet?: Wallet;
  dwellMs?: number;
  propensity?: Propensity;
}

/** JOIN, activity, LEAVE; a viewer still there at the end leaves in the last second. */
export function emitSession(rng: Rng, log: RoomLog, plan: RoomPlan, joinMs: number, opts: SessionOptions = {}): Session {
  const remainingMs = plan.endMs - 1 - joinMs;
  const dwellMs = Math.min(opts.dwellMs ?? organicDwellMs(rng, remainingMs), remainingMs);
  const session: Session = {
    actor: opts.actor ?? organicActor(rng, plan.startMs),
    wallet: opts.wallet ?? newWallet(rng),
    joinMs,
    leaveMs: joinMs + Math.max(1_000, dwellMs),
  };
  log.join(session.actor, session.joinMs);
  actOrganically(rng, log, plan, session, opts.propensity ?? ORGANIC_PROPENSITY);
  log.leave(session.actor, session.leaveMs);
  return session;
}

/**
 * The room's ordinary audience: arrivals front-loaded (u^1.4 over the stream),
 * 8 % come back once after a network drop or a look elsewhere.
 */
export function generateOrganicAudience(rng: Rng, log: RoomLog, plan: RoomPlan): Session[] {
  const sessions: Session[] = [];
  const durationMs = plan.endMs - plan.startMs;
  for (let i = 0; i < plan.viewerCount; i++) {
    const joinMs = plan.startMs + 1_000 + (durationMs - 30_000) * Math.pow(rng.float(), 1.4);
    const first = emitSession(rng, log, plan, joinMs);
    sessions.push(first);
    if (rng.chance(0.08)) {
      const backMs = first.leaveMs + rng.between(5_000, 300_000);
      if (backMs < plan.endMs - 5_000) {
        sessions.push(emitSession(rng, log, plan, backMs, { actor: first.actor, wallet: first.wallet }));
      }
    }
  }
  return sessions;
}

/** Sessions present at `atMs`. */
export function presentAt(sessions: readonly Session[], atMs: number): Session[] {
  return sessions.filter((s) => s.joinMs <= atMs && s.leaveMs > atMs);
}
