import { ActionKind, ControlAction } from "@redline/proto";
import { KeyRoomTracker } from "./key-rooms";
import { inSample } from "./sampling";

const action = (roomId: string, kind: ActionKind, shadow = false) => ControlAction.fromPartial({ roomId, kind, shadow });

describe("KeyRoomTracker", () => {
  it("marks the rooms the policy names key by its live actions, says which are new, and forgets the oldest beyond its bound", () => {
    const t = new KeyRoomTracker({ maxRooms: 2 });
    expect(t.observeAction(action("sales", ActionKind.ACTION_KIND_EXTEND_RETENTION))).toBe(true);
    expect(t.observeAction(action("sales", ActionKind.ACTION_KIND_ASSIGN_INSPECTOR))).toBe(false);
    expect(t.observeAction(action("label", ActionKind.ACTION_KIND_PROMINENT_LABEL))).toBe(false);
    // A candidate policy's shadow action has no effect anywhere, the archive included.
    expect(t.observeAction(action("shadowed", ActionKind.ACTION_KIND_EXTEND_RETENTION, true))).toBe(false);
    t.restore("fans");
    expect(["sales", "label", "shadowed", "fans"].filter((r) => t.isKeyRoom(r))).toEqual(["sales", "fans"]);
    expect(t.observeAction(action("bigger", ActionKind.ACTION_KIND_ASSIGN_INSPECTOR))).toBe(true);
    expect(t.isKeyRoom("sales")).toBe(false);
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
