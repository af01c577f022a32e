import { RiskCategory, Severity } from "@redline/proto";
import type { Alert } from "@redline/proto";
import type { ContentRoomTruth } from "@redline/simulator";
import { scoreContent } from "./content-scoring";

function alert(roomId: string, category: RiskCategory, subcategory: string, eventTimeMs: number, subjectUserId = ""): Alert {
  return { alertId: `${roomId}-${subcategory}-${eventTimeMs}`, roomId, subjectUserId, category, subcategory, severity: Severity.SEVERITY_HIGH, score: 0.9, eventTimeMs, explanation: undefined, evidenceEventIds: [], modelVersion: "m", policyVersion: "" };
}
function room(roomId: string, scenario: string, labels: ContentRoomTruth["labels"], params: ContentRoomTruth["params"] = {}): ContentRoomTruth {
  return { roomId, scenario, startMs: 1_000, endMs: 100_000, labels, params };
}

describe("scoreContent", () => {
  it("scores rooms per category/subcategory, subjects, underage timing and deletion rates", () => {
    const truth = [
      room("u1", "underage_streamer", [{ category: "RISK_CATEGORY_MINOR_PROTECTION", subcategory: "STREAMER_UNDERAGE", subjectUserId: "", startMs: 1_000 }]),
      room("u2", "underage_streamer", [{ category: "RISK_CATEGORY_MINOR_PROTECTION", subcategory: "STREAMER_UNDERAGE", subjectUserId: "", startMs: 1_000 }]),
      room("t1", "minor_tipping", [{ category: "RISK_CATEGORY_MINOR_PROTECTION", subcategory: "MINOR_TIPPING", subjectUserId: "kid", startMs: 5_000 }]),
      room("s1", "selective_deletion_30", [{ category: "RISK_CATEGORY_REVIEW_SUPPRESSION", subcategory: "SELECTIVE_DELETION", subjectUserId: "", startMs: 2_000 }], { complaintDeletionRate: 0.3 }),
      room("h1", "honest_negative_heavy", []),
    ];
    const alerts = [
      alert("u1", RiskCategory.RISK_CATEGORY_MINOR_PROTECTION, "STREAMER_UNDERAGE", 1_000),
      alert("u2", RiskCategory.RISK_CATEGORY_MINOR_PROTECTION, "STREAMER_UNDERAGE", 4_000),
      alert("t1", RiskCategory.RISK_CATEGORY_MINOR_PROTECTION, "MINOR_TIPPING", 5_000, "someone-else"),
      alert("h1", RiskCategory.RISK_CATEGORY_REVIEW_SUPPRESSION, "SELECTIVE_DELETION", 9_000),
      alert("h1", RiskCategory.RISK_CATEGORY_DATA_FALSIFICATION, "FAKE_LIKES", 9_000),
    ];
    const s = scoreContent(truth, alerts);
    expect(s.perSubcategory["MINOR_PROTECTION/STREAMER_UNDERAGE"]).toMatchObject({ tp: 2, fp: 0, fn: 0 });
    expect(s.perSubcategory["REVIEW_SUPPRESSION/SELECTIVE_DELETION"]).toMatchObject({ tp: 0, fp: 1, fn: 1, precision: 0, recall: 0 });
    expect(s.underage).toEqual({ rooms: 2, flaggedOnStartEvent: 1, maxDelayMs: 3_000 });
    expect(s.subjects).toEqual({ labelled: 1, named: 0 });
    expect(s.selectiveDeletionByRate).toEqual([{ rate: 0.3, rooms: 1, recall: 0 }]);
    expect(s.falsificationAlerts).toBe(1);
    expect(s.perScenario.find((p) => p.scenario === "honest_negative_heavy")).toMatchObject({ rooms: 1, roomsWithFalseAlert: 1, falseKeys: ["REVIEW_SUPPRESSION/SELECTIVE_DELETION"] });
  });
});
