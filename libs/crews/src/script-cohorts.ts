/**
 * Script cohorts (#21, threat model §6.1): a crew runs one script in every
 * room it works — join, like bursts, a follow, comments at fixed offsets after
 * arrival — and each account runs it from its own join. A click crew's people
 * lag the script by minutes, so two of them are seldom in sync by arrival and
 * departure (and seldom meet in two rooms at all), but their offsets from join
 * to first like or comment agree within seconds, and the crew's
 * offsets are the same in every room.
 *
 * In one room, visits that joined within `scriptCohortArrivalMs` of each
 * other and made their first like, second like burst or first comment at the
 * same offset after joining (within `scriptOffsetToleranceMs`)
 * are script partners; `linkByScriptCohort` of them make a cohort. One room's
 * match can be chance (a busy room has many viewers who liked some seconds
 * after joining); an account whose cohort visits in two streamers' rooms ran
 * the same offset is *confirmed*. Two confirmed visits of one room link; an
 * unconfirmed partner links to a confirmed visit only when it matched
 * `scriptCohortPartnerMarks` of its marks (an ordinary viewer who arrived
 * with the crew lands one mark on the script by chance, seldom two). Marks of
 * ineligible visits (the opening crowd, a raid's wave, a second screen) and
 * accounts behind a NAT's /24 never count. Links still pass the detector's
 * script vetoes, and never join two reported crews.
 */
import type { AccountState, CoVisit, Visit } from "./account-state";
import type { CrewConfig } from "./config";
import type { ActivityKind } from "./activity";
import type { ScriptKind, ScriptMark } from "./room-activity";
import { coVisitDwellMs } from "./script-dwell";

/** Likes this far apart start a new burst: a script's bursts come at offsets minutes apart, each a few seconds of taps. */
export const LIKE_BURST_GAP_MS = 10_000;

const SCRIPT_KINDS = ["like", "burst", "comment"] as const;

/**
 * Follows are not marks: a platform's follow prompt fires a fixed time after
 * each viewer's join, which puts every ordinary viewer who follows on one
 * offset (the demo's viewers follow 70 s in, as its crew does). A host's
 * spoken cue to like comes at one moment for the whole room, which lines up
 * clock times, not offsets from each viewer's own join.
 */
export function scriptKindOf(kind: ActivityKind): ScriptKind | undefined {
  return kind === "like" || kind === "comment" ? kind : undefined;
}

/** The visit's offset from join to its first mark of `kind`; -1 when none. */
export function scriptOffset(visit: Visit, kind: ScriptKind): number {
  if (kind === "like") return visit.firstLikeOffsetMs;
  if (kind === "burst") return visit.secondBurstOffsetMs ?? -1;
  return visit.firstCommentOffsetMs ?? -1;
}

/**
 * Notes the visit's first mark of `kind` at `nowMs` (a like after the first
 * may start its second burst); the mark, or undefined when it is not a first
 * or the visit did not join.
 */
export function noteScriptMark(accountId: string, visit: Visit, kind: ScriptKind, nowMs: number): ScriptMark | undefined {
  if (!visit.joined) return undefined;
  let noted: ScriptKind = kind;
  if (kind === "like") {
    const previousMs = visit.lastLikeMs ?? 0;
    visit.lastLikeMs = nowMs;
    if (visit.firstLikeOffsetMs >= 0) noted = "burst";
    if (noted === "burst" && nowMs - previousMs < LIKE_BURST_GAP_MS) return undefined;
  }
  if (scriptOffset(visit, noted) >= 0) return undefined;
  const offsetMs = nowMs - visit.arrivedMs;
  if (noted === "like") visit.firstLikeOffsetMs = offsetMs;
  else if (noted === "burst") visit.secondBurstOffsetMs = offsetMs;
  else visit.firstCommentOffsetMs = offsetMs;
  return { accountId, arrivedMs: visit.arrivedMs, kind: noted, offsetMs };
}

/** Marks of two visits at the same offset (within `toleranceMs`), kind by kind. */
export function marksInCommon(a: Visit, b: Visit, toleranceMs: number): number {
  let n = 0;
  for (const k of SCRIPT_KINDS) {
    const x = scriptOffset(a, k);
    const y = scriptOffset(b, k);
    if (x >= 0 && y >= 0 && Math.abs(x - y) <= toleranceMs) n++;
  }
  return n;
}

/** Two visits of one account ran one script: some kind's offsets within `toleranceMs`. */
export function sameScript(a: Visit, b: Visit, toleranceMs: number): boolean {
  return marksInCommon(a, b, toleranceMs) > 0;
}

/** Adds `accountId` to the visit's script partners unless present or full. */
export function addScriptPartner(visit: Visit, accountId: string, cap: number): void {
  visit.scriptPartners ??= [];
  if (visit.scriptPartners.length < cap && !visit.scriptPartners.includes(accountId)) visit.scriptPartners.push(accountId);
}

/** The account's latest visit of `roomId`, open or not. */
export function lastVisitIn(state: AccountState, roomId: string): Visit | undefined {
  for (let i = state.visits.length - 1; i >= 0; i--) if (state.visits[i]!.roomId === roomId) return state.visits[i];
  return undefined;
}

