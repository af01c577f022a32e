import { RiskEngine } from "./engine";
import { EngineConfigError, SnapshotFormatError } from "./errors";
import { encodeState } from "./state-codec";
import type { LiveEvent } from "@redline/proto";
import { actor, join, leave, like, roomEnded, seeded, T0 } from "./testing/event-builders";
import { organicRoom } from "./testing/organic";

/** A room with a farm-phone like attack from minute 3, so there is something to alert on. */
function attackedStream(): LiveEvent[] {
  const events = organicRoom("room-a", { seed: 1, viewersPerMinute: 40, durationMs: 10 * 60_000 });
  for (let phone = 0; phone < 3; phone++) {
    for (let a = 0; a < 12; a++) {
      const bot = actor(`farm-${phone}-${a}`, { device: `phone-${phone}`, createdMs: T0 - 86_400_000 });
      events.push(join("room-a", T0 + 170_000 + a * 100, bot));
      for (let k = 0; k < 30; k++) events.push(like("room-a", T0 + 180_000 + k * 4_000 + phone * 300 + a * 37, bot, 5));
    }
  }
  return events.sort((a, b) => a.eventTimeMs - b.eventTimeMs || (a.eventId < b.eventId ? -1 : 1));
}

function run(events: readonly LiveEvent[], engine = new RiskEngine()): string[] {
  const out: string[] = [];
  for (const e of events) for (const o of engine.ingest(e).outputs) out.push(JSON.stringify(o.alert));
  for (const o of engine.flush().outputs) out.push(JSON.stringify(o.alert));
  return out;
}

/** Displaces each event by up to `maxMs` of arrival order, as topic interleaving would. */
function jitter(events: readonly LiveEvent[], maxMs: number, seed: number): LiveEvent[] {
  const rand = seeded(seed);
  return events
    .map((e) => ({ e, key: e.eventTimeMs + rand() * maxMs }))
    .sort((a, b) => a.key - b.key)
    .map((x) => x.e);
}

