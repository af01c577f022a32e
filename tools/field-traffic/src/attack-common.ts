import { buildFarm, Farm, FarmSpec, IdentityStyle } from "./identity";
import { Rng } from "./random";
import { Kind, Person, RoomBuilder } from "./room";
import { AttackKind, shouldCatch, TellInputs, tells } from "./should-catch";
import { say, tapBurst } from "./viewer";

const MIN = 60_000;

/** The knobs every attack draws (threat model §3), before its kind adds its own. */
export interface CommonDraw {
  shareBin: "dominant" | "major" | "minor";
  targetShare: number;
  startMs: number;
  endMs: number;
  ramp: "sudden" | "gradual";
  rampS: number;
  timing: "fixed" | "jittered";
  timingCv: number;
  identity: IdentityStyle;
  deviceBin: "1" | "2-4" | "5-20";
  prefixBin: "farm" | "proxy" | "residential";
  verifiedShare: number;
  chatter: number;
}

export function drawCommon(rng: Rng, b: RoomBuilder, humans: boolean): CommonDraw {
  const shareBin = rng.pick(["dominant", "major", "minor"] as const);
  const targetShare = shareBin === "dominant" ? rng.uniform(0.5, 0.9) : shareBin === "major" ? rng.uniform(0.2, 0.5) : rng.uniform(0.05, 0.2);
  const startMs = b.meta.startMs + rng.uniform(3, 15) * MIN;
  const endMs = Math.min(startMs + rng.uniform(5, 30) * MIN, b.meta.endMs - MIN);
  const ramp = rng.pick(["sudden", "gradual"] as const);
  const rampS = Math.min(ramp === "sudden" ? rng.uniform(5, 60) : rng.uniform(300, 1200), ((endMs - startMs) / 1000) * 0.8);
  // People in a task group tap and buy with their own phones, accounts and home networks, at their own pace.
  const timing = humans ? "jittered" : rng.pick(["fixed", "jittered"] as const);
  return {
    shareBin,
    targetShare,
    startMs,
    endMs,
    ramp,
    rampS,
    timing,
    timingCv: timing === "fixed" ? rng.uniform(0.01, 0.05) : rng.uniform(0.3, 1.2),
    identity: humans ? "aged" : rng.pick(["fresh", "mixed", "aged"] as const),
    deviceBin: humans ? "1" : rng.pick(["1", "2-4", "5-20"] as const),
    prefixBin: humans ? "residential" : rng.pick(["farm", "proxy", "residential"] as const),
    verifiedShare: rng.uniform(0, 0.9),
    chatter: rng.uniform(0, 0.3),
  };
}

/** Accounts needed for a volume, capped to the kind's farm-size range. */
export const clampInt = (x: number, lo: number, hi: number): number => Math.max(lo, Math.min(hi, Math.round(x)));

/** Volume an attack must add so it is `share` of the window's activity of its kind, with §3's floor. */
export function targetVolume(b: RoomBuilder, kind: Kind, c: CommonDraw, floor: number): number {
  const organic = b.volume(kind, "innocent", c.startMs, c.endMs);
  return Math.max(floor, Math.round((organic * c.targetShare) / (1 - c.targetShare)));
}

export function farmFor(rng: Rng, b: RoomBuilder, c: CommonDraw, accounts: number, keys: Partial<FarmSpec> = {}): Farm {
  const perDevice = c.deviceBin === "1" ? 1 : c.deviceBin === "2-4" ? rng.int(2, 4) : rng.int(5, 20);
  const prefixes = c.prefixBin === "farm" ? rng.int(1, 5) : c.prefixBin === "proxy" ? rng.int(20, 100) : rng.int(200, 800);
  return buildFarm(rng, b.meta.startMs, {
    accounts,
    identity: c.identity,
    mixedFresh: rng.uniform(0.3, 0.7),
    batchHours: rng.uniform(1, 72),
    batchAgeDays: rng.uniform(0, 14),
    accountsPerDevice: perDevice,
    prefixes: Math.min(prefixes, accounts),
    verifiedShare: c.verifiedShare,
    ...keys,
  });
}

