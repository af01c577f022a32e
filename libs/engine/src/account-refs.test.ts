import { applyFalsification } from "./falsification";
import { resolveEngineConfig } from "./config";
import { createRoomState } from "./room-state";
import { deviceAccountsOf, deviceCount, slotOfEntry, subnetOf } from "./account-refs";
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
    expect(deviceAccountsOf(room, first)).toEqual(["a"]);
    expect(deviceCount(room, first)).toBe(1);
    expect(subnetOf(room, first)).toBe(room.cohort.subnets.get("10.0.1.0/24"));

    // Two newcomers on other devices and /24s push "a", its device and its /24 out of the room's maps.
    applyFalsification(room, join("r", T0 + 1, actor("b", { device: "d2", ip: "10.0.2.0/24" })), cfg);
    applyFalsification(room, join("r", T0 + 2, actor("c", { device: "d3", ip: "10.0.3.0/24" })), cfg);
    expect(room.accounts.has("a")).toBe(false);
    expect(slotOfEntry(room, "a", entry)).toBeUndefined();
    expect(deviceAccountsOf(room, first)).toBeUndefined();
    expect(deviceCount(room, first)).toBeUndefined();
    expect(subnetOf(room, first)).toBeUndefined();

    // "a" comes back: a fresh slot, device list and /24, and the old entry finds them, not the retired ones.
    applyFalsification(room, join("r", T0 + 3, actor("a", { device: "d1", ip: "10.0.1.0/24" })), cfg);
    const again = slotOfEntry(room, "a", entry)!;
    expect(again).toBe(room.accounts.get("a"));
    expect(again).not.toBe(first);
    expect(deviceAccountsOf(room, first)).toEqual(["a"]);
    expect(subnetOf(room, again)).toBe(room.cohort.subnets.get("10.0.1.0/24"));
  });

  it("count a device's lone account, held as its id, as the lookup does once it is shared, dropped or taken by another", () => {
    const devicesOfTwo = resolveEngineConfig({ maxDevicesPerRoom: 2 });
    const room = createRoomState("r", T0);
    const on = (id: string, device: string, t: number) => applyFalsification(room, join("r", t, actor(id, { device, ip: "10.0.1.0/24" })), devicesOfTwo);
    on("a", "d1", T0);
    const a = room.accounts.get("a")!;
    expect([room.devices.get("d1"), deviceCount(room, a)]).toEqual(["a", 1]);
    on("b", "d1", T0 + 1);
    expect([room.devices.get("d1"), deviceCount(room, a), deviceCount(room, room.accounts.get("b")!)]).toEqual([["a", "b"], 2, 2]);

    // "c" alone on d2 counts 1; two newer devices drop d2, and another account takes it over, alone and then shared:
    // "c" still sits on d2, and counts what the lookup of d2 finds each time.
    on("c", "d2", T0 + 2);
    const c = room.accounts.get("c")!;
    expect(deviceCount(room, c)).toBe(1);
    on("d", "d3", T0 + 3);
    on("e", "d4", T0 + 4);
    expect(deviceCount(room, c)).toBeUndefined();
    on("f", "d2", T0 + 5);
    expect(deviceCount(room, c)).toBe(1);
    on("g", "d2", T0 + 6);
    expect([room.devices.get("d2"), deviceCount(room, c)]).toEqual([["f", "g"], 2]);
  });
});
