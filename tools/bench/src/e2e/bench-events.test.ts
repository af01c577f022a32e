import type { LiveEvent } from "@redline/proto";
import { KindCounter, rekeyed, withoutTexts } from "./bench-events";

const actorNo = (i: number) => ({ userId: `u${i}`, accountCreatedMs: 0, deviceId: "d1", ipPrefix: "198.51.100.0/24", ageBand: 1, realNameVerified: true });
/** Every event by its own account, unless `by` names one. */
const comment = (i: number, by = i): LiveEvent => ({
  eventId: `sim-${i}`,
  roomId: `sim-room-${i % 3}`,
  eventTimeMs: 1_000 + i,
  platform: "p",
  body: { $case: "comment", value: { commentId: `c${i}`, author: actorNo(by), text: "so cute" } },
});
const like = (i: number, by = i): LiveEvent => ({ eventId: `sim-${i}`, roomId: "sim-room-0", eventTimeMs: 1_000 + i, platform: "p", body: { $case: "like", value: { user: actorNo(by), count: 1 } } });
const source = (n: number): LiveEvent[] => Array.from({ length: n }, (_, i) => (i % 4 === 0 ? comment(i) : like(i)));

describe("rekeyed", () => {
  it("redraws room keys from Zipf with unique ids, the same for the same seed, and keeps the rest", () => {
    const opts = { seed: 3, rooms: 500, zipfS: 1.1, withText: true };
    const a = [...rekeyed(source(20_000), opts)];
    expect([...rekeyed(source(20_000), opts)].map((e) => e.roomId)).toEqual(a.map((e) => e.roomId));
    expect(new Set(a.map((e) => e.eventId)).size).toBe(a.length);
    expect(a[5]!.eventTimeMs).toBe(1_005);
    const perRoom = new Map<string, number>();
    for (const e of a) perRoom.set(e.roomId, (perRoom.get(e.roomId) ?? 0) + 1);
    // Rank 0 of 500 at s = 1.1 has about 18 % of the draws, rank 1 about 8 %.
    expect(perRoom.get("room-0")! / a.length).toBeGreaterThan(0.15);
    expect(perRoom.get("room-0")!).toBeGreaterThan(perRoom.get("room-1")! * 1.8);
    const kinds = new KindCounter();
    for (const e of a) kinds.add(e);
    expect(kinds.shares()).toEqual([
      { kind: "like", count: 15_000, share: 0.75 },
      { kind: "comment", count: 5_000, share: 0.25 },
    ]);
  });

  it("keeps an account's events in its simulated room together in one room", () => {
    const events = [...rekeyed([like(1, 7), comment(3, 7), like(4, 7), like(5, 8)], { seed: 5, rooms: 1000, zipfS: 1.1, withText: true })];
    expect(events[1]!.roomId).toBe(events[0]!.roomId);
    expect(events[2]!.roomId).toBe(events[0]!.roomId);
  });

  it("empties comment texts when asked and leaves other events alone", () => {
    const events = [...rekeyed(source(8), { seed: 1, rooms: 10, zipfS: 1, withText: false })];
    const c = events.find((e) => e.body?.$case === "comment")!;
    expect(c.body?.$case === "comment" && c.body.value.text).toBe("");
    const l = like(1);
    expect(withoutTexts(l)).toBe(l);
  });
});
