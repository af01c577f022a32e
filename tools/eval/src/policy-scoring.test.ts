import { ActionKind, RiskCategory, Severity } from "@redline/proto";
import type { Alert, ControlAction } from "@redline/proto";
import { actionTable, blockDelayEvents, labelCoverage, scorePolicy } from "./policy-scoring";
import type { AgeStatement, PolicyRoom } from "./policy-scoring";

function action(roomId: string, kind: ActionKind, category: RiskCategory, subcategory: string, issuedAtMs: number, shadow = false): ControlAction {
  return { actionId: `${roomId}-${kind}-${issuedAtMs}`, alertId: "a", roomId, targetUserId: "", kind, category, subcategory, params: {}, issuedAtMs, expiresAtMs: 0, reason: "", policyVersion: "v", shadow, platform: "tenant-a" };
}
function alert(roomId: string, category: RiskCategory, subcategory: string, severity: Severity): Alert {
  return { alertId: `${roomId}-${subcategory}-${severity}`, roomId, subjectUserId: "", category, subcategory, severity, score: 0.9, eventTimeMs: 0, explanation: undefined, evidenceEventIds: [], modelVersion: "m", policyVersion: "v" };
}
const MINOR = RiskCategory.RISK_CATEGORY_MINOR_PROTECTION;
const FALSIFICATION = RiskCategory.RISK_CATEGORY_DATA_FALSIFICATION;
const UNDERAGE = "MINOR_PROTECTION/STREAMER_UNDERAGE";

describe("blockDelayEvents", () => {
  const statement: AgeStatement = { roomId: "u", statedAtMs: 1_000, laterEventTimesMs: [1_000, 2_000, 3_000, 5_000] };

  it("is 0 when the block carries the stating event's time, counts the room's later events otherwise", () => {
    expect(blockDelayEvents(statement, [action("u", ActionKind.ACTION_KIND_BLOCK_STREAM, MINOR, "STREAMER_UNDERAGE", 1_000)])).toBe(0);
    // A later event at the same millisecond still counts: it came between statement and block.
    expect(blockDelayEvents(statement, [action("u", ActionKind.ACTION_KIND_BLOCK_STREAM, MINOR, "STREAMER_UNDERAGE", 3_000)])).toBe(3);
  });

  it("takes the earliest block at or after the statement and ignores other kinds", () => {
    const actions = [
      action("u", ActionKind.ACTION_KIND_POPUP_PROMPT, MINOR, "STREAMER_UNDERAGE", 1_000),
      action("u", ActionKind.ACTION_KIND_BLOCK_STREAM, MINOR, "STREAMER_UNDERAGE", 5_000),
      action("u", ActionKind.ACTION_KIND_BLOCK_STREAM, FALSIFICATION, "FAKE_LIKES", 2_000),
      action("u", ActionKind.ACTION_KIND_BLOCK_STREAM, FALSIFICATION, "FAKE_LIKES", 500),
    ];
    expect(blockDelayEvents(statement, actions)).toBe(2);
    expect(blockDelayEvents(statement, actions.slice(0, 1))).toBeNull();
  });
});

