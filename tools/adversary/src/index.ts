/**
 * @redline/adversary — independent adversarial live-room traffic with ground
 * truth, written blind from docs/threat-model.md: attacks (FAKE_VIEWS,
 * FAKE_LIKES, FAKE_FOLLOWS, FAKE_ORDERS) with parameters drawn from the threat
 * model's ranges, legitimate hard negatives, and organic rooms. Imports only
 * `@redline/proto`. Its seeds are for reporting; never tune a detector on them.
 *
 * @example
 * import { generateAdversaryTraffic, DEFAULT_ADVERSARY_OPTIONS } from "@redline/adversary";
 * const { events, truth } = generateAdversaryTraffic({ ...DEFAULT_ADVERSARY_OPTIONS, seed: 9001 });
 * const attacked = truth.filter((t) => t.label !== null && t.shouldCatch);
 */
export { generateAdversaryTraffic, ADVERSARY_PLATFORM } from "./generate";
export { ADVERSARY_LABELS, HARD_NEGATIVE_KINDS, DEFAULT_ADVERSARY_OPTIONS } from "./types";
export type {
  AdversaryHardNegative,
  AdversaryLabel,
  AdversaryOptions,
  AdversaryRoomTruth,
  AdversaryTraffic,
} from "./types";
export { PARAM_BOUNDS } from "./ranges";
export { attackTells, shouldCatch } from "./should-catch";
