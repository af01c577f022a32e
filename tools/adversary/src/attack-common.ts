import type { Actor } from "@redline/proto";
import { farmActors, type IdentityPlan } from "./identity";
import {
  ACCOUNTS_PER_DEVICE,
  COMMON_RANGES,
  IP_PREFIXES,
  RAMP_SEC,
  SHARE_BINS,
  TIMING_CV,
  type Range,
} from "./ranges";
import type { Rng } from "./rng";
import type { EventBody, RoomLog } from "./room-log";
import type { RoomPlan } from "./room-plan";
import type { Session } from "./viewer-activity";

export type Params = Record<string, number | string>;

/** What an attack or an episode works on: one room being drawn. */
export interface RoomContext {
  rng: Rng;
  log: RoomLog;
  plan: RoomPlan;
  /** The organic audience's sessions, already in the log. */
  sessions: Session[];
  params: Params;
}

export interface AttackWindow {
  startMs: number;
  endMs: number;
}

export interface Timing {
  fixed: boolean;
  cv: number;
}

const round3 = (x: number): number => Math.round(x * 1000) / 1000;

function drawBin<K extends string>(rng: Rng, bins: Readonly<Record<K, Range>>): [K, Range] {
  const key = rng.pick(Object.keys(bins) as K[]);
  return [key, bins[key]];
}

/** Starts 3–15 min in, lasts 5–30 min, ends at least a minute before the stream does. */
export function drawWindow(ctx: RoomContext): AttackWindow {
  const offsetMin = ctx.rng.between(...COMMON_RANGES.attackStartOffsetMin);
  const startMs = ctx.plan.startMs + offsetMin * 60_000;
  const durationMs = Math.min(ctx.rng.between(...COMMON_RANGES.attackDurationMin) * 60_000, ctx.plan.endMs - 60_000 - startMs);
  ctx.params.attackStartOffsetMin = round3(offsetMin);
  ctx.params.attackDurationMin = round3(durationMs / 60_000);
  return { startMs: Math.round(startMs), endMs: Math.round(startMs + durationMs) };
}

export function drawShare(ctx: RoomContext): number {
  const [bin, range] = drawBin(ctx.rng, SHARE_BINS);
  const share = ctx.rng.between(...range);
  ctx.params.shareBin = bin;
  ctx.params.attackShareTarget = round3(share);
  return share;
}

/** Fake units needed for `share` of the window's activity, never fewer than `floor`. */
export function fakeVolume(organicUnits: number, share: number, floor: number): number {
  return Math.max(floor, Math.round((share / (1 - share)) * organicUnits));
}

/** `human`: a crew of real people with their own phones and accounts on residential lines. */
export function drawIdentity(ctx: RoomContext, human: boolean): IdentityPlan {
  const { rng, params } = ctx;
  const profile = human ? (rng.chance(0.8) ? "aged" : "mixed") : rng.pick(["fresh", "mixed", "aged"]);
  const freshShare =
    profile === "fresh" ? 1 : profile === "aged" ? 0 : rng.between(...COMMON_RANGES.mixedFreshShare) * (human ? 0.3 : 1);
  const [deviceBin, deviceRange] = human ? (["single", ACCOUNTS_PER_DEVICE.single] as const) : drawBin(rng, ACCOUNTS_PER_DEVICE);
  const [ipBin, ipRange] = human ? (["residential", IP_PREFIXES.residential] as const) : drawBin(rng, IP_PREFIXES);
  const plan: IdentityPlan = {
    freshShare,
    creationClusterHours: rng.between(...COMMON_RANGES.creationClusterHours),
    accountsPerDevice: rng.int(...deviceRange),
    ipPrefixCount: rng.int(...ipRange),
    realNameShare: rng.between(...COMMON_RANGES.realNameShare),
  };
  Object.assign(params, {
    accountAgeProfile: profile,
    freshShare: round3(freshShare),
    creationClusterHours: round3(plan.creationClusterHours),
    deviceBin,
    accountsPerDevice: plan.accountsPerDevice,
    ipBin,
    realNameShare: round3(plan.realNameShare),
  });
  return plan;
}

/** Makes the farm's accounts; a farm never has more /24s than accounts. */
export function buildFarm(ctx: RoomContext, identity: IdentityPlan, farmSize: number): Actor[] {
  const ipPrefixCount = Math.min(identity.ipPrefixCount, farmSize);
  ctx.params.farmSize = farmSize;
  ctx.params.ipPrefixCount = ipPrefixCount;
  ctx.params.accountsPerIpPrefix = round3(farmSize / ipPrefixCount);
  return farmActors(ctx.rng, farmSize, { ...identity, ipPrefixCount }, ctx.plan.startMs);
}

export function drawTiming(ctx: RoomContext, human: boolean): Timing {
  const fixed = human ? false : ctx.rng.chance(0.5);
  const cv = ctx.rng.between(...(fixed ? TIMING_CV.fixed : TIMING_CV.jittered));
  ctx.params.timing = fixed ? "fixed" : "jittered";
  ctx.params.timingCv = round3(cv);
  return { fixed, cv };
}

/** Ramp length, at most the window's. */
export function drawRampMs(ctx: RoomContext, window: AttackWindow): number {
  const ramp = ctx.rng.pick(["sudden", "gradual"] as const);
  const rampMs = Math.min(ctx.rng.between(...RAMP_SEC[ramp]) * 1000, window.endMs - window.startMs);
  ctx.params.ramp = ramp;
  ctx.params.rampSec = round3(rampMs / 1000);
  return rampMs;
}

/** A gap around `meanMs`: near-constant when scheduled, log-normal when randomised. */
export function gapMs(rng: Rng, meanMs: number, timing: Timing): number {
  if (timing.fixed) return Math.max(1, meanMs * (1 + timing.cv * rng.normal()));
  return rng.logNormalMeanCv(meanMs, timing.cv);
}

/**
 * When each of `n` accounts starts: evenly spaced by a scheduler, or with a
 * rate rising linearly over the ramp (start = ramp·√u) when randomised.
 */
export function startTimes(rng: Rng, n: number, fromMs: number, rampMs: number, timing: Timing): number[] {
  if (timing.fixed) {
    const stepMs = rampMs / Math.max(1, n);
    return Array.from({ length: n }, (_, i) => fromMs + i * stepMs + stepMs * timing.cv * rng.normal());
  }
  return Array.from({ length: n }, () => fromMs + rampMs * Math.sqrt(rng.float())).sort((a, b) => a - b);
}

/** Records the share the attack really reached against the organic activity of its span. */
export function recordRealisedShare(ctx: RoomContext, fromIndex: number, measure: (b: EventBody) => number): void {
  const span = ctx.log.spanSince(fromIndex);
  const fake = ctx.log.sumSince(fromIndex, measure);
  if (span === null || fake === 0) {
    ctx.params.attackShareRealised = 0;
    return;
  }
  const all = ctx.log.sum(span.firstMs, span.lastMs + 1, measure);
  const organic = Math.max(0, all - fake);
  ctx.params.fakeActions = fake;
  ctx.params.attackShareRealised = round3(fake / (fake + organic));
}

export { round3 };
