import { undeliveredAlertId, type UndeliveredOutcome } from "@redline/dispatch";
import { actionKindToJSON, Alert, Severity, type ControlAction } from "@redline/proto";

/**
 * The alert inspectors see when an action could not be applied: a stream
 * block the platform never received is itself a risk. Its id derives from
 * the action id, so a redelivered failure raises the same alert.
 */
export function undeliveredActionAlert(action: ControlAction, outcome: UndeliveredOutcome): Alert {
  const why = outcome.kind === "rejected" ? `rejected by the platform: ${outcome.message}` : `${outcome.reason}: ${outcome.detail}`;
  return Alert.fromPartial({
    alertId: undeliveredAlertId(action.actionId),
    roomId: action.roomId,
    subjectUserId: action.targetUserId,
    category: action.category,
    subcategory: "ACTION_UNDELIVERED",
    severity: Severity.SEVERITY_HIGH,
    score: 1,
    eventTimeMs: action.issuedAtMs,
    explanation: {
      summary: `${actionKindToJSON(action.kind)} ${action.actionId} was not applied after ${outcome.attempts} attempt(s): ${why}`.slice(0, 500),
      signals: [{ name: "attempts", value: outcome.attempts, contribution: 1 }],
    },
    evidenceEventIds: [],
    modelVersion: "action-dispatcher",
    policyVersion: action.policyVersion,
  });
}
