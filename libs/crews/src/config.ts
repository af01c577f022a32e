/**
 * The crew detector's options. Every limit comes from docs/threat-model.md §6
 * (how crews and the hard negatives behave), not from the scenario seeds; the
 * few set while looking at development seeds 201–203 say so (see
 * docs/eval/crews.md).
 */
import { CrewConfigError } from "./errors";

export interface CrewConfig {
  /** Visits and co-visits older than this (event time) are forgotten: a crew's afternoon. */
  windowMs: number;
  /** Two accounts arrive "together" when their first events in a room are this close (§6.1: lag σ up to 3 min). */
  arrivalSyncMs: number;
  /** ...and leave together when their last events in the room are this close. */
  departureSyncMs: number;
  /** Two accounts that act in a room without a join event and arrive within `arrivalSyncMs` are in sync on arrival alone. */
  syncUnannouncedArrivals: boolean;
  /** Arrivals this soon after the room's start are the opening crowd, not a rented crew (§6.1: crews come 1–20 min in). */
  minArrivalAfterStartMs: number;
  /** More arrivals than this in a room within ±1 minute is a raid or a wave, not a light crew (§6.3 raid_migration). */
  maxArrivalsPerRoomMinute: number;
  /** A visit still open (no leave) and active this recently means the account watches two rooms at once (§6.3 shop_staff). */
  concurrentVisitIdleMs: number;
  /** Two accounts are linked when they were in sync in rooms of at least this many distinct streamers. */
  minPairStreamers: number;
  /** A crew finding needs sync among its accounts in rooms of this many distinct streamers for MEDIUM, and... */
  mediumStreamers: number;
  /** ...this many for HIGH. */
  highStreamers: number;
  /** Accounts in sync needed for MEDIUM or above (one fewer when they share a device or payment key). */
  minCrewAccounts: number;
  /** Without a shared device or payment key, MEDIUM or above needs this many rooms where three or more accounts were in sync together. */
  minRoomsWithThree: number;
  /** Product categories the crew's rooms must span for MEDIUM or above (§6.3: shop staff and shared audiences stay in one). */
  minCategories: number;
  /**
   * Two groups (candidate crews) merge once accounts of one were in sync with
   * accounts of the other in `minPairStreamers` streamers' rooms (one crew
   * seen as rotating subsets, or as its devices); two already reported crews
   * only after this many (crews rented to the same rooms meet by chance).
   */
  mergeCrewsAfterStreamers: number;
  /** A finding also names accounts in sync with the crew's core in this many of its rooms where three or more of the core were in sync. */
  nameAfterCrewRooms: number;
  /**
   * A finding also names accounts in sync with this many of the core (0: none)
   * in one of its rooms where three or more of the core were, whose stays there
   * were within `nameDwellToleranceMs` of the crew's script (crew-naming.ts).
   * Off. At 4 (20 s) it found 8 more crews on development seeds 201-203 and no
   * hard negative, but named about 16 ordinary viewers per seed (2 without it)
   * and the demo's viewers that come and go with its crew once: one room's
   * timing cannot tell a crew's one-room account from a viewer who matched it
   * by chance, and a wrong accusation costs more than a missed light crew.
   */
  nameWithCoreInOneRoom: number;
  nameDwellToleranceMs: number;
  /**
   * A finding also names accounts in sync with this many of the core (0: none)
   * in one of its rooms where three or more of the core were, whose first like
   * there came as long after joining as the script's (§6.1: like bursts at
   * fixed offsets after arrival): within `scriptOffsetToleranceMs` of the first
   * likes of three or more of the core's visits in the crew's rooms
   * (script-offsets.ts). Unlike the stay, the offset holds for people in a task
   * group too, whose stays spread by minutes.
   */
  nameByLikeOffsetWithCore: number;
  /**
   * ...or with this many (0: none) when the account also visited another of
   * the crew's rooms, in sync with anyone or not (crew-naming.ts). Development
   * seeds 201-203: one crew more (128 -> 129 of 132), ordinary viewers named
   * unchanged (5); the like offset at three of the core without the second
   * room named three ordinary viewers, each seen in one room only.
   */
  nameByLikeOffsetInTwoCrewRoomsWithCore: number;
  scriptOffsetToleranceMs: number;
  /**
   * A finding also names accounts in sync with this many of the core (0: none)
   * in one of its rooms where three or more of the core were, that used a /24
   * a member of the core used, unless that /24 is a NAT's (used by more than
   * `maxAccountsPerKey` accounts): a farm's few /24s or a proxy pool's
   * (§6.2). Only names, never links: one room's co-presence and a shared
   * network together, where either alone is common.
   */
  nameByNetworkWithCore: number;
  /**
   * Two groups whose first likes each show a script (three within
   * `scriptOffsetToleranceMs` of one offset) and share no offset never merge
   * by sync, as with different stays (script-offsets.ts): two crews rented to
   * the same rooms whose packages last as long still run their own scripts.
   */
  likeScriptVeto: boolean;
  /**
   * Two groups never merge by sync when one is mostly one registration batch
   * and the other has almost none, or both are batches created more than two
   * spans apart (registration-batch.ts; spans of `registrationBatchSpanMs`):
   * a farm's accounts are registered together, a click crew's people and
   * bought aged accounts over years, and one crew's subsets share its make-up.
   */
  registrationBatchVeto: boolean;
  registrationBatchSpanMs: number;
  /** An account joins a group after being in sync with its members (any of them) in this many streamers' rooms. */
  attachAfterStreamers: number;
  /**
   * ...or after this many (0: never) counting only rooms where it arrived within
   * `attachTightArrivalMs` of them: a crew's account arrives with the crew
   * (§6.1), a viewer who met its members by chance rarely within seconds twice.
   * Off. Tried on development seeds 201-203 (2 rooms within 45 s: +4 crews;
   * 30 s: +2; 60 s attached a campus account), it then gained nothing on the
   * reporting seeds and named a shared-audience account at MEDIUM there: the
   * kind of failure §6 warns of (an audience that moves between rooms
   * together arrives together). A wrong crew accusation costs an innocent
   * account more than a missed light crew costs the platform.
   */
  attachTightAfterStreamers: number;
  attachTightArrivalMs: number;
  /**
   * Two groups whose members' stays (join to leave, median over their
   * co-visits) differ by more than this, or this share of the longer, run two
   * scripts and never merge by sync (script-dwell.ts).
   */
  scriptDwellToleranceMs: number;
  scriptDwellToleranceShare: number;
  /**
   * A member in sync with only one other member belongs to the crew's core
   * when it shares a device or payment key with another synced member
   * (crew-evidence.ts): a brushing crew's pairs on shared phones.
   */
  keyCountsForCore: boolean;
  /**
   * Two groups link on every co-visit between their members, not only those
   * seen while both groups existed (group-merging.ts): a crew's subsets often
   * met before they formed groups.
   */
  recountGroupSyncs: boolean;
  /**
   * After a link, the grown group absorbs groups in sync with its members in
   * `mergeCrewsAfterStreamers` streamers' rooms, counted the same way.
   */
  absorbNeighbourGroups: boolean;
  /**
   * ...or in this many (0: never) when both groups run the same script: their
   * median stays, each from `scriptMinSamples` co-visits or more, within
   * `scriptDwellToleranceMs`/`scriptDwellToleranceShare` (the veto's mirror).
   * Development seeds 201-203: 38 absorbs of a crew's own subsets, 3 of
   * another crew's (2 with the three-streamer bar alone: 18 and 1).
   */
  absorbSameScriptAfterStreamers: number;
  /**
   * Two accounts in sync in one room also link when this many (0: never)
   * accounts were in sync with both, in rooms of two other streamers, the
   * three rooms in `minCategories` categories (triangle-links.ts): a click
   * crew's people lag its script by minutes, so two of them are seldom in
   * sync in two rooms, but its rotating subsets close triangles across rooms.
   * A witness with `triangleMaxWitnessPartners` partners or more (a viewer of
   * many rooms who meets everyone) does not count. Development seeds 201-209:
   * 366 -> 367 of 396 crews, nothing else changed; one witness, or witnesses
   * with 16 or more partners, made crews of ordinary viewers or joined two crews.
   */
  linkByTriangle: number;
  triangleMaxWitnessPartners: number;
  /**
   * Script cohorts (script-cohorts.ts): a visit's first like, second like
   * burst or first comment whose offset from its join lies
   * within `scriptOffsetToleranceMs` of the same mark of this many (0: never)
   * other visits of the room that joined within `scriptCohortArrivalMs` of it
   * forms a cohort; an account whose cohorts in two streamers' rooms ran the
   * same offset (within `scriptCohortConsistencyMs`) is confirmed and links to
   * confirmed partners, and to partners that matched `scriptCohortPartnerMarks`
   * of its marks. A click crew's people lag the script by minutes, so they
   * are seldom in sync by arrival and departure, but each runs the script from
   * its own join (§6.1) and the script is the same in every room. Development
   * seeds 201-209: 367 -> 369 of 396 crews, 0 hard-negative MEDIUM+, ordinary
   * viewers named 22 -> 20; linking every partner of a confirmed visit found
   * 370 but named 158 ordinary viewers, and requiring two categories 366.
   */
  linkByScriptCohort: number;
  /**
   * Two script partners of one room (as above, confirmed or not) link when
   * they also joined a room of another streamer and another product category
   * within this many ms of each other (0: never; presence-links.ts): a
   * crew's pool rotates through its rooms, so its accounts come back
   * together, while viewers who merely arrived together, or liked on one
   * offset once, seldom do both. Off: on development seeds 201-209 at
   * 150, 300 or 450 s it found 369 of 396 crews as without it, ordinary
   * viewers named 20 -> 23-24, room findings on rooms no crew worked 2 -> 2-5.
   * The misses are crews split into small pure groups and one-room accounts,
   * not unlinked pairs (docs/eval/crews.md, session 14).
   */
  linkByPartnerPresenceMs: number;
  /**
   * Dispatches (dispatch-links.ts): a room's script cohort of this many
   * visits (0: never) and one in another streamer's room whose visits joined
   * within `dispatchWindowMs` of each other, at the same mark and offset, are
   * one actor's dispatch: both cohorts count as confirmed and their anchors
   * link. With `dispatchConfirmsCohort`, every visit of both cohorts counts
   * as confirmed, not only the two that matched. Off: on development seeds
   * 201-209 no setting found a crew more (cohorts of 3: 372 -> 354 of 396 and
   * 48 hard-negative MEDIUM+; of 5: 372, 0, ordinary viewers named 20 -> 24):
   * a busy room holds chance cohorts of ordinary viewers as often as a crew's.
   */
  linkByDispatch: number;
  dispatchWindowMs: number;
  dispatchConfirmsCohort: boolean;
  scriptCohortArrivalMs: number;
  scriptCohortConsistencyMs: number;
  scriptCohortPartnerMarks: number;
  maxScriptPartnersPerVisit: number;
  scriptMinSamples: number;
  /** A device or payment key used by more accounts than this is a shared terminal or a locker, and links nobody (§6.3 campus). */
  maxAccountsPerKey: number;
  /** A group bigger than this is a crowd (raid, campus, fan club), not a light crew, and is not reported. */
  maxCrewAccounts: number;
  /** Per-account caps: the state bound. */
  maxVisitsPerAccount: number;
  maxPartnersPerAccount: number;
  maxCoVisitsPerPartner: number;
  maxKeysPerAccount: number;
  /** Global caps: oldest-updated entries are evicted beyond them. */
  maxAccounts: number;
  maxRooms: number;
  maxKeys: number;
  maxGroups: number;
  /** Minutes of arrival counts kept per room. */
  roomMinutesKept: number;
}