describe("RiskEngine", () => {
  it("alerts on the attack and gives identical output for any arrival order within the lateness bound", () => {
    const stream = attackedStream();
    const inOrder = run(stream);
    expect(inOrder.length).toBeGreaterThan(0);
    expect(run(jitter(stream, 4_000, 7))).toEqual(inOrder);
    expect(run(jitter(stream, 4_000, 8))).toEqual(inOrder);
  });

  it("returns from each call the events it applied and the outputs it raised, each once, in order", () => {
    const engine = new RiskEngine();
    const stream = attackedStream();
    const steps = [...stream.map((e) => engine.ingest(e)), engine.flush()];
    const applied = steps.flatMap((s) => s.applied.map((e) => e.eventId));
    expect(applied).toEqual(stream.map((e) => e.eventId));
    expect(steps.reduce((n, s) => n + s.outputs.length, 0)).toBe(engine.counters().alertsRaised);
    // Each alert comes before the observation of the event it was raised on, and after those before it.
    for (const s of steps) {
      expect(s.outputsThrough).toHaveLength(s.applied.length);
      s.outputs.forEach((o, i) => {
        const at = s.outputsThrough.findIndex((through) => through > i);
        expect(at).toBeGreaterThanOrEqual(0);
        expect(s.applied[at]!.eventTimeMs).toBe(o.alert.eventTimeMs);
      });
    }
    // Nothing is held back for a second caller.
    expect(engine.flush()).toEqual({ applied: [], outputs: [], outputsThrough: [] });
    expect(engine.ingest({ ...stream[stream.length - 1]! })).toEqual({ applied: [], outputs: [], outputsThrough: [] });
  });

  it("counts events later than the lateness bound and still applies them", () => {
    const engine = new RiskEngine({ allowedLatenessMs: 1_000 });
    const u = actor("u1");
    engine.ingest(join("r", T0 + 10_000, u));
    engine.ingest(join("r", T0 + 20_000, actor("u2")));
    engine.ingest(leave("r", T0 + 5_000, u));
    const c = engine.counters();
    expect(c.lateEvents).toBe(1);
    expect(c.eventsApplied).toBe(2);
    engine.flush();
    expect(engine.counters().eventsApplied).toBe(3);
    // The cheap per-batch counts agree with the full ones, flush included.
    const { eventsApplied, lateEvents, idleAdvances } = engine.eventCounts();
    expect({ eventsApplied, lateEvents, idleAdvances }).toEqual({ eventsApplied: 3, lateEvents: 1, idleAdvances: 1 });
  });

  it("counts a record published twice once, across a snapshot, and forgets ids past the window", () => {
    const twice = (e: LiveEvent): LiveEvent[] => [e, { ...e }];
    const u = actor("u1");
    const events = [...twice(like("r", T0, u, 50)), join("r", T0 + 1_000, actor("u2")), ...twice(like("r", T0 + 2_000, u, 50))];
    const engine = new RiskEngine({ allowedLatenessMs: 1_000, dedupeWindowMs: 5_000 });
    for (const e of events.slice(0, 3)) engine.ingest(e);
    const restored = RiskEngine.restore(engine.snapshot(), { allowedLatenessMs: 1_000, dedupeWindowMs: 5_000 });
    for (const e of events.slice(3)) restored.ingest(e);
    // The first like again, after the snapshot: still a duplicate.
    restored.ingest({ ...events[0]! });
    restored.flush();
    expect(restored.counters().duplicateEvents).toBe(3);
    expect(restored.counters().eventsApplied).toBe(3);
    // Long after, the window has passed: the same id is applied again (as a late event).
    restored.ingest(join("r", T0 + 120_000, actor("u3")));
    restored.ingest({ ...events[0]! });
    expect(restored.counters().duplicateEvents).toBe(3);
    expect(restored.counters().lateEvents).toBe(1);
    // Off: every record counts.
    const off = new RiskEngine({ dedupeWindowMs: 0 });
    for (const e of events) off.ingest(e);
    off.flush();
    expect(off.counters().eventsApplied).toBe(5);
  });

  it("holds at most maxRooms rooms, dropping the one quiet the longest and counting it", () => {
    const engine = new RiskEngine({ maxRooms: 2, allowedLatenessMs: 0 });
    // "a" arrives first but stays busy; "b" goes quiet: "c" pushes out "b", not "a".
    const arrivals: Array<[string, number]> = [["a", 0], ["b", 1], ["a", 5], ["c", 6], ["a", 7], ["b", 8]];
    for (const [room, s] of arrivals) engine.ingest(join(room, T0 + s * 1_000, actor(`u${room}${s}`)));
    engine.flush();
    // "b" was dropped for "c"; when "b" came back, the quieter of "a" (7 s) and "c" (6 s) made room.
    expect(engine.counters().roomsEvicted).toBe(2);
    expect(engine.counters().roomsReleased).toBe(0);
    const held = engine.snapshot();
    const restored = RiskEngine.restore(held, { maxRooms: 2, allowedLatenessMs: 0 });
    restored.ingest(join("d", T0 + 9_000, actor("ud")));
    restored.flush();
    // A room busy with an event every 100 ms counts as active too, not only one with gaps.
    const busy = new RiskEngine({ maxRooms: 2, allowedLatenessMs: 0 });
    busy.ingest(join("a", T0, actor("a0")));
    busy.ingest(join("b", T0 + 50, actor("b0")));
    for (let t = 100; t <= 3_000; t += 100) busy.ingest(join("a", T0 + t, actor(`a${t}`)));
    busy.ingest(join("c", T0 + 3_100, actor("c0")));
    busy.ingest(join("a", T0 + 3_200, actor("a-last")));
    busy.flush();
    expect(busy.counters().roomsEvicted).toBe(1); // "b" went; "a" was still held at 3.2 s
    // The order survives a snapshot: "a" (7 s) is now the quietest and goes, "b" stays.
    expect(restored.counters().roomsEvicted).toBe(3);
    restored.ingest(join("b", T0 + 10_000, actor("ub10")));
    restored.flush();
    expect(restored.counters().roomsEvicted).toBe(3);
  });

  it("continues identically after snapshot and restore mid-stream", () => {
    const stream = jitter(attackedStream(), 3_000, 3);
    const whole = run(stream);
    const half = Math.floor(stream.length / 2);
    const first = new RiskEngine();
    const out: string[] = [];
    for (const e of stream.slice(0, half)) for (const o of first.ingest(e).outputs) out.push(JSON.stringify(o.alert));
    const restored = RiskEngine.restore(first.snapshot());
    for (const e of stream.slice(half)) for (const o of restored.ingest(e).outputs) out.push(JSON.stringify(o.alert));
    for (const o of restored.flush().outputs) out.push(JSON.stringify(o.alert));
    expect(out).toEqual(whole);
    expect(restored.counters().eventsApplied).toBe(stream.length);
  });

  it("releases a room after its end plus grace and after idleness", () => {
    const engine = new RiskEngine({ allowedLatenessMs: 0, roomGraceMs: 60_000, roomIdleMs: 300_000 });
    engine.ingest(join("ends", T0, actor("a")));
    engine.ingest(roomEnded("ends", T0 + 1_000));
    engine.ingest(join("idle", T0 + 1_000, actor("b")));
    engine.ingest(join("live", T0 + 100_000, actor("c")));
    expect(engine.counters().roomsTracked).toBe(2);
    engine.ingest(join("live", T0 + 400_000, actor("d")));
    expect(engine.counters().roomsTracked).toBe(1);
    expect(engine.counters().roomsReleased).toBe(2);
  });

  it("keeps memory flat over many rooms: state is released as rooms end", () => {
    const engine = new RiskEngine({ allowedLatenessMs: 0, roomGraceMs: 10_000 });
    for (let r = 0; r < 500; r++) {
      const t = T0 + r * 60_000;
      for (let u = 0; u < 50; u++) engine.ingest(join(`room-${r}`, t + u, actor(`u${r}-${u}`)));
      engine.ingest(roomEnded(`room-${r}`, t + 1_000));
    }
    expect(engine.counters().roomsTracked).toBeLessThanOrEqual(2);
  });

  it("rejects invalid config naming the option", () => {
    expect(() => new RiskEngine({ maxRooms: 0 })).toThrow(EngineConfigError);
    expect(() => new RiskEngine({ roomIdleMs: 10, allowedLatenessMs: 100 })).toThrow(/roomIdleMs/);
  });

  it("refuses snapshot bytes it cannot read", () => {
    expect(() => RiskEngine.restore(new TextEncoder().encode("{\"version\":99}"))).toThrow(SnapshotFormatError);
    expect(() => RiskEngine.restore(new TextEncoder().encode("not json"))).toThrow(SnapshotFormatError);
    // MessagePack, but not an engine's state: a version-4 snapshot's outer fields without rooms.
    expect(() => RiskEngine.restore(encodeState({ version: 4, progress: { counters: {} }, buffered: [] }))).toThrow(SnapshotFormatError);
  });

  it("derives alert ids from room, subcategory and event-time episode only", () => {
    const a = run(attackedStream()).map((s) => JSON.parse(s).alertId);
    const b = run(attackedStream()).map((s) => JSON.parse(s).alertId);
    expect(a).toEqual(b);
    expect(a[0]).toMatch(/^al_[0-9a-f]{16}$/);
  });
});
