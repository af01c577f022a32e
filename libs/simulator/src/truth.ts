/** Room-level ground truth written next to the simulated events (`--truth FILE`). */
export type Subcategory = "FAKE_LIKES" | "FAKE_VIEWS" | "FAKE_FOLLOWS" | "FAKE_ORDERS";

/**
 * Legitimate crowds that look like attacks (threat model §4). The first four
 * predate the threat model and keep their names: viral_spike is its
 * viral_push, family_device its family_devices; devoted_fan is one fan.
 */
export type HardNegative =
  | "flash_sale" | "viral_spike" | "family_device" | "devoted_fan"
  | "countdown_drop" | "like_giveaway" | "raid" | "lucky_bag" | "campus_network" | "new_user_campaign" | "price_drop_refunds" | "loyal_fans";

export type RoomSize = "small" | "medium" | "large";

export interface AttackIntensity {
  /** Distinct bot accounts in the attack. */
  bots: number;
  /** Fake actions per minute while the attack runs. */
  actionsPerMinute: number;
  /** Bots as a share of the accounts active in the room during the attack. */
  roomShare: number;
  /** Style-specific knobs (phones, wave period, payment accounts...). */
  params: Record<string, number>;
}

export interface TruthLabel {
  category: "RISK_CATEGORY_DATA_FALSIFICATION";
  subcategory: Subcategory;
  /** The attack style, e.g. "device_farm", "emulator_waves". */
  style: string;
  attackStartMs: number;
  attackEndMs: number;
  intensity: AttackIntensity;
  /**
   * Randomised attacks (issue #12): every drawn parameter of threat model §3
   * and its bin (`shareBin`, `ageBin`, `deviceBin`, `ipBin`, `timing`,
   * `ramp`, and per kind `viewMethod`, `likeCrew`, `likeChannel`,
   * `followCrew`, `orderCrew`, `payKeyBin`, `addressBin`, `refundBin`,
   * `amount`), what was realised (`realisedShare`...), and the `tells`
   * counted. Absent on the fixed styles.
   */
  params?: Record<string, number | string>;
  /** Randomised attacks: whether a platform should catch it by the §3 rule. Absent on the fixed styles. */
  shouldCatch?: boolean;
}

/** A label of a randomised attack, where the parameters and the §3 verdict are always present. */
export interface RandomizedTruthLabel extends TruthLabel {
  params: Record<string, number | string>;
  shouldCatch: boolean;
}

export interface RoomTruth {
  roomId: string;
  size: RoomSize;
  startMs: number;
  endMs: number;
  labels: TruthLabel[];
  hardNegative: HardNegative | null;
  /** Randomised rooms: the room's own draws (`organicViewers`) and its hard-negative episode's. Absent otherwise. */
  params?: Record<string, number | string>;
}
