/**
 * Builds the Alert for a finding. The id hashes what the alert is about and
 * when its episode opened in event time, never wall time, so a replay, a
 * restarted service and a second consumer all name it the same.
 */
import { hashHex64 } from "@redline/common";
import { RiskCategory } from "@redline/proto";
import type { Alert } from "@redline/proto";
import { severityOf } from "./detectors/scoring";
import type { Finding } from "./detectors/finding";

export function alertIdOf(roomId: string, subjectUserId: string, category: RiskCategory, subcategory: string, episodeStartMs: number): string {
  return `al_${hashHex64(`${roomId}\u0000${subjectUserId}\u0000${category}\u0000${subcategory}\u0000${episodeStartMs}`)}`;
}

export function alertFromFinding(roomId: string, finding: Finding, timeMs: number, modelVersion: string): Alert {
  const category = RiskCategory.RISK_CATEGORY_DATA_FALSIFICATION;
  return {
    alertId: alertIdOf(roomId, "", category, finding.subcategory, timeMs),
    roomId,
    subjectUserId: "",
    category,
    subcategory: finding.subcategory,
    severity: severityOf(finding.score),
    score: finding.score,
    eventTimeMs: timeMs,
    explanation: { summary: finding.summary, signals: finding.signals },
    evidenceEventIds: finding.evidence.map((e) => e.eventId),
    modelVersion,
    // The policy stage (libs/policy) stamps its version; the engine alone has no policy.
    policyVersion: "",
  };
}
