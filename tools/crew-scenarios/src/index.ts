/**
 * @redline/crew-scenarios — independent multi-room traffic with ground truth,
 * written blind from the threat model (docs/threat-model.md §6): crews rented
 * to many rooms, each room worked lightly; hard negatives that also span rooms
 * (a streamer's fans, a shop's staff, raids, shared audiences, households,
 * campuses); organic background rooms. Imports only `@redline/proto`.
 * Development seeds may be looked at; reporting seeds never used for tuning.
 *
 * @example
 * import { generateCrewScenario, DEFAULT_CREW_SCENARIO_OPTIONS, REPORTING_SEEDS } from "@redline/crew-scenarios";
 * const { events, truth } = generateCrewScenario({ ...DEFAULT_CREW_SCENARIO_OPTIONS, seed: REPORTING_SEEDS[0]! });
 * const crewAccounts = new Set(truth.crews.flatMap((c) => c.accounts));
 */
export { generateCrewScenario, CREW_SCENARIO_PLATFORM } from "./generate";
export {
  CREW_STYLES,
  HARD_NEGATIVE_KINDS,
  ROOM_SHARE_CAPS,
  MIN_ROOMS_PER_CREW,
  MIN_ACCOUNTS_PER_VISIT,
  DEFAULT_CREW_SCENARIO_OPTIONS,
  DEVELOPMENT_SEEDS,
  REPORTING_SEEDS,
} from "./types";
export type {
  CrewLinkage,
  CrewStyle,
  CrewTruth,
  CrewVisitTruth,
  CrewScenarioOptions,
  CrewScenarioTraffic,
  CrewScenarioTruth,
  HardNegativeKind,
  HardNegativeTruth,
  RoomRole,
  RoomTruth,
  ShareMeasure,
  TimeSpan,
} from "./types";
