/**
 * The attacker parameter ranges of docs/threat-model.md §3, as data. Every
 * attack draws from here; the unit tests check each recorded parameter
 * against PARAM_BOUNDS.
 */
export type Range = readonly [min: number, max: number];

export const ROOM_RANGES = {
  viewers: [30, 3000] as Range,
  durationMin: [20, 60] as Range,
  startSpreadMin: [0, 90] as Range,
};

export const SHARE_BINS = { dominant: [0.5, 0.9] as Range, major: [0.2, 0.5] as Range, minor: [0.05, 0.2] as Range };
export const RAMP_SEC = { sudden: [5, 60] as Range, gradual: [300, 1200] as Range };
export const TIMING_CV = { fixed: [0.01, 0.05] as Range, jittered: [0.3, 1.2] as Range };
export const ACCOUNTS_PER_DEVICE = { single: [1, 1] as Range, shared: [2, 4] as Range, multi_open: [5, 20] as Range };
export const IP_PREFIXES = { farm: [1, 5] as Range, proxy_pool: [20, 100] as Range, residential: [200, 800] as Range };

export const COMMON_RANGES = {
  attackStartOffsetMin: [3, 15] as Range,
  attackDurationMin: [5, 30] as Range,
  mixedFreshShare: [0.3, 0.7] as Range,
  freshAgeDays: [0, 14] as Range,
  creationClusterHours: [1, 72] as Range,
  agedAgeDays: [180, 2500] as Range,
  realNameShare: [0, 0.9] as Range,
  engageShare: [0, 0.3] as Range,
};

export const VIEW_RANGES = {
  farmSize: [20, 5000] as Range,
  hangingDwellMedianMin: [10, 120] as Range,
  ghostDwellSec: [2, 30] as Range,
  ghostJoinsPerAccount: [2, 20] as Range,
};

export const LIKE_RANGES = {
  farmSize: [5, 300] as Range,
  tapRatePerSec: { auto_clicker: [15, 40] as Range, like_farm: [8, 20] as Range, click_crew: [2, 8] as Range },
  apiCountPerEvent: [30, 200] as Range,
  joinShare: [0.2, 1] as Range,
};

export const FOLLOW_RANGES = {
  farmSize: [20, 2000] as Range,
  waves: [1, 6] as Range,
  waveSpanSec: [30, 180] as Range,
  withoutJoinShare: [0, 1] as Range,
  watchBeforeFollowSec: { bot: [1, 10] as Range, human: [30, 300] as Range },
};

export const ORDER_RANGES = {
  muleAccounts: [5, 150] as Range,
  ordersPerMule: [1, 6] as Range,
  buyersPerPaymentAccount: { single: [1, 1] as Range, small: [2, 5] as Range, ring: [6, 30] as Range },
  buyersPerAddress: { single: [1, 1] as Range, small: [2, 5] as Range, ring: [6, 40] as Range },
  cancelRate: [0, 0.5] as Range,
  refundRate: [0, 0.9] as Range,
  refundDelayMin: [2, 30] as Range,
  lowValueCents: [100, 990] as Range,
  noOtherActivityShare: [0, 1] as Range,
};

/** Fewest fake actions an attack makes, whatever its share (threat model §3, "Why these ranges"). */
export const VOLUME_FLOOR = { joins: 20, taps: 200, follows: 20, orders: 6 };

function hull(...ranges: Range[]): Range {
  return [Math.min(...ranges.map((r) => r[0])), Math.max(...ranges.map((r) => r[1]))];
}

/** Overall bounds of every numeric parameter recorded in a room's truth. */
export const PARAM_BOUNDS: Readonly<Record<string, Range>> = {
  roomViewers: ROOM_RANGES.viewers,
  roomDurationMin: ROOM_RANGES.durationMin,
  attackShareTarget: hull(...Object.values(SHARE_BINS)),
  attackShareRealised: [0, 1],
  attackStartOffsetMin: COMMON_RANGES.attackStartOffsetMin,
  attackDurationMin: [1, COMMON_RANGES.attackDurationMin[1]],
  rampSec: hull(...Object.values(RAMP_SEC)),
  timingCv: hull(...Object.values(TIMING_CV)),
  freshShare: [0, 1],
  creationClusterHours: COMMON_RANGES.creationClusterHours,
  accountsPerDevice: hull(...Object.values(ACCOUNTS_PER_DEVICE)),
  ipPrefixCount: hull(...Object.values(IP_PREFIXES)),
  accountsPerIpPrefix: [1, VIEW_RANGES.farmSize[1]],
  realNameShare: COMMON_RANGES.realNameShare,
  engageShare: COMMON_RANGES.engageShare,
  farmSize: hull(VIEW_RANGES.farmSize, LIKE_RANGES.farmSize, FOLLOW_RANGES.farmSize, ORDER_RANGES.muleAccounts),
  dwellMedianSec: [VIEW_RANGES.ghostDwellSec[0], VIEW_RANGES.hangingDwellMedianMin[1] * 60],
  joinsPerAccount: [1, VIEW_RANGES.ghostJoinsPerAccount[1]],
  tapRatePerSec: hull(...Object.values(LIKE_RANGES.tapRatePerSec)),
  countPerEvent: [1, LIKE_RANGES.apiCountPerEvent[1]],
  joinShare: [0, 1],
  waves: FOLLOW_RANGES.waves,
  waveSpanSec: FOLLOW_RANGES.waveSpanSec,
  withoutJoinShare: FOLLOW_RANGES.withoutJoinShare,
  watchBeforeFollowSec: hull(...Object.values(FOLLOW_RANGES.watchBeforeFollowSec)),
  ordersPerMule: ORDER_RANGES.ordersPerMule,
  buyersPerPaymentAccount: hull(...Object.values(ORDER_RANGES.buyersPerPaymentAccount)),
  buyersPerAddress: hull(...Object.values(ORDER_RANGES.buyersPerAddress)),
  cancelRate: ORDER_RANGES.cancelRate,
  refundRate: ORDER_RANGES.refundRate,
  refundDelayMin: ORDER_RANGES.refundDelayMin,
  amountCents: [ORDER_RANGES.lowValueCents[0], 300000],
  targetSkuCount: [1, 2],
  noOtherActivityShare: ORDER_RANGES.noOtherActivityShare,
  tells: [0, 12],
  fakeActions: [0, 1e7],
  episodeStartOffsetMin: [0, 60],
  crowdSize: [0, 5000],
  // Hard-negative episodes (threat model §4).
  multiplier: [3, 10],
  spikeSec: [60, 180],
  spanSec: [20, 300],
  participation: [0.2, 0.8],
  followShare: [0.1, 0.4],
  families: [10, 40],
  lockerAddresses: [1, 3],
  unpaidRate: [0.1, 0.3],
  orders: [30, 300],
  rushSec: [10, 40],
  newShare: [0.3, 0.6],
  buyShare: [0.05, 0.15],
  refundShare: [0.2, 0.6],
};