/**
 * When each of n accounts starts: within the ramp after the attack start, spaced by the control
 * software's schedule. Sudden: evenly through 5–60 s. Gradual: a rising rate over 5–20 min (the
 * "slow drip" package), so start offsets grow like the square root of the account's rank.
 */
export function starts(rng: Rng, c: CommonDraw, n: number): number[] {
  const out: number[] = [];
  for (let i = 0; i < n; i++) {
    const u = (i + 0.5) / n;
    const base = c.ramp === "sudden" ? u : Math.sqrt(u);
    const jitter = (c.rampS * 1000 * rng.gap(1, c.timingCv) - c.rampS * 1000) / Math.max(1, n);
    out.push(c.startMs + Math.max(0, base * c.rampS * 1000 + jitter));
  }
  return out;
}

/** Bots that also like or comment a little while they are in the room, to look alive. */
export function chatter(rng: Rng, b: RoomBuilder, c: CommonDraw, bots: readonly Person[], arrivedAt: (p: Person) => number | undefined): void {
  for (const p of bots) {
    const from = arrivedAt(p);
    if (from === undefined || from >= c.endMs || !rng.chance(c.chatter)) continue;
    const at = rng.uniform(from + 2_000, c.endMs);
    if (rng.chance(0.5)) b.comment(p, at, say(rng), "attack");
    else tapBurst(b, rng, p, at, rng.uniform(2, 10), rng.uniform(2, 6), "attack");
  }
}

export interface AttackTruth {
  attackStartMs: number;
  params: Record<string, number | string>;
  shouldCatch: boolean;
}

/** The realised share, the tells and the rule's verdict, with every drawn knob as a parameter. */
export function truth(
  b: RoomBuilder,
  kind: AttackKind,
  measure: Kind,
  c: CommonDraw,
  farm: Farm,
  style: string,
  kindInputs: Partial<TellInputs>,
  extra: Record<string, number | string>,
): AttackTruth {
  const attack = b.volume(measure, "attack", c.startMs, c.endMs);
  const innocent = b.volume(measure, "innocent", c.startMs, c.endMs);
  const share = attack + innocent === 0 ? 0 : attack / (attack + innocent);
  const inputs: TellInputs = {
    kind,
    share,
    freshShare: farm.freshShare,
    maxPerDevice: farm.maxPerDevice,
    maxPerPrefix: farm.maxPerPrefix,
    timing: c.timing,
    ramp: c.ramp,
    ...kindInputs,
  };
  const found = tells(inputs);
  const times = b.times("attack");
  const params: Record<string, number | string> = {
    style,
    shareBin: c.shareBin,
    targetShare: round(c.targetShare),
    share: round(share),
    startMin: round((c.startMs - b.meta.startMs) / MIN),
    durationMin: round((c.endMs - c.startMs) / MIN),
    ramp: c.ramp,
    rampS: Math.round(c.rampS),
    timing: c.timing,
    timingCv: round(c.timingCv),
    identity: c.identity,
    freshShare: round(farm.freshShare),
    deviceBin: c.deviceBin,
    maxPerDevice: farm.maxPerDevice,
    prefixBin: c.prefixBin,
    maxPerPrefix: farm.maxPerPrefix,
    accounts: farm.people.length,
    verifiedShare: round(c.verifiedShare),
    chatter: round(c.chatter),
    ...extra,
    tells: found.length,
    tellNames: found.join("+") || "none",
  };
  return { attackStartMs: times.length > 0 ? times.reduce((m, t) => Math.min(m, t), Infinity) : c.startMs, params, shouldCatch: shouldCatch(share, found.length) };
}

export const round = (x: number): number => Math.round(x * 1000) / 1000;
