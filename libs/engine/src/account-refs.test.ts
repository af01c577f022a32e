import { applyFalsification } from "./falsification";
import { resolveEngineConfig } from "./config";
import { createRoomState } from "./room-state";
import { deviceAccountsOf, slotOfEntry, subnetOf } from "./account-refs";
import { actor, join, T0 } from "./testing/event-builders";

// Caps of two: every third account, device or /24 evicts the oldest, as a room past 8,192 does.
const cfg = resolveEngineConfig({ maxAccountsPerRoom: 2, maxDevicesPerRoom: 2 });

describe("account references", () => {
  it("hold what the lookups find, also after eviction and return", () => {
    const room = createRoomState("r", T0);
    const a = actor("a", { device: "d1", ip: "10.0.1.0/24" });
    applyFalsification(room, join("r", T0, a), cfg);
    const entry = room.cohort.windows.views.get("a")!;
    const first = slotOfEntry(room, "a", entry)!;
    expect(first).toBe(room.accounts.get("a"));
    expect(deviceAccountsOf(room, first)).toBe(room.devices.get("d1"));
    expect(subnetOf(room, first)).toBe(room.cohort.subnets.get("10.0.1.0/24"));

    // Two newcomers on other devices and /24s push "a", its device and its /24 out of the room's maps.
    applyFalsification(room, join("r", T0 + 1, actor("b", { device: "d2", ip: "10.0.2.0/24" })), cfg);
    applyFalsification(room, join("r", T0 + 2, actor("c", { device: "d3", ip: "10.0.3.0/24" })), cfg);
    expect(room.accounts.has("a")).toBe(false);
    expect(slotOfEntry(room, "a", entry)).toBeUndefined();
    expect(deviceAccountsOf(room, first)).toBeUndefined();
    expect(subnetOf(room, first)).toBeUndefined();

    // "a" comes back: a fresh slot, device list and /24, and the old entry finds them, not the retired ones.
    applyFalsification(room, join("r", T0 + 3, actor("a", { device: "d1", ip: "10.0.1.0/24" })), cfg);
    const again = slotOfEntry(room, "a", entry)!;
    expect(again).toBe(room.accounts.get("a"));
    expect(again).not.toBe(first);
    expect(deviceAccountsOf(room, first)).toBe(room.devices.get("d1"));
    expect(subnetOf(room, again)).toBe(room.cohort.subnets.get("10.0.1.0/24"));
  });
});
