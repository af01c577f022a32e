/**
 * Crew room alerts as values of the account-risk minute table (#21): the
 * crew detector writes each room alert it raises under a key of its own on
 * the same topic, versioned by the minute of the finding, so the room
 * engine that owns the room reads it behind the same hold as the accounts'
 * risk and runs its action policy on it in the room's partition, where
 * replay runs it too. The key names the room (for the partition that owns
 * it) and the alert (one record per alert, whatever compaction keeps).
 */
import type { Alert } from "@redline/proto";
import { crewAlert } from "./crew-alerts";
import type { CrewRoomFinding } from "./findings";

/** Account ids never start with it (a platform's user ids are not table keys of ours): the table's own namespace, like `~progress/`. */
const CREW_ROOM_KEY_PREFIX = "~crew-room/";

export function crewRoomTableKey(alertId: string, roomId: string): string {
  return `${CREW_ROOM_KEY_PREFIX}${alertId}/${roomId}`;
}

/** The room of a crew room key; undefined for any other key of the table (an account's). */
export function roomOfCrewRoomKey(key: string): string | undefined {
  if (!key.startsWith(CREW_ROOM_KEY_PREFIX)) return undefined;
  const slash = key.indexOf("/", CREW_ROOM_KEY_PREFIX.length);
  return slash < 0 ? undefined : key.slice(slash + 1);
}

/** A room finding's alert and its table key, as the service writes it and replay keeps it. */
export function crewRoomTableEntry(finding: CrewRoomFinding): { key: string; alert: Alert } {
  const alert = crewAlert(finding);
  return { key: crewRoomTableKey(alert.alertId, alert.roomId), alert };
}
