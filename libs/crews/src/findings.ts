/**
 * What the detector reports: one account-level finding per crew (updated as
 * its evidence grows) and one room-level finding per room the crew worked.
 * Shaped to become `Alert`s on `risk.alerts`: category, subcategory,
 * severity, score, event time, the accounts and the evidence.
 */
import type { Severity } from "@redline/proto";
import type { CrewEvidence } from "./crew-evidence";

export const CROSS_ROOM_COORDINATION = "CROSS_ROOM_COORDINATION";

export interface CrewFinding {
  level: "account";
  category: "DATA_FALSIFICATION";
  subcategory: typeof CROSS_ROOM_COORDINATION;
  /** Stable while the crew grows; deterministic for an event-time-ordered input. */
  crewId: string;
  severity: Severity;
  score: number;
  /** Event time of the record that raised or updated the finding. */
  eventTimeMs: number;
  eventId: string;
  /** The crew's accounts, most rooms first, at most `maxCrewAccounts`. */
  accounts: string[];
  evidence: CrewEvidence;
}

export interface CrewRoomFinding {
  level: "room";
  category: "DATA_FALSIFICATION";
  subcategory: typeof CROSS_ROOM_COORDINATION;
  crewId: string;
  roomId: string;
  severity: Severity;
  score: number;
  eventTimeMs: number;
  eventId: string;
  /** The crew's accounts seen in sync in this room. */
  accounts: string[];
  firstMs: number;
  lastMs: number;
}

export type CrewOutput = CrewFinding | CrewRoomFinding;
