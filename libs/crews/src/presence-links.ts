/**
 * Script partners seen together again (#21, threat model §6.1: a crew is a
 * small fixed pool rotated through the rooms it is rented to). A click
 * crew's people lag its script by minutes, so two of them are seldom in sync
 * by arrival and departure, and most of them come to one or two of its rooms;
 * but two of its accounts that ran one of the script's marks at the same
 * offset in one room (script partners, script-cohorts.ts) often also came to
 * another of its rooms within minutes of each other. Two accounts link when
 * they were script partners in one room and joined a room of another streamer
 * and another product category within `linkByPartnerPresenceMs` of each
 * other. Either half alone is common: viewers who arrive within minutes of
 * each other are everywhere, and a busy room has viewers who liked some
 * seconds after joining; on development seeds 201-209 both together paired
 * almost only accounts of one crew (study in docs/eval/crews.md).
 *
 * Only visits that count for co-visits do (not the opening crowd, a raid's
 * wave or a second screen), and the detector refuses accounts behind a NAT's
 * /24 and links between groups whose scripts differ.
 */
import type { AccountState, CoVisit, Visit } from "./account-state";
import { lastVisitIn, scriptCoVisit } from "./script-cohorts";

export interface PresenceDeps {
  accountOf: (id: string) => AccountState | undefined;
  /** The visit counts for co-visits (script-cohorts and syncs alike). */
  eligible: (visit: Visit) => boolean;
  /** Behind a NAT's /24. */
  natted: (state: AccountState) => boolean;
  /** Links the two accounts with the co-visits of the two rooms (the detector's groups, with its vetoes). */
  link: (a: AccountState, b: AccountState, coVisits: readonly CoVisit[]) => void;
}

/** Rooms of two streamers and two product categories, both known: one shop's channels and one category's audience stay in one. */
export function apartRooms(x: Visit, y: Visit): boolean {
  return x.streamerId !== "" && y.streamerId !== "" && x.streamerId !== y.streamerId && x.category !== "" && y.category !== "" && x.category !== y.category;
}

/** Visits of `a` and `b` to one room apart from `scriptVisit`'s, both eligible, joined within `maxGapMs`; the latest such pair. */
export function presenceApart(a: AccountState, b: AccountState, scriptVisit: Visit, maxGapMs: number, eligible: (v: Visit) => boolean): [Visit, Visit] | undefined {
  for (let i = a.visits.length - 1; i >= 0; i--) {
    const va = a.visits[i]!;
    if (va.roomId === scriptVisit.roomId || !apartRooms(va, scriptVisit) || !eligible(va)) continue;
    const vb = b.visits.find((v) => v.roomId === va.roomId && Math.abs(v.arrivedMs - va.arrivedMs) <= maxGapMs);
    if (vb !== undefined && eligible(vb)) return [va, vb];
  }
  return undefined;
}

/** `a`'s visit to a room apart from `presenceVisit`'s where `partnerId` was its script partner; the latest. */
export function partneredApart(a: AccountState, partnerId: string, presenceVisit: Visit): Visit | undefined {
  for (let i = a.visits.length - 1; i >= 0; i--) {
    const v = a.visits[i]!;
    if (v.roomId !== presenceVisit.roomId && apartRooms(v, presenceVisit) && (v.scriptPartners ?? []).includes(partnerId)) return v;
  }
  return undefined;
}

/**
 * A new script mark matched `partnerIds` in `visit`'s room: links each
 * partner that joined a room apart from this one within `maxGapMs` of the
 * account.
 */
export function linkPartnersSeenApart(state: AccountState, visit: Visit, partnerIds: readonly string[], maxGapMs: number, deps: PresenceDeps): void {
  if (deps.natted(state)) return;
  for (const id of partnerIds) {
    const partner = deps.accountOf(id);
    const partnerVisit = partner === undefined ? undefined : lastVisitIn(partner, visit.roomId);
    if (partner === undefined || partnerVisit === undefined || deps.natted(partner)) continue;
    const apart = presenceApart(state, partner, visit, maxGapMs, deps.eligible);
    if (apart !== undefined) deps.link(state, partner, [scriptCoVisit(visit, partnerVisit), scriptCoVisit(apart[0], apart[1])]);
  }
}

/**
 * The account joined `visit`'s room within `maxGapMs` of `arrivedIds`: links
 * each of them that was its script partner in a room apart from this one.
 */
export function linkArrivalsPartneredApart(state: AccountState, visit: Visit, arrivedIds: readonly string[], deps: PresenceDeps): void {
  if (deps.natted(state) || !deps.eligible(visit)) return;
  for (const id of arrivedIds) {
    const partner = id === state.accountId ? undefined : deps.accountOf(id);
    const partnerVisit = partner === undefined ? undefined : lastVisitIn(partner, visit.roomId);
    if (partner === undefined || partnerVisit === undefined || deps.natted(partner) || !deps.eligible(partnerVisit)) continue;
    const scripted = partneredApart(state, id, visit);
    const partnerScripted = scripted === undefined ? undefined : lastVisitIn(partner, scripted.roomId);
    if (scripted !== undefined && partnerScripted !== undefined) deps.link(state, partner, [scriptCoVisit(scripted, partnerScripted), scriptCoVisit(visit, partnerVisit)]);
  }
}
