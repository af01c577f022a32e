import { LiveEvent } from "@redline/proto";
import { EventTimePacer } from "./event-time-pacer";

const NOW = Date.UTC(2026, 11, 3, 12, 0, 0);

function follow(id: string, eventTimeMs: number): LiveEvent {
  return LiveEvent.fromPartial({
    eventId: id,
    roomId: "r",
    eventTimeMs,
    body: { $case: "follow", value: { user: { userId: "u", accountCreatedMs: eventTimeMs - 86_400_000 } } },
  });
}

describe("EventTimePacer", () => {
  it("starts the stream now and keeps its gaps while publication keeps up with its clock", () => {
    const pacer = new EventTimePacer();
    const times = [pacer.retime(follow("a", 1_000), NOW), pacer.retime(follow("b", 3_000), NOW + 2_500), pacer.retime(follow("c", 4_000), NOW + 9_000)];
    expect(times.map((e) => e.eventTimeMs)).toEqual([NOW, NOW + 2_000, NOW + 3_000]);
    expect(pacer.pulledBackMs).toBe(0);
  });

  it("never lets an event run ahead of the wall clock when published faster than its clock advances, and keeps order", () => {
    const pacer = new EventTimePacer();
    // One event per simulated minute, handed over every 100 ms: shifted once, the tenth would be 9 min ahead.
    const out = Array.from({ length: 10 }, (_, i) => pacer.retime(follow(`e${i}`, i * 60_000), NOW + i * 100));
    out.forEach((e, i) => expect(e.eventTimeMs).toBeLessThanOrEqual(NOW + i * 100));
    for (let i = 1; i < out.length; i++) expect(out[i]!.eventTimeMs).toBeGreaterThanOrEqual(out[i - 1]!.eventTimeMs);
    expect(pacer.pulledBackMs).toBe(9 * (60_000 - 100));
    // Account ages are kept.
    for (const e of out) if (e.body?.$case === "follow") expect(e.eventTimeMs - e.body.value.user!.accountCreatedMs).toBe(86_400_000);
  });

  it("keeps an event that is behind the wall clock where it is (the shift only shrinks)", () => {
    const pacer = new EventTimePacer();
    pacer.retime(follow("a", 0), NOW);
    pacer.retime(follow("b", 60_000), NOW + 1_000); // pulled back to NOW + 1 s
    expect(pacer.retime(follow("c", 61_000), NOW + 10_000).eventTimeMs).toBe(NOW + 2_000);
  });
});