export const DEFAULT_CREW_CONFIG: Readonly<CrewConfig> = Object.freeze({
  windowMs: 6 * 3_600_000,
  arrivalSyncMs: 120_000,
  departureSyncMs: 150_000,
  syncUnannouncedArrivals: true,
  minArrivalAfterStartMs: 45_000,
  maxArrivalsPerRoomMinute: 60,
  concurrentVisitIdleMs: 10 * 60_000,
  minPairStreamers: 2,
  mediumStreamers: 3,
  highStreamers: 5,
  minCrewAccounts: 4,
  minCategories: 2,
  minRoomsWithThree: 2,
  mergeCrewsAfterStreamers: 3,
  attachAfterStreamers: 3,
  attachTightAfterStreamers: 0,
  attachTightArrivalMs: 45_000,
  scriptDwellToleranceMs: 60_000,
  scriptDwellToleranceShare: 0.08,
  nameAfterCrewRooms: 2,
  nameWithCoreInOneRoom: 0,
  nameDwellToleranceMs: 20_000,
  nameByLikeOffsetWithCore: 4,
  nameByLikeOffsetInTwoCrewRoomsWithCore: 2,
  scriptOffsetToleranceMs: 3_000,
  nameByNetworkWithCore: 2,
  likeScriptVeto: true,
  registrationBatchVeto: true,
  registrationBatchSpanMs: 72 * 3_600_000,
  keyCountsForCore: true,
  recountGroupSyncs: true,
  absorbNeighbourGroups: true,
  absorbSameScriptAfterStreamers: 2,
  linkByTriangle: 2,
  triangleMaxWitnessPartners: 12,
  linkByScriptCohort: 1,
  linkByPartnerPresenceMs: 0,
  linkByDispatch: 0,
  dispatchWindowMs: 600_000,
  dispatchConfirmsCohort: false,
  scriptCohortArrivalMs: 450_000,
  scriptCohortConsistencyMs: 4_000,
  scriptCohortPartnerMarks: 2,
  maxScriptPartnersPerVisit: 8,
  scriptMinSamples: 3,
  maxAccountsPerKey: 12,
  maxCrewAccounts: 60,
  maxVisitsPerAccount: 12,
  maxPartnersPerAccount: 24,
  maxCoVisitsPerPartner: 6,
  maxKeysPerAccount: 4,
  maxAccounts: 1_000_000,
  maxRooms: 50_000,
  maxKeys: 1_000_000,
  maxGroups: 200_000,
  roomMinutesKept: 360,
});

