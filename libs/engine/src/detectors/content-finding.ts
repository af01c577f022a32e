/**
 * What a content detector concludes: a Finding plus the category, the
 * account it is about (empty for the room) and a severity the detector may
 * set itself (minor protection is severe by law, not by score).
 */
import { RiskCategory, Severity } from "@redline/proto";
import type { Finding } from "./finding";

export interface ContentFinding extends Finding {
  category: RiskCategory;
  subjectUserId: string;
  severity: Severity;
}

export const SELECTIVE_DELETION = "SELECTIVE_DELETION";
export const STREAMER_UNDERAGE = "STREAMER_UNDERAGE";
export const STREAMER_MINOR_NO_CONSENT = "STREAMER_MINOR_NO_CONSENT";
export const MINOR_TIPPING = "MINOR_TIPPING";
export const MINOR_HARMFUL_CONTENT = "MINOR_HARMFUL_CONTENT";
/** One account posting texts of one risk label again and again (subject = the account). */
export const REPEAT_OFFENDER = "REPEAT_OFFENDER";
/** Many accounts' texts of one risk label left standing in the room (room alert). */
export const ROOM_FLOOD = "ROOM_FLOOD";
