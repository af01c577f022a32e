/**
 * A crew as a seller runs it: accounts from the room's own account factory
 * (so ids carry no hint of their role), re-dressed with the drawn ages,
 * shared devices and /24s; a schedule with the drawn ramp and gap
 * regularity; and a little chatter to look alive.
 */
import type { Actor } from "@redline/proto";
import { DAY_MS, distinctPrefixes } from "./accounts";
import type { AccountFactory } from "./accounts";
import { agedDays } from "./attack-draws";
import type { CommonParams } from "./attack-draws";
import type { Rng } from "./rng";
import type { RoomEvents } from "./room-events";
import { COMMENTS } from "./viewer";

export interface Crew {
  members: Actor[];
  devicesUsed: number;
  prefixesUsed: number;
}

export interface AttackWindow {
  startMs: number;
  endMs: number;
}

function createdMs(rng: Rng, c: CommonParams, atMs: number): number {
  if (rng.chance(c.freshShare)) return atMs - (c.batchNewestDays + rng.uniform(0, c.batchH / 24)) * DAY_MS;
  return atMs - agedDays(rng) * DAY_MS;
}

export function buildCrew(rng: Rng, accounts: AccountFactory, size: number, c: CommonParams, atMs: number): Crew {
  const devices = Math.ceil(size / c.accountsPerDevice);
  const pool = distinctPrefixes(rng, Math.min(c.prefixes, devices));
  const members: Actor[] = [];
  for (let i = 0; i < size; i++) {
    const base = accounts.next();
    const first = members[i - (i % c.accountsPerDevice)] ?? base;
    // One phone or emulator host sits behind one network.
    const device = Math.floor(i / c.accountsPerDevice);
    members.push({
      ...base,
      accountCreatedMs: Math.round(createdMs(rng, c, atMs)),
      deviceId: first.deviceId,
      ipPrefix: pool[device % pool.length]!,
      realNameVerified: rng.chance(c.realNameShare),
    });
  }
  return { members, devicesUsed: devices, prefixesUsed: pool.length };
}

/** Gaps with the drawn coefficient of variation: near-constant for a fixed schedule, log-normal for a randomised one. */
export function gapSampler(rng: Rng, cv: number): (meanMs: number) => number {
  if (cv < 0.2) return (meanMs) => meanMs * Math.max(0.5, 1 + cv * rng.normal());
  const sigma = Math.sqrt(Math.log(1 + cv * cv));
  const toMedian = Math.exp((-sigma * sigma) / 2);
  return (meanMs) => rng.logNormal(meanMs * toMedian, sigma);
}

/** When the ramp lets a crew's members start, within the window. */
export function effectiveRampMs(c: CommonParams, w: AttackWindow): number {
  return Math.min(c.rampS * 1000, 0.8 * (w.endMs - w.startMs));
}

/**
 * Start offsets of `n` members: spaced by the drawn gaps; a sudden ramp
 * spreads them evenly over its 5-60 s, a gradual one with a rising rate.
 */
export function startOffsets(n: number, rampMs: number, ramp: CommonParams["ramp"], gap: (meanMs: number) => number): number[] {
  const cumulative: number[] = [];
  let sum = 0;
  for (let i = 0; i < n; i++) {
    cumulative.push(sum);
    sum += gap(1);
  }
  return cumulative.map((s) => {
    const p = sum > 0 ? s / sum : 0;
    return Math.round(rampMs * (ramp === "gradual" ? Math.sqrt(p) : p));
  });
}

/** A bot that looks alive: one or two likes at human counts, or a comment, while it is present. */
export function chatter(room: RoomEvents, rng: Rng, bot: Actor, fromMs: number, toMs: number): void {
  if (toMs <= fromMs) return;
  if (rng.chance(0.5)) {
    const n = rng.int(1, 2);
    for (let i = 0; i < n; i++) room.like(rng.uniform(fromMs, toMs), bot, rng.int(1, 10));
  } else {
    room.comment(rng.uniform(fromMs, toMs), bot, rng.pick(COMMENTS));
  }
}

export function clamp(value: number, range: readonly [number, number]): number {
  return Math.min(range[1], Math.max(range[0], value));
}
