/**
 * The action policy on the crew detector's room alerts, in the room's own
 * pipeline (#21). The crew detector raises and publishes a room alert for
 * each room a crew worked, but the policy runs in the room engines, on
 * their own alerts; this stage hands it the crew's room alerts too, read
 * from the account-risk minute table behind the same readiness the engine's
 * hold uses: the alerts of a minute are taken only once the table's
 * producer has passed that minute, so every alert of it is in the store,
 * and are acted on in (minute, event time, alert id) order. Replay fills the
 * store in-process and takes them by the same rule, so the actions, and
 * their ids (room, rung, episode start: libs/policy action-id.ts), are the
 * same in both. Only the alerts about rooms this pipeline owns (the room's
 * input partition in the service; every room in replay). The alert itself
 * is not passed on: its producer already published it.
 */
import { decodeState, encodeState, type OutputStage, type PipelineOutput } from "@redline/engine";
import { minuteStart } from "@redline/minute-table";
import type { PolicyStage } from "@redline/policy";
import type { CrewRoomAlerts } from "./crew-room-alerts";
import type { ReadyTable } from "./minute-table-hold";

/** Where a pipeline reads the crew's room alerts: the store, the table whose progress says when a minute is complete, and which rooms are its own. */
export interface CrewRoomAlertSource {
  alerts: CrewRoomAlerts;
  /** The account-risk table: the store's values come with its progress marks. Its own readiness, never the hold's (which may pass a stalled table over). */
  ready: ReadyTable;
  /** Rooms this pipeline acts for; absent: every room (replay's one pipeline). */
  owns?: (roomId: string) => boolean;
}

const EVERY_ROOM = (): boolean => true;

export class CrewRoomActionsStage implements OutputStage {
  static readonly STAGE_NAME = "crew-room-actions";
  readonly name = CrewRoomActionsStage.STAGE_NAME;
  /** Minutes before this one have been acted on. */
  private actedBeforeMs = Number.NEGATIVE_INFINITY;
  /** Room alerts acted on so far (counted for reports). */
  alertsActedOn = 0;

  constructor(
    private readonly source: CrewRoomAlertSource,
    private readonly policy: PolicyStage,
  ) {}

  process(outputs: PipelineOutput[]): PipelineOutput[] {
    return outputs;
  }

  poll(): PipelineOutput[] {
    const readyMs = this.source.ready.readyThroughMs();
    if (readyMs === Number.NEGATIVE_INFINITY) return [];
    // Ready through R: every version of the minutes before R's minute has been read (MinuteVersionedTable.readyThroughMs).
    const beforeMs = minuteStart(readyMs);
    if (beforeMs <= this.actedBeforeMs) return [];
    const alerts = this.source.alerts.alertsIn(this.actedBeforeMs, beforeMs, this.source.owns ?? EVERY_ROOM);
    this.actedBeforeMs = beforeMs;
    this.alertsActedOn += alerts.length;
    return alerts.flatMap((alert) => this.policy.actionsFor(alert));
  }

  snapshot(): Uint8Array {
    return encodeState({ actedBeforeMs: this.actedBeforeMs, alertsActedOn: this.alertsActedOn });
  }

  restore(bytes: Uint8Array): void {
    const state = decodeState(bytes) as { actedBeforeMs: number; alertsActedOn: number };
    this.actedBeforeMs = state.actedBeforeMs;
    this.alertsActedOn = state.alertsActedOn;
  }
}
