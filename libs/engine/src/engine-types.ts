/**
 * The engine's public shapes besides its outputs: what it counts, what a
 * room costs, and what it is given (engine.ts).
 */
import type { AccountRiskAt } from "./detectors/known-crews";
import type { PeerBaselineAt } from "./detectors/peer-compare";
import type { TextScorer } from "./detectors/text-scorer";

export interface EngineCounters {
  eventsIngested: number;
  eventsApplied: number;
  /** Events older than the watermark on arrival; applied at once, out of order. */
  lateEvents: number;
  /** Events dropped because the same room and event id were seen within `dedupeWindowMs`. */
  duplicateEvents: number;
  eventsWithoutRoom: number;
  alertsRaised: number;
  roomsTracked: number;
  roomsReleased: number;
  /** Rooms released early because `maxRooms` was reached. */
  roomsEvicted: number;
  /** Times quiet input moved the watermark to the newest event seen (`flush`). */
  idleAdvances: number;
  bufferedEvents: number;
  watermarkMs: number;
  /** Rough size of the held state: tracked accounts, devices and order keys across rooms. */
  stateEntries: number;
}

/** One room's snapshot size (see `RiskEngine.roomStateSizes`). */
export interface RoomStateSize {
  roomId: string;
  bytes: number;
  accounts: number;
}

export type WindowJudgedHook = (roomId: string, kind: "views" | "likes" | "follows" | "orders", timeMs: number, features: Float64Array) => void;

export interface EngineDeps {
  /** Wall clock, used only for `watermarkLagMs` in counters; never in outputs. */
  clock?: () => number;
  /** Scores comment and barrage texts; defaults to the committed text classifier. */
  textScorer?: TextScorer;
  /**
   * Event time up to which buffered events may be applied: the pipeline's
   * minute-table hold (#21, libs/pipeline), so an event is scored only once
   * every table it reads is ready for its time. Events above it wait in the
   * buffer, even behind the watermark, until `applyHeld`. Absent: no limit.
   */
  applyLimitMs?: () => number;
  /**
   * The crew an account was named in at an event time: the account-risk
   * table (#21) read with `valueAt`, behind the same hold. The falsification
   * detectors count known crew accounts acting in a room
   * (`detectors/known-crews.ts`). Absent: no crews known.
   */
  accountRiskAt?: AccountRiskAt;
  /**
   * The peer group's sketch of a signal at an event time: the baselines
   * table (#12) read behind the same hold, its partials merged. Present, the
   * engine also makes its own partials each event-time minute
   * (`takeBaselinePartials`) and findings list the room's peer quantiles.
   */
  peerBaselineAt?: PeerBaselineAt;
  /**
   * Fitting only (`npm run fit:combiner`): called with each window the falsification detectors judge, with
   * the features the fitted combiner reads (`WINDOW_FEATURES`). The values are reused after the call returns:
   * copy what you keep. The service never sets it.
   */
  onWindowJudged?: WindowJudgedHook;
}
