/**
 * What the detector keeps per room: arrivals per event-time minute (to tell a
 * raid's wave from a light crew) and the visits that ended recently (the
 * candidates a departing account is compared with). Only same-room, same-time
 * visits are ever compared, so the room-minute is the locality-sensitive
 * bucket that keeps pair work linear in the traffic.
 */
import type { CrewConfig } from "./config";

export interface Arrival {
  accountId: string;
  arrivedMs: number;
  /** False when the account acted in the room without a join event. */
  joined: boolean;
}

export interface EndedVisit {
  accountId: string;
  arrivedMs: number;
  leftMs: number;
  /** Counts towards co-visits: not the opening crowd, not a wave, not watched alongside another room. */
  eligible: boolean;
  /** Join to leave; 0 when either is missing. */
  dwellMs: number;
}

/** A visit's first like, follow or comment, as an offset from its join (script-cohorts.ts). */
export interface ScriptMark {
  accountId: string;
  arrivedMs: number;
  kind: ScriptKind;
  offsetMs: number;
}

export type ScriptKind = "like" | "burst" | "comment";

const MINUTE_MS = 60_000;
/** A room's ended visits are compared only within `departureSyncMs`; this caps a pathological room. */
const MAX_ENDED_VISITS_PER_ROOM = 4096;

/** A room's state as a snapshot holds it. */
export interface RoomActivitySnapshot {
  roomId: string;
  lastMs: number;
  arrivalsPerMinute: Array<[number, number]>;
  ended: EndedVisit[];
  arrivals: Arrival[];
  /** Absent in snapshots taken before script cohorts. */
  scriptMarks?: ScriptMark[];
}

export class RoomActivity {
  private readonly arrivalsPerMinute = new Map<number, number>();
  private ended: EndedVisit[] = [];
  private arrivals: Arrival[] = [];
  private scriptMarks: ScriptMark[] = [];
  lastMs = 0;

  constructor(readonly roomId: string) {}

  recordArrival(atMs: number, config: CrewConfig): void {
    const minute = Math.floor(atMs / MINUTE_MS);
    this.arrivalsPerMinute.set(minute, (this.arrivalsPerMinute.get(minute) ?? 0) + 1);
    for (const kept of this.arrivalsPerMinute.keys()) {
      if (kept > minute - config.roomMinutesKept) break;
      this.arrivalsPerMinute.delete(kept);
    }
  }

  /** Arrivals in the minute of `atMs` and the minutes either side. */
  arrivalsAround(atMs: number): number {
    const minute = Math.floor(atMs / MINUTE_MS);
    return (this.arrivalsPerMinute.get(minute - 1) ?? 0) + (this.arrivalsPerMinute.get(minute) ?? 0) + (this.arrivalsPerMinute.get(minute + 1) ?? 0);
  }

  /** Ended visits that could still be in sync with one ending at `nowMs`, after forgetting older ones. */
  recentEnded(nowMs: number, config: CrewConfig): readonly EndedVisit[] {
    const horizon = nowMs - config.departureSyncMs;
    let drop = 0;
    while (drop < this.ended.length && this.ended[drop]!.leftMs < horizon) drop++;
    if (drop > 0) this.ended = this.ended.slice(drop);
    return this.ended;
  }

  /**
   * Arrivals within `arrivalSyncMs` before this one, after forgetting those
   * older than that and `linkByPartnerPresenceMs` (presence-links.ts); then
   * records this one.
   */
  arrivalsBefore(arrival: Arrival, config: CrewConfig): readonly Arrival[] {
    const horizon = arrival.arrivedMs - Math.max(config.arrivalSyncMs, config.linkByPartnerPresenceMs);
    let drop = 0;
    while (drop < this.arrivals.length && this.arrivals[drop]!.arrivedMs < horizon) drop++;
    const kept = this.arrivals.slice(drop);
    this.arrivals = kept.length >= MAX_ENDED_VISITS_PER_ROOM ? [...kept.slice(1), arrival] : [...kept, arrival];
    const syncHorizon = arrival.arrivedMs - config.arrivalSyncMs;
    return kept.filter((a) => a.arrivedMs >= syncHorizon);
  }

  /** Accounts of the arrivals kept since `fromMs` (the latest recorded included). */
  arrivedSince(fromMs: number): string[] {
    return this.arrivals.filter((a) => a.arrivedMs >= fromMs).map((a) => a.accountId);
  }

  /**
   * Marks of the same kind from visits that joined within `scriptCohortArrivalMs`
   * of this one, offsets within `scriptOffsetToleranceMs`; then records this one.
   * Marks come in time order, and a mark older than the arrival window plus the
   * tolerance can match nothing that comes later, so they are forgotten.
   */
  scriptMarksMatching(mark: ScriptMark, config: CrewConfig): ScriptMark[] {
    const horizon = mark.arrivedMs + mark.offsetMs - config.scriptCohortArrivalMs - config.scriptOffsetToleranceMs;
    let drop = 0;
    while (drop < this.scriptMarks.length && this.scriptMarks[drop]!.arrivedMs + this.scriptMarks[drop]!.offsetMs < horizon) drop++;
    if (drop > 0) this.scriptMarks = this.scriptMarks.slice(drop);
    const matches = this.scriptMarks.filter(
      (m) => m.kind === mark.kind && m.accountId !== mark.accountId && Math.abs(m.arrivedMs - mark.arrivedMs) <= config.scriptCohortArrivalMs && Math.abs(m.offsetMs - mark.offsetMs) <= config.scriptOffsetToleranceMs,
    );
    this.scriptMarks.push(mark);
    if (this.scriptMarks.length > MAX_ENDED_VISITS_PER_ROOM) this.scriptMarks.shift();
    return matches;
  }

  recordEnded(visit: EndedVisit): void {
    this.ended.push(visit);
    if (this.ended.length > MAX_ENDED_VISITS_PER_ROOM) this.ended.shift();
  }

  toSnapshot(): RoomActivitySnapshot {
    return { roomId: this.roomId, lastMs: this.lastMs, arrivalsPerMinute: [...this.arrivalsPerMinute], ended: this.ended, arrivals: this.arrivals, scriptMarks: this.scriptMarks };
  }

  static fromSnapshot(snapshot: RoomActivitySnapshot): RoomActivity {
    const room = new RoomActivity(snapshot.roomId);
    room.lastMs = snapshot.lastMs;
    for (const [minute, n] of snapshot.arrivalsPerMinute) room.arrivalsPerMinute.set(minute, n);
    room.ended = snapshot.ended;
    room.arrivals = snapshot.arrivals;
    room.scriptMarks = snapshot.scriptMarks ?? [];
    return room;
  }

  /** Estimated bytes held. */
  bytes(): number {
    return 200 + 2 * this.roomId.length + this.arrivalsPerMinute.size * 40 + (this.ended.length + this.arrivals.length + this.scriptMarks.length) * (64 + 2 * 16 + 16);
  }
}
