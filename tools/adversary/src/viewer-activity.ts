import type { Actor } from "@redline/proto";
import { emitTip, organicPurchase, type Wallet } from "./purchase";
import type { Rng } from "./rng";
import type { RoomLog } from "./room-log";
import type { RoomPlan } from "./room-plan";
import { COMMENT_TEXTS } from "./texts";

/** One stay of one viewer in the room. */
export interface Session {
  actor: Actor;
  wallet: Wallet;
  joinMs: number;
  leaveMs: number;
}

/** Chance that a viewer who stays at least a minute does each thing. */
export interface Propensity {
  like: number;
  comment: number;
  follow: number;
  buy: number;
  tip: number;
}

export const ORGANIC_PROPENSITY: Readonly<Propensity> = { like: 0.3, comment: 0.12, follow: 0.05, buy: 0.04, tip: 0.01 };

/**
 * A human tapping burst: 2–10 client batches ~1 s apart at 2–8 taps/s, now and
 * then 10–15 taps/s for a moment (threat model §2.2). Returns the last time.
 */
export function humanLikeBurst(rng: Rng, log: RoomLog, actor: Actor, atMs: number, untilMs: number): number {
  const tapsPerSec = rng.chance(0.05) ? rng.between(10, 15) : rng.between(2, 8);
  let t = atMs;
  const batches = rng.int(2, 10);
  for (let i = 0; i < batches && t < untilMs; i++) {
    const gapMs = rng.between(700, 1600);
    const count = Math.min(20, Math.max(1, Math.round((tapsPerSec * gapMs) / 1000 + rng.normal())));
    log.like(actor, count, t);
    t += gapMs;
  }
  return t;
}

function within(rng: Rng, s: Session): number {
  return rng.between(s.joinMs + 1_000, s.leaveMs - 500);
}

/** Likes, comments, a follow, a purchase or a tip, all inside the session. */
export function actOrganically(rng: Rng, log: RoomLog, plan: RoomPlan, s: Session, p: Propensity): void {
  if (s.leaveMs - s.joinMs < 60_000 && !rng.chance(0.2)) return;
  if (rng.chance(p.like)) {
    const bursts = 1 + Math.floor(rng.exponential(1.5));
    for (let i = 0; i < bursts; i++) humanLikeBurst(rng, log, s.actor, within(rng, s), s.leaveMs);
  }
  if (rng.chance(p.comment)) {
    const n = rng.int(1, 3);
    for (let i = 0; i < n; i++) log.comment(s.actor, rng.pick(COMMENT_TEXTS), within(rng, s));
  }
  if (rng.chance(p.follow)) log.follow(s.actor, within(rng, s));
  if (rng.chance(p.buy)) {
    const orders = rng.chance(0.9) ? 1 : 2;
    for (let i = 0; i < orders; i++) organicPurchase(rng, log, s.actor, s.wallet, rng.pick(plan.skus), within(rng, s));
  }
  if (rng.chance(p.tip)) emitTip(rng, log, s.actor, s.wallet, within(rng, s));
}