/** Another visit of the account with a cohort, in another streamer's room, on the same script: what confirms `visit`. */
export function confirmingVisit(state: AccountState, visit: Visit, config: CrewConfig): Visit | undefined {
  const cohort = (v: Visit) => (v.scriptPartners?.length ?? 0) >= config.linkByScriptCohort;
  if (!cohort(visit)) return undefined;
  return state.visits.find(
    (v) => v !== visit && cohort(v) && v.streamerId !== "" && v.streamerId !== visit.streamerId && sameScript(v, visit, config.scriptCohortConsistencyMs),
  );
}

/** The co-visit two script partners' visits of one room stand for. */
export function scriptCoVisit(a: Visit, b: Visit): CoVisit {
  const end = (v: Visit) => (v.leftMs !== 0 ? v.leftMs : v.lastMs);
  return {
    roomId: a.roomId,
    streamerId: a.streamerId,
    category: a.category,
    arrivedMs: Math.min(a.arrivedMs, b.arrivedMs),
    leftMs: Math.max(end(a), end(b)),
    arrivalGapMs: Math.abs(a.arrivedMs - b.arrivedMs),
    dwellMs: coVisitDwellMs(a.dwellMs, b.dwellMs),
  };
}

export interface ScriptCohortDeps {
  accountOf: (id: string) => AccountState | undefined;
  /** Behind a NAT's /24 (a campus): its students fill the same rooms and like on the same cues. */
  natted: (state: AccountState) => boolean;
  /** Links two accounts in sync in a room (the detector's groups, with its vetoes). */
  link: (a: AccountState, b: AccountState, coVisit: CoVisit) => void;
}

/**
 * Applies one mark: finds the room's matching marks, records the partners on
 * both visits, links the account to partners whose cohort is confirmed, and
 * confirms the account's and its partners' cohorts where it now can.
 */
export function applyScriptMark(state: AccountState, visit: Visit, matches: readonly ScriptMark[], deps: ScriptCohortDeps, config: CrewConfig): void {
  if (deps.natted(state)) return;
  for (const m of matches) {
    const partner = deps.accountOf(m.accountId);
    const partnerVisit = partner === undefined ? undefined : lastVisitIn(partner, visit.roomId);
    if (partner === undefined || partnerVisit === undefined || deps.natted(partner)) continue;
    addScriptPartner(visit, partner.accountId, config.maxScriptPartnersPerVisit);
    addScriptPartner(partnerVisit, state.accountId, config.maxScriptPartnersPerVisit);
    if (partnerVisit.scriptConfirmed && linkable(visit, partnerVisit, config)) deps.link(state, partner, scriptCoVisit(visit, partnerVisit));
    else confirmCohort(partner, partnerVisit, deps, config);
  }
  confirmCohort(state, visit, deps, config);
}

/** When another visit confirms it, links the account to its partners in both rooms and the partners to each other where they matched. */
function confirmCohort(state: AccountState, visit: Visit, deps: ScriptCohortDeps, config: CrewConfig): void {
  if (visit.scriptConfirmed) return;
  const other = confirmingVisit(state, visit, config);
  if (other === undefined) return;
  visit.scriptConfirmed = true;
  const otherWasConfirmed = other.scriptConfirmed;
  other.scriptConfirmed = true;
  linkCohort(state, visit, deps, config);
  if (!otherWasConfirmed) linkCohort(state, other, deps, config);
}

/**
 * Confirms the visit on evidence from outside the account (a dispatch,
 * dispatch-links.ts) and links its partners as a confirmed cohort's.
 */
export function confirmVisit(state: AccountState, visit: Visit, deps: ScriptCohortDeps, config: CrewConfig): void {
  if (visit.scriptConfirmed) return;
  visit.scriptConfirmed = true;
  linkCohort(state, visit, deps, config);
}

/**
 * A partner of a confirmed visit joins its cohort when its own cohort is
 * confirmed too, or when it ran `minMarksUnconfirmed` of the script's marks at
 * the confirmed visit's offsets: an ordinary viewer who arrived with the crew
 * lands one mark within seconds of the script's by chance, seldom two.
 */
function linkable(visit: Visit, confirmed: Visit, config: CrewConfig): boolean {
  if (visit.scriptConfirmed) return true;
  return marksInCommon(visit, confirmed, config.scriptOffsetToleranceMs) >= config.scriptCohortPartnerMarks;
}

function linkCohort(state: AccountState, visit: Visit, deps: ScriptCohortDeps, config: CrewConfig): void {
  const partners = visit.scriptPartners ?? [];
  for (const id of partners) {
    const partner = deps.accountOf(id);
    const partnerVisit = partner === undefined ? undefined : lastVisitIn(partner, visit.roomId);
    if (partner === undefined || partnerVisit === undefined) continue;
    if (!linkable(partnerVisit, visit, config)) continue;
    deps.link(state, partner, scriptCoVisit(visit, partnerVisit));
    // Partners that matched each other too: the cohort is a clique, so each has two members in sync (the crew's core).
    for (const otherId of partnerVisit.scriptPartners ?? []) {
      if (otherId <= id || otherId === state.accountId || !partners.includes(otherId)) continue;
      const third = deps.accountOf(otherId);
      const thirdVisit = third === undefined ? undefined : lastVisitIn(third, visit.roomId);
      if (third !== undefined && thirdVisit !== undefined && linkable(thirdVisit, visit, config) && linkable(partnerVisit, thirdVisit, config)) deps.link(partner, third, scriptCoVisit(partnerVisit, thirdVisit));
    }
  }
}
