/** One alert whose cited events were not all archived when the alert was. */
export interface PendingCitation {
  alertId: string;
  roomId: string;
  /** The cited events not archived yet. */
  eventIds: string[];
  /** Wall time after which the look-up stops: the alert's event time plus the look-up window. */
  giveUpAtMs: number;
  /** Wall time the alert was archived (for how long it has waited). */
  sinceMs: number;
}

export interface PendingEvidenceOptions {
  /**
   * How long after an alert's event time its cited events are still looked for. Set to the transient
   * class's retention: an event archived later than that would have been dropped unread anyway.
   */
  lookupWindowMs: number;
  /** Most alerts waiting at once; beyond it the oldest gives up (a bound on memory, not a time limit). */
  maxAlerts: number;
}

/** Why a look-up stopped without its events: past the retention of what it waits for, or memory's bound. */
export type AbandonReason = "retention" | "capacity";

export interface Abandoned {
  citation: PendingCitation;
  reason: AbandonReason;
}

/**
 * The alerts whose cited events the archive has not seen yet, kept until the events land. The bound is
 * event time (the alert's time plus the transient retention), never how long the archiver has lagged:
 * a wall-clock bound of 120 s lost 911 of 1,722 cited events to a 5-minute ControlPlane outage that put
 * the archiver's input behind its alerts (issue 17). Knows no ClickHouse: the writer looks the ids up.
 */
export class PendingEvidence {
  private readonly byAlert = new Map<string, PendingCitation>();
  /** Event id to the alerts waiting for it, so a batch's events are matched without a query. */
  private readonly waitingFor = new Map<string, Set<string>>();
  private events = 0;

  constructor(private readonly opts: PendingEvidenceOptions) {}

  get alertCount(): number {
    return this.byAlert.size;
  }

  get eventCount(): number {
    return this.events;
  }

  /** Starts waiting for `eventIds` of an alert; returns the citations pushed out by the bound on alerts. */
  add(alertId: string, roomId: string, alertEventTimeMs: number, eventIds: readonly string[], nowMs: number): Abandoned[] {
    this.remove(alertId);
    const citation: PendingCitation = { alertId, roomId, eventIds: [...new Set(eventIds)], giveUpAtMs: alertEventTimeMs + this.opts.lookupWindowMs, sinceMs: nowMs };
    if (citation.eventIds.length === 0) return [];
    this.byAlert.set(alertId, citation);
    for (const id of citation.eventIds) this.index(id, alertId);
    this.events += citation.eventIds.length;
    const pushedOut: Abandoned[] = [];
    // Map order is insertion order: the first key is the alert waiting longest.
    for (const oldest of this.byAlert.keys()) {
      if (this.byAlert.size <= this.opts.maxAlerts) break;
      pushedOut.push({ citation: this.remove(oldest)!, reason: "capacity" });
    }
    return pushedOut;
  }

  /** Whether any of these event ids is awaited (a batch that brings one is worth a look-up round). */
  awaitsAny(eventIds: Iterable<string>): boolean {
    for (const id of eventIds) if (this.waitingFor.has(id)) return true;
    return false;
  }

  /** Every waiting citation, oldest first (a snapshot: safe to change the set while going through it). */
  citations(): PendingCitation[] {
    return [...this.byAlert.values()];
  }

  /** The events of `alertId` now archived: they are no longer awaited; the alert leaves when none are. */
  found(alertId: string, eventIds: Iterable<string>): void {
    const citation = this.byAlert.get(alertId);
    if (!citation) return;
    const arrived = new Set(eventIds);
    const still = citation.eventIds.filter((id) => !arrived.has(id));
    for (const id of citation.eventIds) if (arrived.has(id)) this.unindex(id, alertId);
    this.events -= citation.eventIds.length - still.length;
    citation.eventIds = still;
    if (still.length === 0) this.byAlert.delete(alertId);
  }

  /** Removes and returns the citations whose window has passed at `nowMs`. */
  expire(nowMs: number): Abandoned[] {
    const expired: Abandoned[] = [];
    for (const c of this.citations()) if (nowMs >= c.giveUpAtMs) expired.push({ citation: this.remove(c.alertId)!, reason: "retention" });
    return expired;
  }

  private remove(alertId: string): PendingCitation | undefined {
    const citation = this.byAlert.get(alertId);
    if (!citation) return undefined;
    this.byAlert.delete(alertId);
    for (const id of citation.eventIds) this.unindex(id, alertId);
    this.events -= citation.eventIds.length;
    return citation;
  }

  private index(eventId: string, alertId: string): void {
    const alerts = this.waitingFor.get(eventId);
    if (alerts) alerts.add(alertId);
    else this.waitingFor.set(eventId, new Set([alertId]));
  }

  private unindex(eventId: string, alertId: string): void {
    const alerts = this.waitingFor.get(eventId);
    if (!alerts) return;
    alerts.delete(alertId);
    if (alerts.size === 0) this.waitingFor.delete(eventId);
  }
}
