/**
 * @redline/crews — cross-room coordination (issue #21): crews of accounts and
 * devices rented to many rooms, each room worked lightly. Account-activity
 * records (what the room engine publishes keyed by account) in, in
 * (eventTimeMs, eventId) order; account-level findings naming the crew with
 * its rooms, times and shared keys, and room-level findings for the rooms it
 * worked, out. Pure logic: no Kafka, no clock, no randomness; state bounded
 * by the config's caps (see README.md for the wiring).
 *
 * @example
 * import { CrewDetector, RoomContextTracker } from "@redline/crews";
 * const rooms = new RoomContextTracker();
 * const detector = new CrewDetector();
 * for (const event of liveEventsInOrder) {
 *   const activity = rooms.toActivity(event);
 *   if (activity !== undefined) for (const finding of detector.ingest(activity)) publish(finding);
 * }
 */
export { ACTIVITY_KINDS, validateActivity } from "./activity";
export type { AccountActivity, ActivityKind } from "./activity";
export { RoomContextTracker } from "./from-live-event";
export type { RoomContext } from "./from-live-event";
export { activityFromWire, activityToWire } from "./activity-proto";
export { CREW_MODEL_VERSION, crewAlert, crewAlertId } from "./crew-alerts";
export { crewRoomTableEntry, crewRoomTableKey, roomOfCrewRoomKey } from "./crew-room-table";
export { CrewDetector } from "./crew-detector";
export type { CrewStateSize } from "./state-size";
export { DEFAULT_CREW_CONFIG, resolveCrewConfig } from "./config";
export type { CrewConfig } from "./config";
export { maxAccountStateBytes } from "./account-state";
export { CROSS_ROOM_COORDINATION } from "./findings";
export { accountRiskVersions, riskAt } from "./account-risk";
export type { AccountRiskVersion } from "./account-risk";
export type { CrewFinding, CrewRoomFinding, CrewOutput } from "./findings";
export type { CrewEvidence, CrewRoomEvidence } from "./crew-evidence";
export { CrewsError, CrewConfigError, CrewSnapshotError, InvalidActivityError } from "./errors";
