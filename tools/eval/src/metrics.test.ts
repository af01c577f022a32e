import type { Alert } from "@redline/proto";
import type { RoomTruth } from "@redline/simulator";
import { auc, confusion, median, recallByIntensity, scoreRooms, weakestDetected } from "./metrics";

function room(roomId: string, sub: string | null, hardNegative: RoomTruth["hardNegative"] = null, bots = 10): RoomTruth {
  return {
    roomId,
    size: "medium",
    startMs: 0,
    endMs: 1_000_000,
    hardNegative,
    labels: sub === null ? [] : [{ category: "RISK_CATEGORY_DATA_FALSIFICATION", subcategory: sub as "FAKE_LIKES", style: "s", attackStartMs: 100_000, attackEndMs: 200_000, intensity: { bots, actionsPerMinute: bots * 10, roomShare: bots / 100, params: {} } }],
  };
}

function alert(roomId: string, subcategory: string, eventTimeMs: number): Alert {
  return { alertId: `${roomId}-${subcategory}-${eventTimeMs}`, roomId, subjectUserId: "", category: 1, subcategory, severity: 2, score: 0.8, eventTimeMs, explanation: undefined, evidenceEventIds: [], modelVersion: "m", policyVersion: "" };
}

describe("room-level scoring", () => {
  it("counts TP, FP and FN per subcategory, uses the first alert for delay, and attributes FPs to hard negatives", () => {
    const truth = [room("a", "FAKE_LIKES"), room("b", "FAKE_LIKES"), room("c", null, "flash_sale"), room("d", null), room("e", "FAKE_ORDERS")];
    const alerts = [alert("a", "FAKE_LIKES", 160_000), alert("a", "FAKE_LIKES", 130_000), alert("c", "FAKE_ORDERS", 5), alert("e", "FAKE_VIEWS", 150_000)];
    const s = scoreRooms(truth, alerts);
    expect(s.perSubcategory.FAKE_LIKES).toMatchObject({ tp: 1, fp: 0, fn: 1, precision: 1, recall: 0.5, medianDelayS: 30 });
    expect(s.perSubcategory.FAKE_ORDERS).toMatchObject({ tp: 0, fp: 1, fn: 1 });
    expect(s.perSubcategory.FAKE_VIEWS).toMatchObject({ tp: 0, fp: 1, fn: 0, precision: 0 });
    // Room-level category: e was attacked and alerted (for the wrong subcategory), c was not attacked.
    expect(s.category).toMatchObject({ tp: 2, fp: 1, fn: 1 });
    expect(s.falsePositivesByHardNegative.flash_sale).toEqual({ rooms: 1, roomsWithFalseAlert: 1 });
    expect(s.falsePositivesByRoomSize.medium).toEqual({ rooms: 1, roomsWithFalseAlert: 0 });
  });

  it("reports recall by intensity quartile and the weakest detected attack", () => {
    const truth = [1, 2, 3, 4, 5, 6, 7, 8].map((b) => room(`r${b}`, "FAKE_LIKES", null, b));
    const alerts = [5, 6, 7, 8].map((b) => alert(`r${b}`, "FAKE_LIKES", 110_000));
    const d = scoreRooms(truth, alerts).detections;
    const bots = recallByIntensity(d).filter((b) => b.measure === "bots");
    expect(bots.map((b) => b.recall)).toEqual([0, 0, 1, 1]);
    expect(weakestDetected(d).s).toMatchObject({ detectedMin: { bots: 5 }, missedMax: { bots: 4 } });
  });

  it("handles empty inputs", () => {
    expect(confusion(0, 0, 0)).toMatchObject({ precision: 1, recall: 1 });
    expect(median([])).toBeNull();
    expect(median([3, 1, 2, 10])).toBe(2.5);
  });
});

describe("auc", () => {
  it("is the share of positive-negative pairs the positive wins, ties half, NaN without one side", () => {
    expect(auc([3, 4], [1, 2])).toBe(1);
    expect(auc([1], [2])).toBe(0);
    expect(auc([2, 1], [2])).toBe(0.25);
    expect(auc([], [1])).toBeNaN();
  });
});
