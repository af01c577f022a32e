import { demoScenario } from "./demo-scenario";

describe("demoScenario", () => {
  it("names every room and event after the run's prefix, so a rerun does not land in the last run's rooms", () => {
    const start = Date.UTC(2026, 10, 29, 9, 0, 0);
    const a = demoScenario(1, start, undefined, "demo-aaaa-1");
    const b = demoScenario(1, start, undefined, "demo-bbbb-1");
    expect(a.events.length).toBe(b.events.length);
    expect(a.events.every((e) => e.roomId.startsWith("demo-aaaa-1-"))).toBe(true);
    expect(b.events.every((e) => e.roomId.startsWith("demo-bbbb-1-"))).toBe(true);
    const idsOfB = new Set(b.events.map((e) => e.eventId));
    const shared = a.events.filter((e) => idsOfB.has(e.eventId));
    expect(shared).toEqual([]);
    // Same traffic otherwise: same event times in the same order.
    expect(a.events.map((e) => e.eventTimeMs)).toEqual(b.events.map((e) => e.eventTimeMs));
    expect(a.rooms.map((r) => r.expect)).toEqual(b.rooms.map((r) => r.expect));
  });

  it("has a misleading-claims room whose product facts are listed for it", () => {
    const s = demoScenario(1, Date.UTC(2026, 10, 29, 9, 0, 0), undefined, "demo-cccc-1");
    expect(s.products.map((p) => p.listings[0]?.roomId)).toEqual(["demo-cccc-1-claims"]);
    expect(s.events.filter((e) => e.body?.$case === "transcript" && e.body.value.skuId === s.products[0]!.skuId).length).toBeGreaterThan(3);
  });
});
