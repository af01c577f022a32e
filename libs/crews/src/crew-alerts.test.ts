import { AccountActivity as WireActivity, ActivityKind, RiskCategory, Severity } from "@redline/proto";
import type { AccountActivity } from "./activity";
import { activityFromWire, activityToWire } from "./activity-proto";
import { crewAlert } from "./crew-alerts";
import { InvalidActivityError } from "./errors";
import type { CrewFinding, CrewRoomFinding } from "./findings";

const evidence = {
  accounts: ["a", "b", "c"],
  rooms: [
    { roomId: "r1", streamerId: "s1", category: "beauty", accounts: ["a", "b", "c"], firstMs: 1, lastMs: 2 },
    { roomId: "r2", streamerId: "s2", category: "food", accounts: ["a", "b"], firstMs: 3, lastMs: 4 },
  ],
  distinctStreamers: 2,
  distinctCategories: 2,
  sharedDevices: ["dev-1"],
  sharedPaymentKeys: [],
  sharedIpPrefixes: [],
};
const finding: CrewFinding = { level: "account", category: "DATA_FALSIFICATION", subcategory: "CROSS_ROOM_COORDINATION", crewId: "crew-x", severity: Severity.SEVERITY_MEDIUM, score: 0.6, eventTimeMs: 5, eventId: "e5", accounts: ["a", "b", "c"], evidence };
const roomFinding: CrewRoomFinding = { level: "room", category: "DATA_FALSIFICATION", subcategory: "CROSS_ROOM_COORDINATION", crewId: "crew-x", roomId: "r1", severity: Severity.SEVERITY_MEDIUM, score: 0.6, eventTimeMs: 5, eventId: "e5", accounts: ["a", "b", "c"], firstMs: 1, lastMs: 2 };

describe("crewAlert", () => {
  it("names the crew, its accounts and rooms on the account alert, and the room on a room alert", () => {
    const alert = crewAlert(finding);
    expect(alert).toMatchObject({ roomId: "r2", subjectUserId: "a", category: RiskCategory.RISK_CATEGORY_DATA_FALSIFICATION, subcategory: "CROSS_ROOM_COORDINATION", severity: Severity.SEVERITY_MEDIUM, evidenceEventIds: ["e5"] });
    expect(alert.explanation?.summary).toContain("3 accounts (a, b, c)");
    expect(alert.explanation?.summary).toContain("1 shared devices");
    expect(crewAlert(roomFinding)).toMatchObject({ roomId: "r1", subjectUserId: "" });
  });

  it("gives one id per crew, room and severity: a re-raise at the same severity is the same alert", () => {
    const again = crewAlert({ ...finding, eventTimeMs: 99, eventId: "e99", evidence: { ...evidence, distinctStreamers: 3 } });
    expect(again.alertId).toBe(crewAlert(finding).alertId);
    expect(crewAlert({ ...finding, severity: Severity.SEVERITY_HIGH }).alertId).not.toBe(crewAlert(finding).alertId);
    expect(crewAlert(roomFinding).alertId).not.toBe(crewAlert({ ...roomFinding, roomId: "r2" }).alertId);
    expect(crewAlert(roomFinding).alertId).not.toBe(crewAlert(finding).alertId);
  });
});

describe("activity on the wire", () => {
  const activity: AccountActivity = { eventId: "e1", eventTimeMs: 1_000, accountId: "a", deviceId: "d", ipPrefix: "10.0.0.0/24", roomId: "r", streamerId: "s", roomCategory: "food", roomStartedMs: 500, kind: "order", paymentKey: "p", addressKey: "h", accountCreatedMs: 7 };

  it("round-trips through the protobuf message", () => {
    const bytes = WireActivity.encode(activityToWire(activity, "tenant")).finish();
    expect(activityFromWire(WireActivity.decode(bytes))).toEqual(activity);
  });

  it("refuses an unspecified kind and a record without an account, naming the field", () => {
    expect(() => activityFromWire({ ...activityToWire(activity), kind: ActivityKind.ACTIVITY_KIND_UNSPECIFIED })).toThrow(InvalidActivityError);
    expect(() => activityFromWire({ ...activityToWire(activity), accountId: "" })).toThrow(/accountId/);
  });
});
