/** Builds the Alert for a content finding, with the same deterministic id scheme as every other alert. */
import type { Alert } from "@redline/proto";
import { alertIdOf } from "../alert";
import type { ContentFinding } from "./content-finding";

export function alertFromContentFinding(roomId: string, finding: ContentFinding, timeMs: number, modelVersion: string): Alert {
  return {
    alertId: alertIdOf(roomId, finding.subjectUserId, finding.category, finding.subcategory, timeMs),
    roomId,
    subjectUserId: finding.subjectUserId,
    category: finding.category,
    subcategory: finding.subcategory,
    severity: finding.severity,
    score: finding.score,
    eventTimeMs: timeMs,
    explanation: { summary: finding.summary, signals: finding.signals },
    evidenceEventIds: finding.evidence.map((e) => e.eventId),
    modelVersion,
    policyVersion: "",
  };
}
