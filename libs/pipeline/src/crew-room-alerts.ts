/**
 * The crew detector's room alerts as the room engines read them (#21): the
 * values it writes under `crewRoomTableKey` on the account-risk minute
 * table, by the minute of the finding. One store per process (the service's
 * table reader fills it for every partition it runs; replay fills it
 * in-process); each pipeline takes the alerts of its own rooms once the
 * table is ready past their minute (`CrewRoomActionsStage`). Bounded: at
 * most `maxAlerts`, and nothing older than `retainMs` behind the newest
 * minute, the oldest minute dropped first (only a partition restored from a
 * checkpoint that far behind would still have wanted them).
 */
import { roomOfCrewRoomKey } from "@redline/crews";
import { minuteStart } from "@redline/minute-table";
import { Alert } from "@redline/proto";
import { CrewRoomValueError } from "./errors";

export interface CrewRoomAlertsLimits {
  maxAlerts: number;
  /** The crew detector's window: a room alert is about visits at most this old. */
  retainMs: number;
}

export const DEFAULT_CREW_ROOM_ALERTS_LIMITS: CrewRoomAlertsLimits = { maxAlerts: 100_000, retainMs: 6 * 3_600_000 };

export class CrewRoomAlerts {
  /** Minute of the finding -> alert id -> alert, minutes in ascending order of first arrival. */
  private readonly byMinute = new Map<number, Map<string, Alert>>();
  private count = 0;
  private newestMinuteMs = Number.NEGATIVE_INFINITY;
  private readonly limits: CrewRoomAlertsLimits;

  constructor(limits: Partial<CrewRoomAlertsLimits> = {}) {
    this.limits = { ...DEFAULT_CREW_ROOM_ALERTS_LIMITS, ...limits };
  }

  get size(): number {
    return this.count;
  }

  /** Whether a table key is one of these (the table reader diverts them here). */
  takes(key: string): boolean {
    return roomOfCrewRoomKey(key) !== undefined;
  }

  /** A value as read from the topic; throws `CrewRoomValueError` for bytes that are not the room alert the key names. */
  putRecord(key: string, minuteMs: number, value: Buffer): void {
    let alert: Alert;
    try {
      alert = Alert.decode(value);
    } catch (err) {
      throw new CrewRoomValueError(key, "not an Alert", err);
    }
    if (alert.roomId === "" || roomOfCrewRoomKey(key) !== alert.roomId) throw new CrewRoomValueError(key, `its alert is about room '${alert.roomId.slice(0, 64)}'`);
    this.put(minuteMs, alert);
  }

  /** A room alert found in `minuteMs`; the same alert again (a restarted detector, a re-read topic) is kept once. */
  put(minuteMs: number, alert: Alert): void {
    const minute = minuteStart(minuteMs);
    if (minute < this.newestMinuteMs - this.limits.retainMs) return;
    let alerts = this.byMinute.get(minute);
    if (alerts === undefined) this.byMinute.set(minute, (alerts = new Map()));
    if (!alerts.has(alert.alertId)) this.count++;
    alerts.set(alert.alertId, alert);
    this.newestMinuteMs = Math.max(this.newestMinuteMs, minute);
    this.forget();
  }

  /**
   * The alerts of minutes in [fromMs, beforeMs) about rooms `owns` accepts,
   * in (minute, event time, alert id) order: the order every pipeline acts on
   * them in, whatever order they arrived in.
   */
  alertsIn(fromMs: number, beforeMs: number, owns: (roomId: string) => boolean): Alert[] {
    const minutes = [...this.byMinute.keys()].filter((m) => m >= fromMs && m < beforeMs).sort((a, b) => a - b);
    const out: Alert[] = [];
    for (const minute of minutes) {
      const alerts = [...this.byMinute.get(minute)!.values()].filter((a) => owns(a.roomId));
      alerts.sort((a, b) => a.eventTimeMs - b.eventTimeMs || (a.alertId < b.alertId ? -1 : a.alertId > b.alertId ? 1 : 0));
      out.push(...alerts);
    }
    return out;
  }

  private forget(): void {
    const floorMs = this.newestMinuteMs - this.limits.retainMs;
    // Sorted, not insertion order: a late minute may have arrived after a newer one. Puts are rare (a crew's rooms).
    for (const minute of [...this.byMinute.keys()].sort((a, b) => a - b)) {
      if (minute === this.newestMinuteMs || (minute >= floorMs && this.count <= this.limits.maxAlerts)) break;
      this.count -= this.byMinute.get(minute)!.size;
      this.byMinute.delete(minute);
    }
  }
}
