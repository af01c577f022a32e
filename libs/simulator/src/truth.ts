/** Room-level ground truth written next to the simulated events (`--truth FILE`). */
export type Subcategory = "FAKE_LIKES" | "FAKE_VIEWS" | "FAKE_FOLLOWS" | "FAKE_ORDERS";

export type HardNegative = "flash_sale" | "viral_spike" | "family_device" | "devoted_fan";

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
}

export interface RoomTruth {
  roomId: string;
  size: RoomSize;
  startMs: number;
  endMs: number;
  labels: TruthLabel[];
  hardNegative: HardNegative | null;
}