describe("scorePolicy", () => {
  const rooms: PolicyRoom[] = [
    { roomId: "o1", group: "organic: small", labels: [] },
    { roomId: "o2", group: "organic: small", labels: [] },
    { roomId: "h1", group: "hard negative: flash_sale", labels: [] },
    { roomId: "k1", group: "organic: large", labels: [] },
    { roomId: "a1", group: "attacked", labels: ["DATA_FALSIFICATION/FAKE_LIKES"] },
    { roomId: "u1", group: "underage_streamer", labels: [UNDERAGE] },
    { roomId: "u2", group: "underage_streamer", labels: [UNDERAGE] },
    { roomId: "u3", group: "underage_streamer", labels: [UNDERAGE] },
    { roomId: "u4", group: "underage_streamer", labels: [UNDERAGE] },
  ];
  const statements: AgeStatement[] = [
    { roomId: "u1", statedAtMs: 100, laterEventTimesMs: [200, 300] },
    { roomId: "u2", statedAtMs: 100, laterEventTimesMs: [200, 300] },
    { roomId: "u3", statedAtMs: 100, laterEventTimesMs: [200] },
  ];
  const actions = [
    action("o1", ActionKind.ACTION_KIND_PROMINENT_LABEL, FALSIFICATION, "FAKE_VIEWS", 10),
    action("h1", ActionKind.ACTION_KIND_BLOCK_STREAM, FALSIFICATION, "FAKE_ORDERS", 10),
    action("h1", ActionKind.ACTION_KIND_POPUP_PROMPT, FALSIFICATION, "FAKE_ORDERS", 5),
    action("k1", ActionKind.ACTION_KIND_ASSIGN_INSPECTOR, FALSIFICATION, "KEY_ROOM", 0),
    action("o2", ActionKind.ACTION_KIND_BLACKLIST, FALSIFICATION, "FAKE_LIKES", 10, true),
    action("a1", ActionKind.ACTION_KIND_POPUP_PROMPT, FALSIFICATION, "FAKE_LIKES", 10),
    action("a1", ActionKind.ACTION_KIND_PROMINENT_LABEL, FALSIFICATION, "FAKE_LIKES", 20),
    action("a1", ActionKind.ACTION_KIND_POPUP_PROMPT, FALSIFICATION, "FAKE_VIEWS", 20),
    action("u1", ActionKind.ACTION_KIND_BLOCK_STREAM, MINOR, "STREAMER_UNDERAGE", 100),
    action("u2", ActionKind.ACTION_KIND_BLOCK_STREAM, MINOR, "STREAMER_UNDERAGE", 300),
  ];
  const alerts = [alert("a1", FALSIFICATION, "FAKE_LIKES", Severity.SEVERITY_MEDIUM), alert("h1", FALSIFICATION, "FAKE_ORDERS", Severity.SEVERITY_HIGH), alert("o2", FALSIFICATION, "FAKE_LIKES", Severity.SEVERITY_LOW)];
  const s = scorePolicy(rooms, alerts, actions, statements);

  it("counts innocent rooms with any action, a sanction and a severe action, and lists severe ones; shadow actions are not received", () => {
    expect(s.actions).toBe(9);
    expect(s.innocent).toMatchObject({ rooms: 4, roomsWithAlert: 2, roomsWithAction: 3, roomsWithSanction: 2, roomsWithSevere: 1 });
    expect(s.innocent.severe).toEqual([{ roomId: "h1", group: "hard negative: flash_sale", kind: "BLOCK_STREAM", key: "DATA_FALSIFICATION/FAKE_ORDERS" }]);
    expect(s.innocent.byGroup).toEqual([
      { group: "hard negative: flash_sale", rooms: 1, withAction: 1, withSanction: 1, withSevere: 1 },
      { group: "organic: large", rooms: 1, withAction: 1, withSanction: 0, withSevere: 0 },
      { group: "organic: small", rooms: 2, withAction: 1, withSanction: 1, withSevere: 0 },
    ]);
  });

  it("reports underage rooms blocked on the stating event, the max delay in events, and the rest by reason", () => {
    expect(s.underage).toEqual({ rooms: 4, blockedOnStatement: 1, maxDelayEvents: 2, notBlocked: ["u3"], noStatement: ["u4"] });
  });

  it("tabulates actions on attacked rooms per subcategory and kind, flagging a subcategory the room is not labelled with", () => {
    const attacked = s.attacked.actionTable.filter((r) => r.key.startsWith("DATA_FALSIFICATION"));
    expect(attacked).toEqual([
      { key: "DATA_FALSIFICATION/FAKE_LIKES", kind: "POPUP_PROMPT", actions: 1, rooms: 1, roomsNotLabelled: 0 },
      { key: "DATA_FALSIFICATION/FAKE_LIKES", kind: "PROMINENT_LABEL", actions: 1, rooms: 1, roomsNotLabelled: 0 },
      { key: "DATA_FALSIFICATION/FAKE_VIEWS", kind: "POPUP_PROMPT", actions: 1, rooms: 1, roomsNotLabelled: 1 },
    ]);
    expect(s.attacked).toMatchObject({ rooms: 5, roomsWithAction: 3 });
    expect(s.attacked.coverage.find((c) => c.key === "DATA_FALSIFICATION/FAKE_LIKES")).toEqual({ key: "DATA_FALSIFICATION/FAKE_LIKES", labelledRooms: 1, alerted: 1, acted: 1, alertedNotActedBySeverity: {} });
    expect(s.attacked.coverage.find((c) => c.key === UNDERAGE)).toMatchObject({ labelledRooms: 4, alerted: 0, acted: 2 });
  });
});

describe("labelCoverage", () => {
  it("counts labelled rooms alerted and acted on per label, and the alerted-but-unacted by their highest severity", () => {
    const HARASS = RiskCategory.RISK_CATEGORY_HARASSMENT;
    const rooms: PolicyRoom[] = ["r1", "r2", "r3", "r4"].map((roomId) => ({ roomId, group: "harassment", labels: ["HARASSMENT/REPEAT_OFFENDER"] }));
    const alerts = [
      alert("r1", HARASS, "REPEAT_OFFENDER", Severity.SEVERITY_MEDIUM),
      alert("r2", HARASS, "REPEAT_OFFENDER", Severity.SEVERITY_LOW),
      alert("r2", HARASS, "REPEAT_OFFENDER", Severity.SEVERITY_MEDIUM),
      alert("r3", HARASS, "REPEAT_OFFENDER", Severity.SEVERITY_LOW),
      alert("r4", HARASS, "ROOM_FLOOD", Severity.SEVERITY_HIGH),
    ];
    // r4's action is for another subcategory, so its label is neither alerted nor acted on.
    const byRoom = new Map([
      ["r1", [action("r1", ActionKind.ACTION_KIND_POPUP_PROMPT, HARASS, "REPEAT_OFFENDER", 0)]],
      ["r4", [action("r4", ActionKind.ACTION_KIND_POPUP_PROMPT, HARASS, "ROOM_FLOOD", 0)]],
    ]);
    expect(labelCoverage(rooms, alerts, byRoom)).toEqual([{ key: "HARASSMENT/REPEAT_OFFENDER", labelledRooms: 4, alerted: 3, acted: 1, alertedNotActedBySeverity: { MEDIUM: 1, LOW: 1 } }]);
  });
});

describe("actionTable", () => {
  it("counts a room once per row however many actions it got, and never flags key-room actions as mislabelled", () => {
    const rooms: PolicyRoom[] = [{ roomId: "r", group: "organic: large", labels: [] }];
    const acts = [0, 1, 2].map((t) => action("r", ActionKind.ACTION_KIND_EXTEND_RETENTION, FALSIFICATION, "KEY_ROOM", t));
    expect(actionTable(rooms, new Map([["r", acts]]))).toEqual([{ key: "DATA_FALSIFICATION/KEY_ROOM", kind: "EXTEND_RETENTION", actions: 3, rooms: 1, roomsNotLabelled: 0 }]);
  });
});
