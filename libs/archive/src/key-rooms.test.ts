import { ActionKind, ControlAction, LiveEvent } from "@redline/proto";
import { KeyRoomTracker } from "./key-rooms";
import { inSample } from "./sampling";

const roomEvent = (roomId: string, followerCount: number) =>
  LiveEvent.fromPartial({ eventId: `e-${roomId}`, roomId, eventTimeMs: 1, body: { $case: "room", value: { followerCount } } });

describe("KeyRoomTracker", () => {
  it("marks rooms by followers or by a retention action, and forgets the oldest beyond its bound", () => {
    const t = new KeyRoomTracker({ minFollowers: 1000, maxRooms: 2 });
    t.observeEvent(roomEvent("small", 999));
    t.observeEvent(roomEvent("big", 1000));
    t.observeAction(ControlAction.fromPartial({ roomId: "sales", kind: ActionKind.ACTION_KIND_EXTEND_RETENTION }));
    t.observeAction(ControlAction.fromPartial({ roomId: "label", kind: ActionKind.ACTION_KIND_PROMINENT_LABEL }));
    expect(["small", "big", "sales", "label"].filter((r) => t.isKeyRoom(r))).toEqual(["big", "sales"]);
    t.observeEvent(roomEvent("bigger", 5000));
    expect(t.isKeyRoom("big")).toBe(false);
    expect(t.size).toBe(2);
  });
});

describe("inSample", () => {
  it("is deterministic per id and close to the rate", () => {
    const ids = Array.from({ length: 20000 }, (_, i) => `evt-${i}`);
    const kept = ids.filter((id) => inSample(id, 0.1));
    expect(kept.length / ids.length).toBeGreaterThan(0.09);
    expect(kept.length / ids.length).toBeLessThan(0.11);
    expect(ids.filter((id) => inSample(id, 0.1))).toEqual(kept);
    expect(inSample("x", 1)).toBe(true);
    expect(inSample("x", 0)).toBe(false);
  });
});
