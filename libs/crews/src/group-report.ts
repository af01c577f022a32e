/**
 * A group's findings when its severity rises or, at MEDIUM+, it is seen in a
 * new streamer's room: the account finding naming the crew (crew-naming.ts)
 * and, at MEDIUM+, one room finding per room not reported before. Updates the
 * group's reported severity, streamers and rooms.
 */
import { Severity } from "@redline/proto";
import type { AccountActivity } from "./activity";
import type { CrewConfig } from "./config";
import { crewScore, crewSeverity, gatherEvidence } from "./crew-evidence";
import { type NamingContext, namedAccounts } from "./crew-naming";
import type { CrewFinding, CrewOutput, CrewRoomFinding } from "./findings";
import { CROSS_ROOM_COORDINATION } from "./findings";
import type { Group } from "./groups";

export function reportGroup(group: Group, record: AccountActivity, deps: NamingContext, config: CrewConfig): CrewOutput[] {
  const evidence = gatherEvidence(group.members, deps.accountOf, config.keyCountsForCore);
  const severity = crewSeverity(evidence, config);
  if (severity === Severity.SEVERITY_UNSPECIFIED) return [];
  const grew = severity >= Severity.SEVERITY_MEDIUM && evidence.distinctStreamers > group.reportedStreamers;
  if (severity <= group.reportedSeverity && !grew) return [];
  group.reportedSeverity = Math.max(group.reportedSeverity, severity);
  group.reportedStreamers = evidence.distinctStreamers;
  const score = crewScore(evidence, config);
  const base = { category: "DATA_FALSIFICATION", subcategory: CROSS_ROOM_COORDINATION, crewId: group.id, severity, score, eventTimeMs: record.eventTimeMs, eventId: record.eventId } as const;
  const finding: CrewFinding = { ...base, level: "account", accounts: namedAccounts(group, evidence.accounts, evidence.rooms, deps, config), evidence };
  const out: CrewOutput[] = [finding];
  if (severity < Severity.SEVERITY_MEDIUM) return out;
  for (const room of evidence.rooms) {
    if (group.reportedRooms.has(room.roomId)) continue;
    group.reportedRooms.add(room.roomId);
    const roomFinding: CrewRoomFinding = { ...base, level: "room", roomId: room.roomId, accounts: room.accounts, firstMs: room.firstMs, lastMs: room.lastMs };
    out.push(roomFinding);
  }
  return out;
}
