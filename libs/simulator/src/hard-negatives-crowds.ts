/**
 * Threat model §4 crowds that look like engagement fraud: a like giveaway,
 * a raid from another streamer, a lucky bag, a fan club that stays all
 * show, and a campus behind a handful of NAT /24s. Each follows its row:
 * what it shares with an attack, and what separates it.
 */
import type { Actor } from "@redline/proto";
import { DAY_MS, distinctPrefixes } from "./accounts";
import type { AccountFactory } from "./accounts";
import type { Rng } from "./rng";
import type { RoomEvents } from "./room-events";
import { buy, COMMENTS, humanLikes, ownWallet, visit } from "./viewer";
import type { Behaviour, Session, Shop } from "./viewer";

export interface EpisodeContext {
  room: RoomEvents;
  rng: Rng;
  accounts: AccountFactory;
  shop: Shop | null;
  /** The organic audience already generated. */
  sessions: readonly Session[];
  behaviour: Behaviour;
  atMs: number;
}

export type EpisodeParams = Record<string, number | string>;

function presentAt(sessions: readonly Session[], fromMs: number, toMs: number): Session[] {
  return sessions.filter((s) => s.joinMs < fromMs && s.leaveMs > toMs);
}

/** "Likes reach 100k → lucky draw": 30-80 % of the viewers present tap for 2-5 min, at human counts and gaps. */
export function likeGiveaway(x: EpisodeContext): EpisodeParams {
  const { room, rng, atMs } = x;
  const durationMs = rng.uniform(2, 5) * 60_000;
  const share = rng.uniform(0.3, 0.8);
  let likers = 0;
  for (const s of presentAt(x.sessions, atMs, atMs + 20_000)) {
    if (!rng.chance(share)) continue;
    likers++;
    const endMs = Math.min(s.leaveMs - 500, atMs + durationMs);
    for (let t = atMs + rng.uniform(0, 20_000); t < endMs; t += 300 + rng.exp(1_500)) room.like(t, s.user, rng.int(3, 15));
  }
  return { durationMin: Math.round(durationMs / 6_000) / 10, likerShare: Math.round(share * 100) / 100, likers };
}

/** Another streamer sends the audience: 150-1,000 joins within a minute, 10-40 % follow after watching, long-tailed dwell, chatter. */
export function raid(x: EpisodeContext): EpisodeParams {
  const { room, rng, atMs } = x;
  const raiders = rng.int(150, 1_000);
  const spanMs = rng.uniform(10_000, 60_000);
  const followShare = rng.uniform(0.1, 0.4);
  for (let i = 0; i < raiders; i++) {
    const user = x.accounts.next();
    const joinMs = atMs + rng.uniform(0, spanMs);
    const leaveMs = Math.min(room.endMs - 1, joinMs + rng.logNormal(4 * 60_000, 1.1));
    room.join(joinMs, user);
    if (rng.chance(followShare) && leaveMs - joinMs > 6_000) room.follow(joinMs + rng.uniform(5_000, Math.min(leaveMs - joinMs - 1_000, 300_000)), user);
    if (rng.chance(0.35)) room.comment(rng.uniform(joinMs, leaveMs), user, rng.pick(COMMENTS));
    if (rng.chance(0.2)) humanLikes(room, rng, user, joinMs, leaveMs);
    room.leave(leaveMs, user);
  }
  return { raiders, spanS: Math.round(spanMs / 1000), followShare: Math.round(followShare * 100) / 100 };
}

const PASSWORDS = ["福袋来了", "抢福袋", "666", "我要福袋", "lucky bag!", "主播好运"];

/** 福袋: follow and comment the password to enter; 20-60 % of the viewers present do so within 1-2 min. */
export function luckyBag(x: EpisodeContext): EpisodeParams {
  const { room, rng, atMs } = x;
  const windowMs = rng.uniform(60_000, 120_000);
  const share = rng.uniform(0.2, 0.6);
  const password = rng.pick(PASSWORDS);
  let entrants = 0;
  for (const s of presentAt(x.sessions, atMs, atMs + windowMs + 20_000)) {
    if (!rng.chance(share)) continue;
    entrants++;
    const followMs = atMs + rng.uniform(2_000, windowMs);
    room.follow(followMs, s.user);
    room.comment(followMs + rng.uniform(1_000, 15_000), s.user, password);
    if (rng.chance(0.4)) room.comment(rng.uniform(followMs, s.leaveMs), s.user, rng.pick(COMMENTS));
  }
  return { windowS: Math.round(windowMs / 1000), entrantShare: Math.round(share * 100) / 100, entrants, password };
}

function aged(user: Actor, rng: Rng, nowMs: number, minDays: number, maxDays: number): Actor {
  return { ...user, accountCreatedMs: Math.round(nowMs - rng.uniform(minDays, maxDays) * DAY_MS) };
}

/** A fan club of 30-200 accounts 1-6 years old, there from the start to the end, liking, commenting and buying like people. */
export function loyalFans(x: EpisodeContext): EpisodeParams {
  const { room, rng } = x;
  const fans = rng.int(30, 200);
  for (let i = 0; i < fans; i++) {
    const fan = aged(x.accounts.next(), rng, room.startMs, 365, 6 * 365);
    const joinMs = room.startMs + rng.uniform(0, 120_000);
    const leaveMs = room.endMs - rng.uniform(1_000, 60_000);
    room.join(joinMs, fan);
    humanLikes(room, rng, fan, joinMs, leaveMs);
    const comments = rng.int(1, 6);
    for (let c = 0; c < comments; c++) room.comment(rng.uniform(joinMs, leaveMs), fan, rng.pick(COMMENTS));
    if (x.shop !== null && rng.chance(0.3)) buy(room, rng, fan, rng.uniform(joinMs + 60_000, leaveMs - 60_000), x.shop, ownWallet(fan));
    room.leave(leaveMs, fan);
  }
  return { fans };
}

/** 100-600 students behind 1-4 NAT /24s, each on their own phone and card, shipping to one campus locker, arriving all show. */
export function campusNetwork(x: EpisodeContext): EpisodeParams {
  const { room, rng } = x;
  const students = rng.int(100, 600);
  const prefixes = distinctPrefixes(rng, rng.int(1, 4));
  const behaviour: Behaviour = { ...x.behaviour, buyShare: rng.uniform(0.1, 0.3) };
  let locker: string | undefined;
  for (let i = 0; i < students; i++) {
    const user = { ...x.accounts.next(), ipPrefix: rng.pick(prefixes) };
    locker ??= `addr-${user.userId}`;
    visit(room, rng, user, rng.uniform(room.startMs, room.endMs - 60_000), behaviour, x.shop, { paymentAccountId: `pay-${user.userId}`, shippingAddressHash: locker });
  }
  return { students, prefixes: prefixes.length, buyShare: Math.round(behaviour.buyShare * 100) / 100 };
}
