/**
 * Dispatches (#21, threat model §6.1, session 15): one actor who rents a crew
 * to several streamers at once starts the same script in their rooms within
 * minutes, with disjoint accounts (an account cannot be in two rooms at once).
 * A click crew's accounts then each come to one of its rooms, so nothing ties
 * them account by account; what ties the rooms is the script and the time.
 *
 * A room's script cohort (script-cohorts.ts: visits that joined within
 * minutes and made one mark at one offset after joining) is an *instance*
 * once it has `linkByDispatch` visits. Two instances in rooms of two
 * streamers whose visits joined within `dispatchWindowMs` of each other and
 * whose marks lie within `scriptOffsetToleranceMs` are one dispatch: both
 * cohorts count as confirmed (their partners link as a confirmed cohort's
 * do) and the two anchors link across the rooms. Links still pass the
 * detector's NAT check and script vetoes.
 *
 * State: the instances of the last `dispatchWindowMs` plus the tolerance, at
 * most `MAX_DISPATCH_INSTANCES`, oldest dropped first.
 */
import type { AccountState, Visit } from "./account-state";
import type { CrewConfig } from "./config";
import type { ScriptKind, ScriptMark } from "./room-activity";
import { confirmVisit, lastVisitIn, type ScriptCohortDeps, scriptCoVisit } from "./script-cohorts";

/** Bounds the index in a pathological burst of cohorts; far above a busy platform's minutes of them. */
export const MAX_DISPATCH_INSTANCES = 8192;

/** One room's cohort at one mark, named by the visit that completed it. */
export interface DispatchInstance {
  roomId: string;
  streamerId: string;
  accountId: string;
  arrivedMs: number;
  kind: ScriptKind;
  offsetMs: number;
}

export interface DispatchLimits {
  windowMs: number;
  toleranceMs: number;
}

/** When the instance's mark was made: marks come in this order, which is what lets old instances go. */
function markMs(i: DispatchInstance): number {
  return i.arrivedMs + i.offsetMs;
}

/** The same script started in two streamers' rooms within the window: one dispatch. */
export function sameDispatch(a: DispatchInstance, b: DispatchInstance, limits: DispatchLimits): boolean {
  if (a.streamerId === "" || b.streamerId === "" || a.streamerId === b.streamerId || a.roomId === b.roomId) return false;
  return a.kind === b.kind && Math.abs(a.offsetMs - b.offsetMs) <= limits.toleranceMs && Math.abs(a.arrivedMs - b.arrivedMs) <= limits.windowMs;
}

/** The mark that made or grew a room's cohort, with the room's other marks it matched. */
export interface CohortMark {
  state: AccountState;
  visit: Visit;
  mark: ScriptMark;
  streamerId: string;
  matches: readonly ScriptMark[];
}

export class DispatchIndex {
  private instances: DispatchInstance[] = [];

  /**
   * A cohort of `linkByDispatch` visits or more: matched against other
   * streamers' cohorts, each match confirms both (as if their accounts had
   * run the script in a second room themselves) and links the two anchors.
   */
  noteCohort(cohort: CohortMark, deps: ScriptCohortDeps, config: CrewConfig): void {
    const { state, visit, mark } = cohort;
    if (config.linkByDispatch === 0 || cohort.matches.length + 1 < config.linkByDispatch || deps.natted(state)) return;
    const limits = { windowMs: config.dispatchWindowMs, toleranceMs: config.scriptOffsetToleranceMs };
    const instance = { roomId: visit.roomId, streamerId: cohort.streamerId, accountId: state.accountId, arrivedMs: mark.arrivedMs, kind: mark.kind, offsetMs: mark.offsetMs };
    for (const other of this.matching(instance, limits)) {
      const anchor = deps.accountOf(other.accountId);
      const anchorVisit = anchor === undefined ? undefined : lastVisitIn(anchor, other.roomId);
      if (anchor === undefined || anchorVisit === undefined || deps.natted(anchor)) continue;
      confirmVisit(state, visit, deps, config);
      confirmVisit(anchor, anchorVisit, deps, config);
      if (config.dispatchConfirmsCohort) {
        confirmPartners(cohort.matches.map((m) => m.accountId), visit.roomId, deps, config);
        confirmPartners(anchorVisit.scriptPartners ?? [], anchorVisit.roomId, deps, config);
      }
      deps.link(state, anchor, scriptCoVisit(visit, anchorVisit));
    }
  }

  get size(): number {
    return this.instances.length;
  }

  /**
   * Instances of other streamers' rooms that `instance` is one dispatch
   * with, after forgetting those too old to match it or anything later;
   * then records it (one instance per room and mark: a cohort that grows is
   * recorded once).
   */
  matching(instance: DispatchInstance, limits: DispatchLimits): DispatchInstance[] {
    // |arrival gap| <= window and |offset gap| <= tolerance bound the gap between marks.
    const horizon = markMs(instance) - limits.windowMs - limits.toleranceMs;
    let drop = 0;
    while (drop < this.instances.length && markMs(this.instances[drop]!) < horizon) drop++;
    if (drop > 0) this.instances = this.instances.slice(drop);
    const matches = this.instances.filter((other) => sameDispatch(instance, other, limits));
    const known = this.instances.some((o) => o.roomId === instance.roomId && o.kind === instance.kind && Math.abs(o.offsetMs - instance.offsetMs) <= limits.toleranceMs && Math.abs(o.arrivedMs - instance.arrivedMs) <= limits.windowMs);
    if (!known) {
      this.instances.push(instance);
      if (this.instances.length > MAX_DISPATCH_INSTANCES) this.instances.shift();
    }
    return matches;
  }

  entries(): DispatchInstance[] {
    return this.instances;
  }

  restore(instances: readonly DispatchInstance[]): void {
    this.instances = [...instances];
  }

  /** Estimated bytes held. */
  bytes(): number {
    let bytes = 0;
    for (const i of this.instances) bytes += 64 + 2 * (i.roomId.length + i.streamerId.length + i.accountId.length) + 24;
    return bytes;
  }
}

function confirmPartners(accountIds: readonly string[], roomId: string, deps: ScriptCohortDeps, config: CrewConfig): void {
  for (const id of accountIds) {
    const partner = deps.accountOf(id);
    const partnerVisit = partner === undefined ? undefined : lastVisitIn(partner, roomId);
    if (partner !== undefined && partnerVisit !== undefined && !deps.natted(partner)) confirmVisit(partner, partnerVisit, deps, config);
  }
}
