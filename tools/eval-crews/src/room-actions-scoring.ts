/**
 * What the rooms a crew worked got through the engine with the shipped
 * policy (#21): a room-level action for the crew's room alert (acted on in
 * the room's own pipeline), any action at all, and any MEDIUM+ room-level
 * alert or action; and what rooms no crew worked got, above all the rooms of
 * the hard negatives (fans, a shop's staff, raid viewers...). Pure: outputs
 * and truth in, numbers out.
 */
import { CROSS_ROOM_COORDINATION } from "@redline/crews";
import type { CrewScenarioTruth } from "@redline/crew-scenarios";
import { KEY_ROOM_SUBCATEGORY } from "@redline/policy";
import { type Alert, type ControlAction, RiskCategory, Severity } from "@redline/proto";

export interface RoomActionScore {
  /** Rooms a crew worked. */
  workedRooms: number;
  /** ...with an action for the crew's room alert. */
  crewActed: number;
  /** ...with an action of the engine's own falsification alerts (what the table alone led to before the crew's room alerts were acted on). */
  engineActed: number;
  /** ...with any action. */
  anyActed: number;
  /** ...with a MEDIUM+ room-level alert (the crew's or the engine's falsification) or any action. */
  alertedOrActed: number;
  /** Crew room actions on rooms no crew worked, by room role. */
  crewActionsNotWorkedByRole: Record<string, number>;
  /** Rooms no crew worked where hard-negative groups were. */
  hardNegativeRooms: number;
  /** ...with a MEDIUM+ crew alert or a crew action. */
  hardNegativeRoomsCrewHit: number;
  /** ...with a MEDIUM+ alert or an action from any source (the engine's own detectors too); key-room actions are not counted (a key room is watched, not suspected). */
  hardNegativeRoomsHit: number;
}

const MEDIUM = Severity.SEVERITY_MEDIUM;


/** `alerts`: the engine's and the crew detector's room alerts (account alerts are ignored); `actions`: the live policy's. */
export function scoreRoomActions(alerts: readonly Alert[], actions: readonly ControlAction[], truth: CrewScenarioTruth): RoomActionScore {
  // Key-room actions go to every room past the follower or sales bar: not a finding against it.
  const live = actions.filter((a) => !a.shadow && a.subcategory !== KEY_ROOM_SUBCATEGORY);
  const crewActed = new Set(live.filter((a) => a.subcategory === CROSS_ROOM_COORDINATION).map((a) => a.roomId));
  const engineActed = new Set(live.filter((a) => a.subcategory !== CROSS_ROOM_COORDINATION && a.category === RiskCategory.RISK_CATEGORY_DATA_FALSIFICATION).map((a) => a.roomId));
  const anyActed = new Set(live.map((a) => a.roomId));
  const medium = alerts.filter((a) => a.severity >= MEDIUM);
  const anyMediumAlert = new Set(medium.map((a) => a.roomId));
  const crewHit = new Set([...medium.filter((a) => a.subcategory === CROSS_ROOM_COORDINATION).map((a) => a.roomId), ...crewActed]);
  const alerted = new Set(alerts.filter((a) => a.subjectUserId === "" && a.severity >= MEDIUM && a.category === RiskCategory.RISK_CATEGORY_DATA_FALSIFICATION).map((a) => a.roomId));
  const score: RoomActionScore = { workedRooms: 0, crewActed: 0, engineActed: 0, anyActed: 0, alertedOrActed: 0, crewActionsNotWorkedByRole: {}, hardNegativeRooms: 0, hardNegativeRoomsCrewHit: 0, hardNegativeRoomsHit: 0 };
  for (const room of truth.rooms) {
    const id = room.roomId;
    if (room.crewIds.length > 0) {
      score.workedRooms++;
      if (crewActed.has(id)) score.crewActed++;
      if (engineActed.has(id)) score.engineActed++;
      if (anyActed.has(id)) score.anyActed++;
      if (alerted.has(id) || anyActed.has(id)) score.alertedOrActed++;
      continue;
    }
    if (crewActed.has(id)) score.crewActionsNotWorkedByRole[room.role] = (score.crewActionsNotWorkedByRole[room.role] ?? 0) + 1;
    if (room.hardNegativeGroupIds.length > 0) {
      score.hardNegativeRooms++;
      if (crewHit.has(id)) score.hardNegativeRoomsCrewHit++;
      if (anyMediumAlert.has(id) || anyActed.has(id)) score.hardNegativeRoomsHit++;
    }
  }
  return score;
}
