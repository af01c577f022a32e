import type { CrewScenarioTruth } from "@redline/crew-scenarios";
import { type Alert, type ControlAction, RiskCategory, Severity } from "@redline/proto";
import { scoreRoomActions } from "./room-actions-scoring";

const room = (roomId: string, crewIds: string[], hardNegativeGroupIds: string[] = []) => ({ roomId, streamerUserId: roomId, role: crewIds.length > 0 ? ("rented" as const) : ("hard_negative_host" as const), crewIds, hardNegativeGroupIds, organicViewers: 5, firstMs: 0, lastMs: 1 });
const truth = { rooms: [room("r1", ["A"]), room("r2", ["A"]), room("r3", ["B"]), room("h1", [], ["hn-1"]), room("h2", [], ["hn-2"])] } as unknown as CrewScenarioTruth;

const action = (roomId: string, subcategory: string, shadow = false): ControlAction =>
  ({ roomId, subcategory, category: subcategory === "KEY_ROOM" ? RiskCategory.RISK_CATEGORY_UNSPECIFIED : RiskCategory.RISK_CATEGORY_DATA_FALSIFICATION, shadow }) as ControlAction;
const alert = (roomId: string, subcategory: string, severity: Severity): Alert => ({ roomId, subcategory, severity, subjectUserId: "", category: RiskCategory.RISK_CATEGORY_DATA_FALSIFICATION }) as Alert;

describe("scoreRoomActions", () => {
  it("counts worked rooms by what acted on them, and hard-negative rooms by what hit them", () => {
    const s = scoreRoomActions(
      [alert("r3", "FAKE_LIKES", Severity.SEVERITY_MEDIUM), alert("h2", "FAKE_ORDERS", Severity.SEVERITY_MEDIUM), alert("h1", "FAKE_LIKES", Severity.SEVERITY_LOW)],
      [action("r1", "CROSS_ROOM_COORDINATION"), action("r2", "FAKE_LIKES"), action("r2", "CROSS_ROOM_COORDINATION", true), action("h1", "KEY_ROOM")],
      truth,
    );
    expect(s).toEqual({ workedRooms: 3, crewActed: 1, engineActed: 1, anyActed: 2, alertedOrActed: 3, crewActionsNotWorkedByRole: {}, hardNegativeRooms: 2, hardNegativeRoomsCrewHit: 0, hardNegativeRoomsHit: 1 });
  });

  it("names a crew action on a room no crew worked by the room's role", () => {
    const s = scoreRoomActions([alert("h1", "CROSS_ROOM_COORDINATION", Severity.SEVERITY_MEDIUM)], [action("h1", "CROSS_ROOM_COORDINATION")], truth);
    expect(s.crewActionsNotWorkedByRole).toEqual({ hard_negative_host: 1 });
    expect([s.hardNegativeRoomsCrewHit, s.hardNegativeRoomsHit]).toEqual([1, 1]);
  });
});
