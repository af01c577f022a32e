import { Alert } from "@redline/proto";
import { AlertRing } from "./alert-ring";

const rec = (partition: number, offset: number) => ({
  partition,
  offset: BigInt(offset),
  alert: Alert.fromPartial({ alertId: `p${partition}-o${offset}`, roomId: `room-${partition}` }),
});

describe("alert ring", () => {
  it("evicts the oldest and raises that partition's floor", () => {
    const ring = new AlertRing(3, new Map([[0, 10n], [1, 5n]]));
    ring.append(rec(0, 10));
    ring.append(rec(1, 5));
    ring.append(rec(0, 11));
    expect(ring.covers(new Map([[0, 10n], [1, 5n]]))).toBe(true);
    ring.append(rec(1, 6)); // evicts p0@10
    expect(ring.size).toBe(3);
    expect(ring.firstSeq).toBe(1);
    expect(ring.at(0)).toBeUndefined();
    expect(ring.covers(new Map([[0, 10n], [1, 5n]]))).toBe(false);
    expect(ring.covers(new Map([[0, 11n], [1, 5n]]))).toBe(true);
    expect(ring.head()).toEqual(new Map([[0, 12n], [1, 7n]]));
  });

  it("ignores records it already holds", () => {
    const ring = new AlertRing(5, new Map([[0, 0n]]));
    expect(ring.append(rec(0, 0))).toBeDefined();
    expect(ring.append(rec(0, 0))).toBeUndefined();
    expect(ring.size).toBe(1);
  });

  it("completes positions with floors and finds the newest copy of an alert", () => {
    const ring = new AlertRing(5, new Map([[0, 4n], [1, 8n]]));
    ring.append(rec(1, 8));
    expect(ring.complete(new Map([[0, 6n]]))).toEqual(new Map([[0, 6n], [1, 8n]]));
    expect(ring.findAlert("p1-o8")?.roomId).toBe("room-1");
    expect(ring.findAlert("nope")).toBeUndefined();
  });
});
