import { ActionOutcome, DeliveryResult, type ControlAction } from "@redline/proto";
import type { DeliveryOutcome } from "./deliver";

const RESULTS: Readonly<Record<DeliveryOutcome["kind"], DeliveryResult>> = {
  applied: DeliveryResult.DELIVERY_RESULT_APPLIED,
  duplicate: DeliveryResult.DELIVERY_RESULT_DUPLICATE,
  rejected: DeliveryResult.DELIVERY_RESULT_REJECTED,
  failed: DeliveryResult.DELIVERY_RESULT_FAILED,
};

/** Longest failure detail kept: an error's description, not a dump (the archive keeps every outcome). */
const MAX_DETAIL_CHARS = 1000;

/**
 * The record the dispatcher publishes on `risk.action-outcomes` for one
 * delivery (issue 20): the platform's own ack where it answered, so an
 * evidence bundle shows what the platform said, not our reading of it.
 */
export function actionOutcomeOf(action: ControlAction, outcome: DeliveryOutcome): ActionOutcome {
  return ActionOutcome.fromPartial({
    actionId: action.actionId,
    alertId: action.alertId,
    roomId: action.roomId,
    kind: action.kind,
    result: RESULTS[outcome.kind],
    attempts: outcome.attempts,
    firstAttemptAtMs: outcome.firstAttemptAtMs,
    finishedAtMs: outcome.finishedAtMs,
    ...(outcome.ack !== undefined ? { ack: outcome.ack } : {}),
    ...(outcome.kind === "failed" ? { failureReason: outcome.reason, failureDetail: outcome.detail.slice(0, MAX_DETAIL_CHARS) } : {}),
    issuedAtMs: action.issuedAtMs,
    policyVersion: action.policyVersion,
    platform: action.platform,
  });
}
