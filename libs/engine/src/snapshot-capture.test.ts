import type { LiveEvent } from "@redline/proto";
import type { EngineConfig } from "./config";
import { RiskEngine } from "./engine";
import { actor, join, like, T0 } from "./testing/event-builders";
import { organicRoom } from "./testing/organic";

/** Eight rooms at once, one of them under a farm-phone like attack, so rooms change, alert and (with a cap) are evicted. */
function manyRooms(): LiveEvent[] {
  const events: LiveEvent[] = [];
  for (let r = 0; r < 8; r++) events.push(...organicRoom(`room-${r}`, { seed: 10 + r, viewersPerMinute: 30, durationMs: 8 * 60_000, userPrefix: `r${r}-` }));
  for (let phone = 0; phone < 3; phone++) {
    for (let a = 0; a < 12; a++) {
      const bot = actor(`farm-${phone}-${a}`, { device: `phone-${phone}`, createdMs: T0 - 86_400_000 });
      events.push(join("room-3", T0 + 170_000 + a * 100, bot));
      for (let k = 0; k < 30; k++) events.push(like("room-3", T0 + 180_000 + k * 4_000 + phone * 300 + a * 37, bot, 5));
    }
  }
  return events.sort((a, b) => a.eventTimeMs - b.eventTimeMs || (a.eventId < b.eventId ? -1 : 1));
}

const alertsOf = (outputs: readonly { alert: unknown }[]): string[] => outputs.map((o) => JSON.stringify(o.alert));

describe("SnapshotCapture (#15: a snapshot encoded a slice of rooms at a time)", () => {
  const configs: Array<[string, Partial<EngineConfig>]> = [
    ["defaults", {}],
    // Three rooms at most: rooms are evicted and come back fresh while the capture is being encoded.
    ["a cap of three rooms", { maxRooms: 3 }],
  ];

  it.each(configs)("with %s, gives the full snapshot of the capture's instant while the engine goes on, and a restore continues identically", (_name, config) => {
    const stream = manyRooms();
    const whole = new RiskEngine(config);
    const wholeOut: string[] = [];
    for (const e of stream) wholeOut.push(...alertsOf(whole.ingest(e).outputs));
    wholeOut.push(...alertsOf(whole.flush().outputs));
    // Something to lose: alerts, or with the cap rooms evicted and started again.
    expect(wholeOut.length + whole.counters().roomsEvicted).toBeGreaterThan(0);

    const at = Math.floor(stream.length * 0.4);
    const engine = new RiskEngine(config);
    const out: string[] = [];
    for (const e of stream.slice(0, at)) out.push(...alertsOf(engine.ingest(e).outputs));
    const full = engine.snapshot();
    const capture = engine.captureSnapshot(1);
    // The engine goes on between slices: every room changes (or is dropped) before its slice's turn comes.
    let next = at;
    let steps = 0;
    while (capture.step()) {
      steps++;
      for (const e of stream.slice(next, next + 3)) engine.ingest(e);
      next += 3;
    }
    expect(steps).toBeGreaterThan(1);
    for (const e of stream.slice(next, next + 500)) engine.ingest(e);
    const sliced = capture.finish();

    // Same state as the full snapshot of that instant: a fresh snapshot of each restore is the same, byte for byte.
    const fromSliced = RiskEngine.restore(sliced, config);
    expect(Buffer.compare(Buffer.from(fromSliced.snapshot()), Buffer.from(RiskEngine.restore(full, config).snapshot()))).toBe(0);
    // And it continues from the capture as the engine did without a stop.
    for (const e of stream.slice(at)) out.push(...alertsOf(fromSliced.ingest(e).outputs));
    out.push(...alertsOf(fromSliced.flush().outputs));
    expect(out).toEqual(wholeOut);
  });

  it("lets two captures overlap, each holding its own instant", () => {
    const stream = manyRooms();
    const engine = new RiskEngine();
    const at = Math.floor(stream.length * 0.3);
    for (const e of stream.slice(0, at)) engine.ingest(e);
    const firstFull = engine.snapshot();
    const first = engine.captureSnapshot(2);
    first.step();
    for (const e of stream.slice(at, at + 300)) engine.ingest(e);
    const secondFull = engine.snapshot();
    const second = engine.captureSnapshot(2);
    for (const e of stream.slice(at + 300, at + 600)) engine.ingest(e);
    const [a, b] = [first.finish(), second.finish()];
    const again = (bytes: Uint8Array): Buffer => Buffer.from(RiskEngine.restore(bytes).snapshot());
    expect(again(a).equals(again(firstFull))).toBe(true);
    expect(again(b).equals(again(secondFull))).toBe(true);
    expect(again(a).equals(again(b))).toBe(false);
  });

  it("holds the events held at the capture, a chunk per step, whatever the engine applies meanwhile", () => {
    const stream = manyRooms();
    const engine = new RiskEngine();
    for (const e of stream.slice(0, 3_000)) engine.ingest(e);
    const held = engine.counters().bufferedEvents;
    expect(held).toBeGreaterThan(0);
    const capture = engine.captureSnapshot(32);
    for (const e of stream.slice(3_000, 6_000)) engine.ingest(e);
    engine.flush();
    expect(engine.counters().bufferedEvents).toBe(0);
    expect(RiskEngine.restore(capture.finish()).counters().bufferedEvents).toBe(held);
  });

  it("finishes an engine without rooms or held events", () => {
    const capture = new RiskEngine().captureSnapshot(4);
    expect(capture.step()).toBe(false);
    expect(capture.done).toBe(true);
    expect(RiskEngine.restore(capture.finish()).counters().roomsTracked).toBe(0);
  });
});
