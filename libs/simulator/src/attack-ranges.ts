/**
 * The attacker parameter ranges of docs/threat-model.md §3, copied as they
 * were frozen before any detector was fitted to them (issue #12). Change
 * them only together with the threat model, never to move a result.
 */
export type Range = readonly [number, number];

export const SHARE_BINS = { dominant: [0.5, 0.9], major: [0.2, 0.5], minor: [0.05, 0.2] } as const satisfies Record<string, Range>;
export type ShareBin = keyof typeof SHARE_BINS;

export const START_MIN: Range = [3, 15];
export const DURATION_MIN: Range = [5, 30];
/** The attack stops at least this long before the room ends. */
export const END_MARGIN_MS = 60_000;

export const RAMP_S = { sudden: [5, 60], gradual: [300, 1_200] } as const satisfies Record<string, Range>;
export type Ramp = keyof typeof RAMP_S;

/** Coefficient of variation of the gaps between a crew's actions. */
export const TIMING_CV = { fixed: [0.01, 0.05], jittered: [0.3, 1.2] } as const satisfies Record<string, Range>;
export type Timing = keyof typeof TIMING_CV;

export const FRESH_AGE_DAYS: Range = [0, 14];
export const FRESH_BATCH_H: Range = [1, 72];
export const MIXED_FRESH_SHARE: Range = [0.3, 0.7];
export const AGED_AGE_DAYS: Range = [180, 2_500];
export type AgeBin = "fresh" | "mixed" | "aged";

export const ACCOUNTS_PER_DEVICE = { "1": [1, 1], "2-4": [2, 4], "5-20": [5, 20] } as const satisfies Record<string, Range>;
export type DeviceBin = keyof typeof ACCOUNTS_PER_DEVICE;

export const PREFIXES = { farm: [1, 5], proxy: [20, 100], residential: [200, 800] } as const satisfies Record<string, Range>;
export type IpBin = keyof typeof PREFIXES;

export const REAL_NAME_SHARE: Range = [0, 0.9];
export const CHATTER_SHARE: Range = [0, 0.3];

export const VIEW_FARM: Range = [20, 5_000];
export const HANGING_DWELL_MEDIAN_MIN: Range = [10, 120];
export const GHOST_DWELL_S: Range = [2, 30];
export const GHOST_JOINS: Range = [2, 20];
export type ViewMethod = "hanging" | "ghost";

export const LIKE_TAPS_PER_S = { auto_clicker: [15, 40], like_farm: [8, 20], click_crew: [2, 8] } as const satisfies Record<string, Range>;
export type LikeCrew = keyof typeof LIKE_TAPS_PER_S;
export type LikeChannel = "app_ui" | "api_script";
export const API_COUNT: Range = [30, 200];
export const LIKE_FARM: Range = [5, 300];
export const LIKE_JOIN_FIRST: Range = [0.2, 1];
/** A click-crew member is in the room "for a few minutes" (§2.2). */
export const CLICK_CREW_STAY_MIN: Range = [2, 6];

export type FollowCrew = "follow_farm" | "f4f_crew" | "bought_waves";
export const FOLLOW_FARM: Range = [20, 2_000];
export const FOLLOW_WAVES: Range = [1, 6];
export const FOLLOW_WAVE_S: Range = [30, 180];
export const FOLLOW_WITHOUT_JOIN: Range = [0, 1];
export const WATCH_BEFORE_FOLLOW_S = { bot: [1, 10], human: [30, 300] } as const satisfies Record<string, Range>;

export type OrderCrew = "mule_ring" | "brushing_studio" | "real_person";
export const MULES: Range = [5, 150];
export const ORDERS_PER_MULE: Range = [1, 6];
export const BUYERS_PER_PAY_KEY = { "1": [1, 1], "2-5": [2, 5], "6-30": [6, 30] } as const satisfies Record<string, Range>;
export type PayKeyBin = keyof typeof BUYERS_PER_PAY_KEY;
export const BUYERS_PER_ADDRESS = { "1": [1, 1], "2-5": [2, 5], "6-40": [6, 40] } as const satisfies Record<string, Range>;
export type AddressBin = keyof typeof BUYERS_PER_ADDRESS;
export const CANCEL_RATE: Range = [0, 0.5];
export const REFUND_RATE: Range = [0, 0.9];
export const REFUND_DELAY_MIN: Range = [2, 30];
export const LOW_VALUE_CENTS: Range = [100, 990];
export const NO_ACTIVITY_SHARE: Range = [0, 1];
export type Amount = "low_value" | "sku_price";

/** §3 "Why these ranges": even a minor attack in a quiet room has a handful of actions. */
export const VOLUME_FLOOR = { FAKE_VIEWS: 20, FAKE_LIKES: 200, FAKE_FOLLOWS: 20, FAKE_ORDERS: 6 } as const;

/** §3: each room's own size, distinct organic viewers, drawn log-uniform. */
export const ORGANIC_VIEWERS: Range = [30, 3_000];

export function shareBinOf(share: number): ShareBin | "below" {
  if (share >= SHARE_BINS.dominant[0]) return "dominant";
  if (share >= SHARE_BINS.major[0]) return "major";
  if (share >= SHARE_BINS.minor[0]) return "minor";
  return "below";
}