/** Defaults overridden by `overrides`; throws `CrewConfigError` naming the first bad option. */
export function resolveCrewConfig(overrides: Partial<CrewConfig> = {}): Readonly<CrewConfig> {
  const config: CrewConfig = { ...DEFAULT_CREW_CONFIG, ...overrides };
  for (const [option, value] of Object.entries(config)) {
    if (typeof value === "boolean") continue;
    if (!Number.isFinite(value) || value < 0) throw new CrewConfigError(option, `must be a finite number >= 0, got ${String(value)}`);
  }
  for (const option of ["minPairStreamers", "minCrewAccounts", "maxVisitsPerAccount", "maxPartnersPerAccount", "maxCoVisitsPerPartner", "maxCrewAccounts", "mergeCrewsAfterStreamers"] as const) {
    if (!Number.isInteger(config[option]) || config[option] < 1) throw new CrewConfigError(option, `must be an integer >= 1, got ${config[option]}`);
  }
  if (config.highStreamers < config.mediumStreamers) {
    throw new CrewConfigError("highStreamers", `must be >= mediumStreamers (${config.mediumStreamers}); raise it or lower mediumStreamers`);
  }
  if (config.maxCrewAccounts < config.minCrewAccounts) {
    throw new CrewConfigError("maxCrewAccounts", `must be >= minCrewAccounts (${config.minCrewAccounts})`);
  }
  if (config.maxCoVisitsPerPartner < config.highStreamers) {
    throw new CrewConfigError("maxCoVisitsPerPartner", `must be >= highStreamers (${config.highStreamers}) or a pair can never show enough rooms`);
  }
  return Object.freeze(config);
}
