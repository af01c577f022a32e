/**
 * Crew findings as `Alert`s, one assembly for the service and `redline
 * replay` (#21). The account-level alert is about the crew (subject = its
 * first account, room = the latest room it was seen in sync in); a room
 * alert is about one room it worked. Ids hash the crew id, the room and the
 * severity, so a re-raise at the same severity (the crew seen in one more
 * room) is the same alert to every consumer, and a restart or a replay names
 * it the same.
 */
import { createHash } from "node:crypto";
import { type Alert, RiskCategory, severityToJSON } from "@redline/proto";
import type { CrewFinding, CrewOutput, CrewRoomFinding } from "./findings";

export const CREW_MODEL_VERSION = "redline-crews-1";

/** Accounts named in a summary; the alert's evidence names the rest by room. */
const ACCOUNTS_IN_SUMMARY = 12;

export function crewAlertId(crewId: string, roomId: string, severity: number): string {
  return `al_${createHash("sha256").update(`crew\u0000${crewId}\u0000${roomId}\u0000${severity}`).digest("hex").slice(0, 16)}`;
}

export function crewAlert(output: CrewOutput, modelVersion = CREW_MODEL_VERSION): Alert {
  return output.level === "account" ? accountAlert(output, modelVersion) : roomAlert(output, modelVersion);
}

function accountAlert(f: CrewFinding, modelVersion: string): Alert {
  const e = f.evidence;
  const lastRoom = e.rooms[e.rooms.length - 1]?.roomId ?? "";
  const named = f.accounts.slice(0, ACCOUNTS_IN_SUMMARY).join(", ") + (f.accounts.length > ACCOUNTS_IN_SUMMARY ? ", …" : "");
  const keys = [e.sharedDevices.length > 0 ? `${e.sharedDevices.length} shared devices` : "", e.sharedPaymentKeys.length > 0 ? `${e.sharedPaymentKeys.length} shared payment keys` : ""].filter((s) => s !== "");
  return {
    alertId: crewAlertId(f.crewId, "", f.severity),
    roomId: lastRoom,
    subjectUserId: f.accounts[0] ?? "",
    category: RiskCategory.RISK_CATEGORY_DATA_FALSIFICATION,
    subcategory: f.subcategory,
    severity: f.severity,
    score: f.score,
    eventTimeMs: f.eventTimeMs,
    explanation: {
      summary:
        `crew ${f.crewId} (${severityToJSON(f.severity)}): ${f.accounts.length} accounts (${named}) arrived and left together in ` +
        `${e.rooms.length} rooms of ${e.distinctStreamers} streamers in ${e.distinctCategories} categories` +
        (keys.length > 0 ? `, ${keys.join(", ")}` : "") +
        `; rooms: ${e.rooms.map((r) => `${r.roomId} (${r.accounts.length})`).join(", ")}`,
      signals: [
        { name: "crew_accounts", value: f.accounts.length, contribution: 0 },
        { name: "rooms_in_sync", value: e.rooms.length, contribution: 0 },
        { name: "distinct_streamers", value: e.distinctStreamers, contribution: 0 },
        { name: "distinct_categories", value: e.distinctCategories, contribution: 0 },
        { name: "shared_devices", value: e.sharedDevices.length, contribution: 0 },
        { name: "shared_payment_keys", value: e.sharedPaymentKeys.length, contribution: 0 },
      ],
    },
    evidenceEventIds: [f.eventId],
    modelVersion,
    policyVersion: "",
  };
}

function roomAlert(f: CrewRoomFinding, modelVersion: string): Alert {
  return {
    alertId: crewAlertId(f.crewId, f.roomId, f.severity),
    roomId: f.roomId,
    subjectUserId: "",
    category: RiskCategory.RISK_CATEGORY_DATA_FALSIFICATION,
    subcategory: f.subcategory,
    severity: f.severity,
    score: f.score,
    eventTimeMs: f.eventTimeMs,
    explanation: {
      summary: `${f.accounts.length} accounts of crew ${f.crewId}, which works rooms of other streamers the same way, arrived and left together here (${f.accounts.join(", ")})`,
      signals: [{ name: "crew_accounts_in_room", value: f.accounts.length, contribution: 0 }],
    },
    evidenceEventIds: [f.eventId],
    modelVersion,
    policyVersion: "",
  };
}
