import type { LiveEvent } from "@redline/proto";

/** How a crew is run (the README's threat-model section, "Crew styles"). */
export type CrewStyle = "bot_farm" | "aged_farm" | "click_crew" | "brushing_crew";

export const CREW_STYLES: readonly CrewStyle[] = ["bot_farm", "aged_farm", "click_crew", "brushing_crew"];

/** Legitimate groups of accounts that also span rooms (the README's "Hard negatives"). */
export type HardNegativeKind =
  | "streamer_fans"
  | "shop_staff"
  | "raid_migration"
  | "shared_audience"
  | "household_device"
  | "campus_network";

export const HARD_NEGATIVE_KINDS: readonly HardNegativeKind[] = [
  "streamer_fans",
  "shop_staff",
  "raid_migration",
  "shared_audience",
  "household_device",
  "campus_network",
];

/**
 * The most one crew ever is of one room it works, per measure, counted over the
 * whole stream against everything in the room (organic, hard negatives, other
 * crews and itself). Below any plausible single-room threshold: the threat
 * model puts 5–10 % inside the natural variance between rooms.
 */
export const ROOM_SHARE_CAPS = Object.freeze({
  accounts: 0.05,
  joins: 0.05,
  taps: 0.05,
  follows: 0.1,
  orders: 0.1,
  comments: 0.1,
});
export type ShareMeasure = keyof typeof ROOM_SHARE_CAPS;

/** Every crew works at least this many rooms. */
export const MIN_ROOMS_PER_CREW = 4;
/** Most crews working one room: a streamer rents from a few sellers, not from ten. */
export const MAX_CREWS_PER_ROOM = 4;
/** Fewest crew accounts that act in one worked room. */
export const MIN_ACCOUNTS_PER_VISIT = 2;

export interface TimeSpan {
  firstMs: number;
  lastMs: number;
}

export interface CrewVisitTruth extends TimeSpan {
  roomId: string;
  /** crew accounts that acted in the room */
  accounts: string[];
}

/** How strongly a crew's visits are tied by the same accounts and devices (see crew-linkage.ts). */
export interface CrewLinkage {
  /** most worked rooms one account of the crew acted in */
  accountRoomsMax: number;
  /** most worked rooms two accounts of the crew acted in together */
  accountPairRoomsMax: number;
  /** most worked rooms one device of the crew was used in */
  deviceRoomsMax: number;
  /** most worked rooms two devices of the crew were used in together */
  devicePairRoomsMax: number;
}

export interface CrewTruth extends TimeSpan {
  crewId: string;
  style: CrewStyle;
  /** every account the crew owns, including ones that never acted */
  accounts: string[];
  devices: string[];
  ipPrefixes: string[];
  /** rooms the crew was rented to, in time order */
  visits: CrewVisitTruth[];
  /** rooms a member visited on its own as an ordinary viewer (cover); not worked */
  coverRooms: string[];
  linkage: CrewLinkage;
  params: Record<string, number | string>;
}

export interface HardNegativeTruth extends TimeSpan {
  groupId: string;
  kind: HardNegativeKind;
  accounts: string[];
  devices: string[];
  rooms: string[];
  params: Record<string, number | string>;
}

export type RoomRole = "background" | "rented" | "hard_negative_host";

export interface RoomTruth extends TimeSpan {
  roomId: string;
  streamerUserId: string;
  /** background: its streamer rents no crew; rented: crews may work it; host: a hard-negative group's room */
  role: RoomRole;
  /** crews that worked the room */
  crewIds: string[];
  /** hard-negative groups with accounts in the room */
  hardNegativeGroupIds: string[];
  organicViewers: number;
}

export interface CrewScenarioTruth {
  seed: number;
  startMs: number;
  endMs: number;
  roomShareCaps: typeof ROOM_SHARE_CAPS;
  minRoomsPerCrew: number;
  crews: CrewTruth[];
  hardNegatives: HardNegativeTruth[];
  rooms: RoomTruth[];
}

export interface CrewScenarioOptions {
  seed: number;
  /** Unix ms; rooms start 0–180 minutes after it. */
  startMs: number;
  crews: number;
  /** Ordinary rooms (rented or background); hard-negative host rooms come on top. */
  ordinaryRooms: number;
  /** Share of ordinary rooms whose streamer rents crews. */
  rentedShare: number;
  /** Hard-negative groups per kind. */
  groupsPerHardNegative: number;
}

export interface CrewScenarioTraffic {
  events: LiveEvent[];
  truth: CrewScenarioTruth;
}

/** Default sizes: 44 crews, 170 ordinary rooms (80 % rented), 3 groups of each hard negative. */
export const DEFAULT_CREW_SCENARIO_OPTIONS: Readonly<Omit<CrewScenarioOptions, "seed">> = Object.freeze({
  startMs: Date.UTC(2025, 8, 12, 11, 0, 0),
  crews: 44,
  ordinaryRooms: 170,
  rentedShare: 0.8,
  groupsPerHardNegative: 3,
});

/** Seeds detector authors may look at and tune on. */
export const DEVELOPMENT_SEEDS: readonly number[] = [201, 202, 203];
/** Seeds for reports only: never look at a detector's results on them while tuning. */
export const REPORTING_SEEDS: readonly number[] = [9201, 9202, 9203];
