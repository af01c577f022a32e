export type AdversaryLabel = "FAKE_LIKES" | "FAKE_VIEWS" | "FAKE_FOLLOWS" | "FAKE_ORDERS";

export const ADVERSARY_LABELS: readonly AdversaryLabel[] = ["FAKE_VIEWS", "FAKE_LIKES", "FAKE_FOLLOWS", "FAKE_ORDERS"];

/** Legitimate crowd behaviour that looks like an attack (docs/threat-model.md §4). */
export type AdversaryHardNegative =
  | "flash_sale"
  | "countdown_drop"
  | "viral_push"
  | "like_giveaway"
  | "raid"
  | "lucky_bag"
  | "family_devices"
  | "campus_network"
  | "new_user_campaign"
  | "price_drop_refunds"
  | "loyal_fans";

export const HARD_NEGATIVE_KINDS: readonly AdversaryHardNegative[] = [
  "flash_sale",
  "countdown_drop",
  "viral_push",
  "like_giveaway",
  "raid",
  "lucky_bag",
  "family_devices",
  "campus_network",
  "new_user_campaign",
  "price_drop_refunds",
  "loyal_fans",
];

export interface AdversaryRoomTruth {
  roomId: string;
  /** null for organic and hard-negative rooms */
  label: AdversaryLabel | null;
  hardNegative: AdversaryHardNegative | null;
  /** event time of the first fake event (attacked rooms), else null */
  attackStartMs: number | null;
  /** event time of the last fake event (attacked rooms), else null */
  attackEndMs: number | null;
  /** the drawn attacker (or episode) parameters, for recall per parameter bin */
  params: Record<string, number | string>;
  /** true when the threat model says a platform should catch this configuration */
  shouldCatch: boolean;
  startMs: number;
  endMs: number;
}

export interface AdversaryOptions {
  seed: number;
  /** Unix ms; rooms start 0–90 minutes after it. */
  startMs: number;
  attackedRoomsPerLabel: number;
  /** Total hard-negative rooms, dealt round-robin over HARD_NEGATIVE_KINDS. */
  hardNegativeRooms: number;
  organicRooms: number;
}

export interface AdversaryTraffic {
  events: import("@redline/proto").LiveEvent[];
  truth: AdversaryRoomTruth[];
}

/** Default sizes: 40 rooms per label, 10 per hard-negative kind, 40 organic. */
export const DEFAULT_ADVERSARY_OPTIONS: Readonly<Omit<AdversaryOptions, "seed">> = Object.freeze({
  startMs: Date.UTC(2025, 5, 18, 12, 0, 0),
  attackedRoomsPerLabel: 40,
  hardNegativeRooms: 10 * HARD_NEGATIVE_KINDS.length,
  organicRooms: 40,
});
