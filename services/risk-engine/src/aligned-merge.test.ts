import { LiveEvent } from "@redline/proto";
import { AlignedMerge, type Released } from "./aligned-merge";

const ev = (id: string, t: number) => LiveEvent.fromPartial({ eventId: id, roomId: "r", eventTimeMs: t });
const recs = (start: number, ...events: LiveEvent[]) => events.map((event, i) => ({ offset: BigInt(start + i), event }));
const ids = (released: Released[]) => released.map((r) => r.event.eventId);

describe("AlignedMerge", () => {
  it("holds a backlog until a lagging topic delivers, then releases in event-time order", () => {
    const m = new AlignedMerge(["likes", "follows"]);
    m.startLane("likes", 0n, 3n);
    m.startLane("follows", 0n, 2n);
    m.add("likes", recs(0, ev("l1", 10), ev("l2", 30), ev("l3", 50)), 3n);
    expect(ids(m.release())).toEqual([]); // follows is behind and empty: it may hold earlier events
    m.add("follows", recs(0, ev("f1", 20), ev("f2", 40)), 2n);
    expect(ids(m.release())).toEqual(["l1", "f1", "l2", "f2", "l3"]);
  });

  it("does not wait for a caught-up topic that has nothing", () => {
    const m = new AlignedMerge(["likes", "rooms"]);
    m.startLane("likes", 0n, 2n);
    m.startLane("rooms", 5n, 5n);
    m.add("likes", recs(0, ev("a", 1), ev("b", 2)), 2n);
    expect(ids(m.release())).toEqual(["a", "b"]);
  });

  it("breaks time ties by event id and skips records it already received", () => {
    const m = new AlignedMerge(["x", "y"]);
    m.add("x", recs(0, ev("b", 5)), 1n);
    m.add("y", recs(0, ev("a", 5)), 1n);
    expect(m.add("x", recs(0, ev("b", 5)), 1n)).toBe(0);
    expect(ids(m.release())).toEqual(["a", "b"]);
  });

  it("hands each event back with its topic and trace context", () => {
    const m = new AlignedMerge(["x"]);
    m.add("x", [{ offset: 0n, event: ev("a", 1), traceparent: "00-abc-def-01" }], 1n);
    expect(m.release()).toEqual([{ event: ev("a", 1), topic: "x", traceparent: "00-abc-def-01" }]);
  });

  it("reports the first unreleased offset per topic for snapshots", () => {
    const m = new AlignedMerge(["x", "y"]);
    m.startLane("x", 10n, 13n);
    m.startLane("y", 4n, 5n);
    m.add("x", recs(10, ev("x1", 1), ev("x2", 9), ev("x3", 10)), 13n);
    expect(m.firstUnreleased()).toEqual(new Map([["x", 10n], ["y", 4n]]));
    m.add("y", recs(4, ev("y1", 5)), 5n);
    expect(ids(m.release())).toEqual(["x1", "y1", "x2", "x3"]);
    expect(m.firstUnreleased()).toEqual(new Map([["x", 13n], ["y", 5n]]));
  });
});
