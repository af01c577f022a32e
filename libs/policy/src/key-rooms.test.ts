import { ActionKind, RiskCategory, RoomEventKind, Severity, TransactionKind } from "@redline/proto";
import type { Alert, ControlAction } from "@redline/proto";
import type { PipelineOutput } from "@redline/engine";
import { PolicyStage } from "./policy-stage";
import { fixedPolicy } from "./policy-store";
import { parsePolicy } from "./validate-policy";
import { alertAt, HOUR, MIN, roomStarted, sale, smallPolicyDoc, T0 } from "./testing/fixtures";

function stage(): PolicyStage {
  return new PolicyStage({ live: fixedPolicy(parsePolicy(smallPolicyDoc())) });
}
const alertsIn = (outs: PipelineOutput[]): Alert[] => outs.flatMap((o) => ("alert" in o ? [o.alert] : []));
const actionsIn = (outs: PipelineOutput[]): ControlAction[] => outs.flatMap((o) => ("action" in o ? [o.action] : []));

describe("key rooms", () => {
  it("qualify at start by followers, with a synthetic alert that says why and inspector + retention actions", () => {
    const s = stage();
    const outs = s.observe(roomStarted("big", T0, 1_500));
    const [alert] = alertsIn(outs);
    expect(alert).toMatchObject({ roomId: "big", category: RiskCategory.RISK_CATEGORY_UNSPECIFIED, subcategory: "KEY_ROOM", severity: Severity.SEVERITY_LOW, eventTimeMs: T0, policyVersion: "test.1" });
    expect(alert!.explanation!.summary).toBe("key room (not a violation): 1,500 followers >= 1,000");
    expect(alert!.explanation!.signals.map((x) => [x.name, x.value, x.contribution])).toEqual([["followers", 1500, 1], ["sales_cents", 0, 0]]);
    const acts = actionsIn(outs);
    expect(acts.map((a) => [a.kind, a.roomId, a.alertId, a.platform, a.params, a.expiresAtMs])).toEqual([
      [ActionKind.ACTION_KIND_ASSIGN_INSPECTOR, "big", alert!.alertId, "shop-a", {}, T0 + 24 * HOUR],
      [ActionKind.ACTION_KIND_EXTEND_RETENTION, "big", alert!.alertId, "shop-a", { retention_days: "365" }, 0],
    ]);
    // Once per episode: more events and a follower update do not qualify it again.
    expect(s.observe(roomStarted("big", T0 + MIN, 2_000, RoomEventKind.ROOM_EVENT_KIND_UPDATED))).toEqual([]);
    expect(s.observe(sale("big", T0 + 2 * MIN, 50_000))).toEqual([]);
  });

  it("do not qualify below the thresholds", () => {
    const s = stage();
    expect(s.observe(roomStarted("small", T0, 999))).toEqual([]);
    expect(s.observe(sale("small", T0 + MIN, 9_999))).toEqual([]);
  });

  it("qualify when net sales over the window cross the threshold: refunds count against, old sales drop out", () => {
    const s = stage();
    s.observe(roomStarted("shop", T0, 10));
    expect(s.observe(sale("shop", T0 + 10 * MIN, 6_000))).toEqual([]);
    expect(s.observe(sale("shop", T0 + 20 * MIN, 3_000, TransactionKind.TRANSACTION_KIND_REFUND))).toEqual([]);
    expect(s.observe(sale("shop", T0 + 30 * MIN, 5_000, TransactionKind.TRANSACTION_KIND_TIP))).toEqual([]);
    // 6,000 - 3,000 + 6,000 = 9,000 < 10,000.
    expect(s.observe(sale("shop", T0 + 40 * MIN, 6_000, TransactionKind.TRANSACTION_KIND_PAYMENT))).toEqual([]);
    // The first sale is out of the hour by now: 9,000 - 6,000 + 6,500 = 9,500.
    expect(s.observe(sale("shop", T0 + HOUR + 15 * MIN, 6_500))).toEqual([]);
    const outs = s.observe(sale("shop", T0 + HOUR + 16 * MIN, 600));
    const [alert] = alertsIn(outs);
    expect(alert!.explanation!.summary).toBe("key room (not a violation): net sales 10,100 cents over 3600000 ms >= 10,000");
    expect(alert!.eventTimeMs).toBe(T0 + HOUR + 16 * MIN);
    expect(actionsIn(outs)).toHaveLength(2);
  });

  it("qualify again in a new episode after the room ends and restarts, with new action ids", () => {
    const s = stage();
    const first = actionsIn(s.observe(roomStarted("big", T0, 5_000)));
    s.observe(roomStarted("big", T0 + HOUR, 5_000, RoomEventKind.ROOM_EVENT_KIND_ENDED));
    const second = actionsIn(s.observe(roomStarted("big", T0 + 2 * HOUR, 5_000)));
    expect(second).toHaveLength(2);
    expect(second.map((a) => a.actionId)).not.toEqual(first.map((a) => a.actionId));
  });

  it("select the key-room rules for the room's alerts", () => {
    const s = stage();
    s.observe(roomStarted("big", T0, 5_000));
    s.observe(roomStarted("small", T0, 5));
    const kindOf = (roomId: string): ActionKind => actionsIn(s.process([{ alert: alertAt(T0 + MIN, { roomId }) }]))[0]!.kind;
    expect(kindOf("big")).toBe(ActionKind.ACTION_KIND_PROMINENT_LABEL);
    expect(kindOf("small")).toBe(ActionKind.ACTION_KIND_POPUP_PROMPT);
  });
});
