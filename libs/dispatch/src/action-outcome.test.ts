import { ActionKind, ActionOutcome, ApplyStatus, ControlAction, DeliveryResult } from "@redline/proto";
import { actionOutcomeOf } from "./action-outcome";

const action = ControlAction.fromPartial({
  actionId: "act-1",
  alertId: "alert-1",
  roomId: "room-1",
  kind: ActionKind.ACTION_KIND_BLOCK_STREAM,
  issuedAtMs: 1_700_000_000_000,
  policyVersion: "policy-9",
  platform: "shop",
});
const times = { attempts: 2, firstAttemptAtMs: 1_700_000_000_100, finishedAtMs: 1_700_000_000_900 };

describe("actionOutcomeOf", () => {
  it("carries the action's ids and times with the platform's own ack", () => {
    const ack = { actionId: "act-1", status: ApplyStatus.APPLY_STATUS_REJECTED, message: "room already closed" };
    const out = actionOutcomeOf(action, { kind: "rejected", message: ack.message, ack, ...times });
    expect(out).toEqual(
      ActionOutcome.fromPartial({
        actionId: "act-1",
        alertId: "alert-1",
        roomId: "room-1",
        kind: ActionKind.ACTION_KIND_BLOCK_STREAM,
        result: DeliveryResult.DELIVERY_RESULT_REJECTED,
        ack,
        issuedAtMs: action.issuedAtMs,
        policyVersion: "policy-9",
        platform: "shop",
        ...times,
      }),
    );
    // Survives the wire: what the archive decodes is what was built.
    expect(ActionOutcome.decode(ActionOutcome.encode(out).finish())).toEqual(out);
  });

  it("names each result, and a give-up's reason and last error without an ack", () => {
    const ack = (status: ApplyStatus) => ({ actionId: "act-1", status, message: "" });
    expect(actionOutcomeOf(action, { kind: "applied", ack: ack(ApplyStatus.APPLY_STATUS_APPLIED), ...times }).result).toBe(DeliveryResult.DELIVERY_RESULT_APPLIED);
    expect(actionOutcomeOf(action, { kind: "duplicate", ack: ack(ApplyStatus.APPLY_STATUS_DUPLICATE), ...times }).result).toBe(
      DeliveryResult.DELIVERY_RESULT_DUPLICATE,
    );
    const failed = actionOutcomeOf(action, { kind: "failed", reason: "RETRY_BUDGET_EXHAUSTED", detail: `UNAVAILABLE ${"x".repeat(5000)}`, ...times });
    expect(failed).toMatchObject({ result: DeliveryResult.DELIVERY_RESULT_FAILED, failureReason: "RETRY_BUDGET_EXHAUSTED", ack: undefined, attempts: 2 });
    expect(failed.failureDetail).toMatch(/^UNAVAILABLE x+$/);
    expect(failed.failureDetail.length).toBe(1000);
  });
});
