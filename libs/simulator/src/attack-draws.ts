/**
 * Draws the parameters every data-falsification attack has (threat model
 * §3): how big a share it takes, when and how fast it starts, how regular it
 * is, and whose accounts, devices and networks it uses.
 */
import {
  ACCOUNTS_PER_DEVICE, AGED_AGE_DAYS, CHATTER_SHARE, DURATION_MIN, FRESH_AGE_DAYS, FRESH_BATCH_H, MIXED_FRESH_SHARE,
  PREFIXES, RAMP_S, REAL_NAME_SHARE, SHARE_BINS, START_MIN, TIMING_CV,
} from "./attack-ranges";
import type { AgeBin, DeviceBin, IpBin, Ramp, Range, ShareBin, Timing } from "./attack-ranges";
import type { Rng } from "./rng";

export interface CommonParams {
  shareBin: ShareBin;
  /** Wanted share of the room's activity of the attack's kind inside its window. */
  targetShare: number;
  startMin: number;
  durationMin: number;
  ramp: Ramp;
  rampS: number;
  timing: Timing;
  /** Coefficient of variation of the gaps between a crew's actions. */
  timingCv: number;
  ageBin: AgeBin;
  /** Share of the crew on fresh accounts: 1 fresh, 0 aged, drawn for mixed. */
  freshShare: number;
  /** Fresh accounts were registered within this many hours of each other. */
  batchH: number;
  /** Age in days of the newest fresh account when the attack starts. */
  batchNewestDays: number;
  deviceBin: DeviceBin;
  accountsPerDevice: number;
  ipBin: IpBin;
  prefixes: number;
  realNameShare: number;
  /** Share of the crew that also likes or comments, to look alive. */
  chatterShare: number;
}

export function within(rng: Rng, range: Range): number {
  return rng.uniform(range[0], range[1]);
}

export function intWithin(rng: Rng, range: Range): number {
  return rng.int(range[0], range[1]);
}

export function pickKey<K extends string>(rng: Rng, bins: Readonly<Record<K, unknown>>): K {
  return rng.pick(Object.keys(bins) as K[]);
}

export function round(value: number, digits = 3): number {
  const f = 10 ** digits;
  return Math.round(value * f) / f;
}

function drawIdentity(rng: Rng): Pick<CommonParams, "ageBin" | "freshShare" | "batchH" | "batchNewestDays" | "deviceBin" | "accountsPerDevice" | "ipBin" | "prefixes"> {
  const ageBin = rng.pick<AgeBin>(["fresh", "mixed", "aged"]);
  const batchH = round(within(rng, FRESH_BATCH_H), 1);
  // The whole batch stays within 0-14 days old.
  const batchNewestDays = round(rng.uniform(FRESH_AGE_DAYS[0], FRESH_AGE_DAYS[1] - batchH / 24), 2);
  const freshShare = ageBin === "fresh" ? 1 : ageBin === "aged" ? 0 : round(within(rng, MIXED_FRESH_SHARE), 2);
  const deviceBin = pickKey(rng, ACCOUNTS_PER_DEVICE);
  const ipBin = pickKey(rng, PREFIXES);
  return { ageBin, freshShare, batchH, batchNewestDays, deviceBin, accountsPerDevice: intWithin(rng, ACCOUNTS_PER_DEVICE[deviceBin]), ipBin, prefixes: intWithin(rng, PREFIXES[ipBin]) };
}

export function drawCommon(rng: Rng): CommonParams {
  const shareBin = pickKey(rng, SHARE_BINS);
  const ramp = pickKey(rng, RAMP_S);
  const timing = pickKey(rng, TIMING_CV);
  return {
    shareBin,
    targetShare: round(within(rng, SHARE_BINS[shareBin])),
    startMin: round(within(rng, START_MIN), 2),
    durationMin: round(within(rng, DURATION_MIN), 2),
    ramp,
    rampS: round(within(rng, RAMP_S[ramp]), 1),
    timing,
    timingCv: round(within(rng, TIMING_CV[timing])),
    ...drawIdentity(rng),
    realNameShare: round(within(rng, REAL_NAME_SHARE), 2),
    chatterShare: round(within(rng, CHATTER_SHARE), 2),
  };
}

/**
 * Crews of real people (click crews, follow-for-follow, real-person
 * brushing) use their own phones, old accounts and home networks and act at
 * human timing (§2.2-2.4), whatever the farm knobs would have said.
 */
export function asHumans(rng: Rng, c: CommonParams): CommonParams {
  return {
    ...c,
    ageBin: "aged",
    freshShare: 0,
    deviceBin: "1",
    accountsPerDevice: 1,
    ipBin: "residential",
    prefixes: intWithin(rng, PREFIXES.residential),
    timing: "jittered",
    timingCv: round(within(rng, TIMING_CV.jittered)),
  };
}

export function agedDays(rng: Rng): number {
  return within(rng, AGED_AGE_DAYS);
}
