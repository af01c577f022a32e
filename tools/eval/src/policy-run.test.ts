import { ActionKind, LiveEvent, RiskCategory, RoomEventKind, Severity } from "@redline/proto";
import type { Alert, ControlAction } from "@redline/proto";
import { PolicyRecorder } from "./policy-run";

function roomStarted(roomId: string, timeMs: number, age: number | undefined): LiveEvent {
  return LiveEvent.fromPartial({ eventId: `${roomId}-${timeMs}`, roomId, eventTimeMs: timeMs, platform: "tenant-a", body: { $case: "room", value: { kind: RoomEventKind.ROOM_EVENT_KIND_STARTED, streamer: { userId: "s", age, realNameVerified: true, virtualAvatar: false } } } });
}
function like(roomId: string, timeMs: number): LiveEvent {
  return LiveEvent.fromPartial({ eventId: `${roomId}-like-${timeMs}`, roomId, eventTimeMs: timeMs, platform: "tenant-a", body: { $case: "like", value: { user: { userId: "u" }, count: 1 } } });
}
function alert(subcategory: string): Alert {
  return { alertId: subcategory, roomId: "r", subjectUserId: "", category: RiskCategory.RISK_CATEGORY_DATA_FALSIFICATION, subcategory, severity: Severity.SEVERITY_HIGH, score: 1, eventTimeMs: 0, explanation: undefined, evidenceEventIds: [], modelVersion: "m", policyVersion: "v" };
}

describe("PolicyRecorder", () => {
  it("records the first statement of an age under 16 per room and the room's later events; 16, unknown and other rooms are not statements", () => {
    const r = new PolicyRecorder();
    for (const e of [roomStarted("kid", 100, 15), like("other", 150), like("kid", 200), roomStarted("kid", 300, 12), roomStarted("teen", 100, 16), roomStarted("unknown", 100, undefined)]) r.observe(e);
    expect(r.ageStatements()).toEqual([{ roomId: "kid", statedAtMs: 100, laterEventTimesMs: [200, 300] }]);
  });

  it("keeps actions, and leaves the policy's key-room alerts out of the detector alerts", () => {
    const r = new PolicyRecorder();
    const action = { actionId: "x", kind: ActionKind.ACTION_KIND_POPUP_PROMPT } as ControlAction;
    r.collect([{ alert: alert("FAKE_LIKES") }, { alert: alert("KEY_ROOM") }, { action }]);
    expect(r.alerts.map((a) => a.subcategory)).toEqual(["FAKE_LIKES"]);
    expect(r.actions).toEqual([action]);
    expect(r.keyRoomAlerts).toBe(1);
  });
});
