import { ActionKind, RiskCategory, Severity } from "@redline/proto";
import type { Alert, ControlAction } from "@redline/proto";
import { PolicyStage } from "./policy-stage";
import { fixedPolicy } from "./policy-store";
import { parsePolicy } from "./validate-policy";
import type { Policy } from "./policy-types";
import { alertAt, HOUR, MIN, roomStarted, smallPolicyDoc, T0 } from "./testing/fixtures";

function stage(): PolicyStage {
  return new PolicyStage({ live: fixedPolicy(parsePolicy(smallPolicyDoc())) });
}

function actionsFor(s: PolicyStage, alert: Alert): ControlAction[] {
  return s.process([{ alert }]).flatMap((o) => ("action" in o ? [o.action] : []));
}

const K = ActionKind;

describe("ladder", () => {
  it("climbs one rung per repeat offence within the escalation window, and repeats the top rung", () => {
    const s = stage();
    const kinds: ActionKind[] = [];
    const ids = new Set<string>();
    for (let i = 0; i < 8; i++) {
      const acts = actionsFor(s, alertAt(T0 + i * 15 * MIN));
      expect(acts).toHaveLength(1);
      kinds.push(acts[0]!.kind);
      ids.add(acts[0]!.actionId);
    }
    expect(kinds).toEqual([K.ACTION_KIND_POPUP_PROMPT, K.ACTION_KIND_PROMINENT_LABEL, K.ACTION_KIND_RESTRICT_FUNCTION, K.ACTION_KIND_THROTTLE_TRAFFIC, K.ACTION_KIND_BLOCK_STREAM, K.ACTION_KIND_CLOSE_ACCOUNT, K.ACTION_KIND_CLOSE_ACCOUNT, K.ACTION_KIND_CLOSE_ACCOUNT]);
    // The repeated top rung is a new effect each time (step ordinal in the id).
    expect(ids.size).toBe(8);
  });

  it("issues nothing for a repeat within the cooldown, and the streak goes on after it", () => {
    const s = stage();
    expect(actionsFor(s, alertAt(T0)).map((a) => a.kind)).toEqual([K.ACTION_KIND_POPUP_PROMPT]);
    expect(actionsFor(s, alertAt(T0 + 5 * MIN))).toEqual([]);
    expect(actionsFor(s, alertAt(T0 + 9 * MIN))).toEqual([]);
    expect(actionsFor(s, alertAt(T0 + 10 * MIN)).map((a) => a.kind)).toEqual([K.ACTION_KIND_PROMINENT_LABEL]);
    expect(s.counters().live).toMatchObject({ alertsSeen: 4, actionsIssued: 2, skippedCooldown: 2 });
  });

  it("sets expiry from the rung and event time, and starts a new episode at the bottom after a quiet window", () => {
    const s = stage();
    const first = actionsFor(s, alertAt(T0))[0]!;
    const second = actionsFor(s, alertAt(T0 + HOUR))[0]!;
    expect([first.issuedAtMs, first.expiresAtMs]).toEqual([T0, T0 + HOUR]);
    expect([second.issuedAtMs, second.expiresAtMs]).toEqual([T0 + HOUR, T0 + 3 * HOUR]);
    // More than the 2 h escalation window after the last offence: back to the pop-up, as a new effect.
    const fresh = actionsFor(s, alertAt(T0 + 3 * HOUR + 1))[0]!;
    expect(fresh.kind).toBe(K.ACTION_KIND_POPUP_PROMPT);
    expect(fresh.actionId).not.toBe(first.actionId);
    expect(fresh.expiresAtMs).toBe(T0 + 4 * HOUR + 1);
  });

  it("keeps separate streaks per room, subcategory and subject", () => {
    const s = stage();
    actionsFor(s, alertAt(T0));
    expect(actionsFor(s, alertAt(T0 + 11 * MIN, { roomId: "room-2" }))[0]!.kind).toBe(K.ACTION_KIND_POPUP_PROMPT);
    expect(actionsFor(s, alertAt(T0 + 11 * MIN, { subcategory: "FAKE_ORDERS" }))[0]!.kind).toBe(K.ACTION_KIND_POPUP_PROMPT);
    expect(actionsFor(s, alertAt(T0 + 11 * MIN))[0]!.kind).toBe(K.ACTION_KIND_PROMINENT_LABEL);
  });

  it("never takes a severe action on a MEDIUM alert: its rule's ladder stops short and repeats its top", () => {
    const s = stage();
    const kinds = Array.from({ length: 6 }, (_, i) => actionsFor(s, alertAt(T0 + i * 15 * MIN, { severity: Severity.SEVERITY_MEDIUM }))[0]!.kind);
    expect(kinds).toEqual([K.ACTION_KIND_POPUP_PROMPT, K.ACTION_KIND_PROMINENT_LABEL, K.ACTION_KIND_PROMINENT_LABEL, K.ACTION_KIND_PROMINENT_LABEL, K.ACTION_KIND_PROMINENT_LABEL, K.ACTION_KIND_PROMINENT_LABEL]);
    // A LOW alert matches no rule at all.
    expect(actionsFor(s, alertAt(T0 + 2 * HOUR, { severity: Severity.SEVERITY_LOW, roomId: "r-low" }))).toEqual([]);
  });

  it("blocks an under-16 streamer's room on the first alert, whatever its severity", () => {
    const s = stage();
    const acts = actionsFor(s, alertAt(T0, { category: RiskCategory.RISK_CATEGORY_MINOR_PROTECTION, subcategory: "STREAMER_UNDERAGE", severity: Severity.SEVERITY_LOW }));
    expect(acts.map((a) => [a.kind, a.roomId, a.targetUserId, a.expiresAtMs])).toEqual([[K.ACTION_KIND_BLOCK_STREAM, "room-1", "", 0]]);
  });

  it("acts on the subject account with the step's companions, and skips subject rungs without a subject", () => {
    const s = stage();
    const tipping = { category: RiskCategory.RISK_CATEGORY_MINOR_PROTECTION, subcategory: "MINOR_TIPPING", severity: Severity.SEVERITY_MEDIUM };
    const acts = actionsFor(s, alertAt(T0, { ...tipping, subjectUserId: "kid-1" }));
    expect(acts.map((a) => [a.kind, a.targetUserId, a.params])).toEqual([
      [K.ACTION_KIND_RESTRICT_FUNCTION, "kid-1", { function: "tipping" }],
      [K.ACTION_KIND_POPUP_PROMPT, "kid-1", { text: "no tipping for minors" }],
    ]);
    expect(new Set(acts.map((a) => a.actionId)).size).toBe(2);
    // The rule is about accounts: a room-level alert of that subcategory matches nothing.
    expect(actionsFor(s, alertAt(T0, tipping))).toEqual([]);
  });

  it("stamps alerts and actions with the policy version, the platform learnt from events and a readable reason", () => {
    const s = stage();
    s.observe(roomStarted("room-1", T0 - MIN, 10));
    const out = s.process([{ alert: alertAt(T0) }]);
    expect(out).toHaveLength(2);
    const alert = (out[0] as { alert: Alert }).alert;
    const action = (out[1] as { action: ControlAction }).action;
    expect(alert.policyVersion).toBe("test.1");
    expect(action).toMatchObject({ alertId: alert.alertId, policyVersion: "test.1", platform: "shop-a", shadow: false, category: RiskCategory.RISK_CATEGORY_DATA_FALSIFICATION, subcategory: "FAKE_LIKES", params: { text: "figures may be inflated" } });
    expect(action.reason).toBe("rule fals-high, first offence: POPUP_PROMPT for: likes from a device farm");
    expect(action.actionId).toMatch(/^ac_[0-9a-f]{32}$/);
    // Unknown room: platform left empty rather than guessed.
    expect(actionsFor(s, alertAt(T0, { roomId: "elsewhere" }))[0]!.platform).toBe("");
  });

  it("refuses at run time what validation would have refused: a severe rung on a low alert, a subject rung without a subject", () => {
    // Built by hand, bypassing parsePolicy, to exercise the stage's own guard.
    const unchecked: Policy = {
      schemaVersion: 1,
      policyVersion: "unchecked",
      description: "",
      keyRooms: null,
      rules: [{ id: "bad", category: RiskCategory.RISK_CATEGORY_DATA_FALSIFICATION, subcategory: "*", minSeverity: Severity.SEVERITY_LOW, roomTier: "*", about: "*", cooldownMs: 0, escalationWindowMs: HOUR,
        ladder: [{ kind: K.ACTION_KIND_BLOCK_STREAM, target: "room", params: {}, expiresAfterMs: 0, with: [{ kind: K.ACTION_KIND_POPUP_PROMPT, target: "subject", params: { text: "t" }, expiresAfterMs: 0 }, { kind: K.ACTION_KIND_PROMINENT_LABEL, target: "room", params: { text: "l" }, expiresAfterMs: 0 }] }] }],
    };
    const s = new PolicyStage({ live: fixedPolicy(unchecked) });
    expect(actionsFor(s, alertAt(T0, { severity: Severity.SEVERITY_MEDIUM })).map((a) => a.kind)).toEqual([K.ACTION_KIND_PROMINENT_LABEL]);
    expect(s.counters().live.skippedUnactionable).toBe(2);
    expect(actionsFor(s, alertAt(T0 + 1, { severity: Severity.SEVERITY_HIGH })).map((a) => a.kind)).toEqual([K.ACTION_KIND_BLOCK_STREAM, K.ACTION_KIND_PROMINENT_LABEL]);
  });
});
