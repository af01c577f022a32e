import { Alert } from "@redline/proto";
import { AlertRing } from "./alert-ring";

const rec = (partition: number, offset: number) => ({
  partition,
  offset,
  alert: Alert.fromPartial({ alertId: `p${partition}-o${offset}`, roomId: `room-${partition}` }),
});

describe("alert ring", () => {
  it("evicts the oldest and raises that partition's floor", () => {
    const ring = new AlertRing(3, new Map([[0, 10], [1, 5]]));
    ring.append(rec(0, 10));
    ring.append(rec(1, 5));
    ring.append(rec(0, 11));
    expect(ring.covers(new Map([[0, 10], [1, 5]]))).toBe(true);
    ring.append(rec(1, 6)); // evicts p0@10
    expect(ring.size).toBe(3);
    expect(ring.firstSeq).toBe(1);
    expect(ring.at(0)).toBeUndefined();
    expect(ring.covers(new Map([[0, 10], [1, 5]]))).toBe(false);
    expect(ring.covers(new Map([[0, 11], [1, 5]]))).toBe(true);
    expect(ring.head()).toEqual(new Map([[0, 12], [1, 7]]));
  });

  it("ignores records it already holds", () => {
    const ring = new AlertRing(5, new Map([[0, 0]]));
    expect(ring.append(rec(0, 0))).toBeDefined();
    expect(ring.append(rec(0, 0))).toBeUndefined();
    expect(ring.size).toBe(1);
  });

  it("completes positions with floors and finds the newest copy of an alert", () => {
    const ring = new AlertRing(5, new Map([[0, 4], [1, 8]]));
    ring.append(rec(1, 8));
    expect(ring.complete(new Map([[0, 6]]))).toEqual(new Map([[0, 6], [1, 8]]));
    expect(ring.findAlert("p1-o8")?.roomId).toBe("room-1");
    expect(ring.findAlert("nope")).toBeUndefined();
  });
});
