import { SeenEvents } from "./seen-events";

const T0 = 1_764_000_000_000;

describe("SeenEvents", () => {
  it("counts each event id once per room, however many ids a second holds", () => {
    const seen = new SeenEvents(30_000);
    const ids = Array.from({ length: 5_000 }, (_, i) => `ev-${i}`);
    expect(ids.every((id) => seen.firstSighting("r1", id, T0 + 200))).toBe(true);
    expect(ids.filter((id) => seen.firstSighting("r1", id, T0 + 700))).toEqual([]);
    expect(seen.firstSighting("r2", "ev-1", T0 + 700)).toBe(true);
    expect(seen.firstSighting("r1", "ev-1", T0 + 1_200)).toBe(true); // another second: its own ids
  });

  it("keeps ids in the order first seen through a snapshot, and forgets seconds behind the window", () => {
    const seen = new SeenEvents(30_000);
    for (const id of ["c", "a", "b"]) seen.firstSighting("r", id, T0);
    seen.firstSighting("r", "later", T0 + 40_000);
    const plain = seen.toPlain();
    expect(plain.map(([, ids]) => ids.length)).toEqual([3, 1]);
    const restored = SeenEvents.fromPlain(30_000, plain);
    expect(restored.toPlain()).toEqual(plain);
    expect(restored.firstSighting("r", "a", T0)).toBe(false);
    restored.forgetBefore(T0 + 40_000);
    expect(restored.firstSighting("r", "a", T0)).toBe(true);
    expect(restored.firstSighting("r", "later", T0 + 40_000)).toBe(false);
  });
});
