import { Alert, RiskCategory, Severity } from "@redline/proto";
import { scoreLabelledRooms, type LabelledRoom } from "./labelled-scoring";

const room = (roomId: string, label: string | null, o: Partial<LabelledRoom> = {}): LabelledRoom => ({
  roomId, label, hardNegative: null, attackStartMs: label === null ? null : 1_000, params: {}, shouldCatch: label !== null, ...o,
});
const alert = (roomId: string, subcategory: string, severity: Severity, eventTimeMs = 31_000): Alert =>
  Alert.fromPartial({ alertId: `${roomId}-${subcategory}-${severity}`, roomId, subcategory, severity, eventTimeMs, category: RiskCategory.RISK_CATEGORY_DATA_FALSIFICATION });

describe("scoreLabelledRooms", () => {
  const rooms = [
    room("a", "FAKE_LIKES", { params: { crew: "farm", size: 10 } }),
    room("b", "FAKE_LIKES", { params: { crew: "crew", size: 20 }, shouldCatch: false }),
    room("c", "FAKE_LIKES", { params: { crew: "farm", size: 30 } }),
    room("d", null, { hardNegative: "flash_sale" }),
    room("e", null),
  ];
  const alerts = [
    alert("a", "FAKE_LIKES", Severity.SEVERITY_HIGH),
    alert("b", "FAKE_LIKES", Severity.SEVERITY_LOW),
    alert("d", "FAKE_ORDERS", Severity.SEVERITY_MEDIUM),
    alert("e", "FAKE_VIEWS", Severity.SEVERITY_LOW),
  ];

  it("counts a room as detected only at or above the floor, and reports what stayed below it", () => {
    const s = scoreLabelledRooms(rooms, alerts);
    expect(s.perLabel.FAKE_LIKES).toMatchObject({ tp: 1, fn: 2, attacked: 3, catchable: 2, catchableRecall: 0.5, belowFloorOnly: 1, medianDelayS: 30 });
    expect(s.perLabel.FAKE_ORDERS).toMatchObject({ tp: 0, fp: 1, precision: 0, falseOnOtherAttacks: 0 });
    expect(s.hardNegatives.flash_sale).toEqual({ rooms: 1, roomsAlerted: 1, alerts: { FAKE_ORDERS: 1 } });
    expect(s.organic).toEqual({ rooms: 1, roomsAlerted: 0 });
    expect(scoreLabelledRooms(rooms, alerts, Severity.SEVERITY_UNSPECIFIED).organic.roomsAlerted).toBe(1);
  });

  it("says which false alerts fell on rooms attacked under another label", () => {
    const s = scoreLabelledRooms(rooms, [...alerts, alert("c", "FAKE_VIEWS", Severity.SEVERITY_MEDIUM), alert("e", "FAKE_VIEWS", Severity.SEVERITY_HIGH)]);
    expect(s.perLabel.FAKE_VIEWS).toMatchObject({ tp: 0, fp: 2, falseOnOtherAttacks: 1 });
  });

  it("gives recall per value of string parameters and per quartile of numeric ones", () => {
    const bins = scoreLabelledRooms(rooms, alerts).byBin.filter((b) => b.label === "FAKE_LIKES");
    expect(bins.find((b) => b.param === "crew" && b.bin === "farm")).toMatchObject({ attacks: 2, recall: 0.5, catchableRecall: 0.5 });
    expect(bins.find((b) => b.param === "crew" && b.bin === "crew")).toMatchObject({ attacks: 1, recall: 0, catchableRecall: null });
    expect(bins.filter((b) => b.param === "size").reduce((n, b) => n + b.attacks, 0)).toBe(3);
  });
});
