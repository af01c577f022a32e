/**
 * The comment and the alert citing it that the archiver's evidence tests write: a review-suppression alert,
 * the kind whose cited events the archive keeps in the evidence class.
 */
import { Alert, LiveEvent, RiskCategory, Severity } from "@redline/proto";

export function citedComment(id: string, roomId: string, eventTimeMs: number): LiveEvent {
  return LiveEvent.fromPartial({
    eventId: id,
    roomId,
    eventTimeMs,
    platform: "demo",
    body: { $case: "comment", value: { commentId: `c-${id}`, author: { userId: "u-1" }, text: "fake five stars" } },
  });
}

export function alertCiting(alertId: string, roomId: string, eventIds: string[], eventTimeMs: number): Alert {
  return Alert.fromPartial({
    alertId,
    roomId,
    category: RiskCategory.RISK_CATEGORY_REVIEW_SUPPRESSION,
    severity: Severity.SEVERITY_HIGH,
    score: 0.9,
    eventTimeMs,
    evidenceEventIds: eventIds,
  });
}
