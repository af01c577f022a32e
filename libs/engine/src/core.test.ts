import { EventHeap } from "./event-heap";
import { addEvidence } from "./evidence";
import type { EvidenceItem } from "./evidence";
import { decodeState, encodeState } from "./state-codec";
import { SnapshotFormatError } from "./errors";
import { combine, ramp, severityOf } from "./detectors/scoring";
import { Severity } from "@redline/proto";
import { actor, join, seeded, T0 } from "./testing/event-builders";

describe("EventHeap", () => {
  it("pops in (eventTimeMs, eventId) order whatever the push order", () => {
    const rand = seeded(1);
    const heap = new EventHeap();
    const events = Array.from({ length: 500 }, (_, i) => ({ ...join("r", T0 + Math.floor(rand() * 50), actor("u")), eventId: `id${String(i).padStart(4, "0")}` }));
    for (const e of events) heap.push(e);
    const popped: string[] = [];
    for (let e = heap.pop(); e !== undefined; e = heap.pop()) popped.push(`${e.eventTimeMs}:${e.eventId}`);
    const expected = events.map((e) => `${e.eventTimeMs}:${e.eventId}`).sort();
    expect(popped).toEqual(expected);
  });
});

describe("evidence", () => {
  it("keeps the heaviest items, heaviest first, ties to the earlier event, bounded", () => {
    const list: EvidenceItem[] = [];
    for (let i = 0; i < 50; i++) addEvidence(list, { eventId: `e${i}`, weight: i % 7, timeMs: i }, 5);
    expect(list.map((e) => e.eventId)).toEqual(["e6", "e13", "e20", "e27", "e34"]);
  });
});

describe("state codec", () => {
  it("round-trips maps (in insertion order), typed arrays and nested plain data", () => {
    const state = { m: new Map([["b", { x: new Float64Array([1.5, -2]) }], ["a", { x: new Float64Array([0.1]) }]]), u: new Uint8Array([1, 2, 255]), n: [1, "s", null] };
    const back = decodeState(encodeState(state)) as typeof state;
    expect([...back.m.keys()]).toEqual(["b", "a"]);
    expect(Array.from(back.m.get("b")!.x)).toEqual([1.5, -2]);
    expect(back.u).toBeInstanceOf(Uint8Array);
    expect(Array.from(back.u)).toEqual([1, 2, 255]);
    expect(back.m.get("b")!.x).toBeInstanceOf(Float64Array);
    expect(back.n).toEqual([1, "s", null]);
  });
  it("keeps numbers exact, non-finite ones included (JSON turned them into null)", () => {
    const back = decodeState(encodeState({ x: Number.POSITIVE_INFINITY, y: 0.1 + 0.2, z: 2 ** 53 + 2 })) as { x: number; y: number; z: number };
    expect(back.x).toBe(Number.POSITIVE_INFINITY);
    expect(back.y).toBe(0.1 + 0.2);
    expect(back.z).toBe(2 ** 53 + 2);
  });
  it("encodes each shape of record once: a thousand accounts cost far less than their JSON", () => {
    const accounts = new Map(Array.from({ length: 1000 }, (_, i) => [`user-${i}`, { joinMs: 1_700_000_000_000 + i, interacted: i % 2 === 0, deviceId: `d-${i}`, shortVisits: 0, maxTapsPerEvent: 3 }]));
    const json = JSON.stringify([...accounts.entries()]).length;
    expect(encodeState({ accounts }).byteLength).toBeLessThan(json / 2);
  });
  it("refuses the JSON snapshots of earlier releases (#13: old formats are rebuilt, not read)", () => {
    const legacy = Buffer.from(JSON.stringify({ m: { $map: [["b", { x: { $f64: Buffer.from(new Float64Array([1.5]).buffer).toString("base64") } }]] }, u: { $u8: "AQL/" }, n: 3 }));
    expect(() => decodeState(legacy)).toThrow(SnapshotFormatError);
  });
  it("refuses bytes that are not MessagePack state", () => {
    expect(() => decodeState(Buffer.from("{not json"))).toThrow(SnapshotFormatError);
    // A map header promising five entries and holding none; a lone integer.
    expect(() => decodeState(new Uint8Array([0x85]))).toThrow(SnapshotFormatError);
    expect(() => decodeState(new Uint8Array([0x05]))).toThrow(SnapshotFormatError);
  });
});

describe("scoring", () => {
  it("ramps, combines as a noisy-or and explains contributions that sum to the score", () => {
    expect(ramp(0.1, 0.2, 0.6)).toBe(0);
    expect(ramp(0.4, 0.2, 0.6)).toBeCloseTo(0.5);
    expect(ramp(0.9, 0.2, 0.6)).toBe(1);
    const { score, signals } = combine([
      { name: "a", value: 1, strength: 1, weight: 0.8 },
      { name: "b", value: 0.5, strength: 0.5, weight: 0.4 },
      { name: "c", value: 0, strength: 0, weight: 0.9 },
    ]);
    expect(score).toBeCloseTo(1 - 0.2 * 0.8, 3);
    expect(signals.map((s) => s.name)).toEqual(["a", "b", "c"]);
    expect(signals.reduce((a, s) => a + s.contribution, 0)).toBeCloseTo(score, 3);
    expect(signals[2]!.contribution).toBe(0);
  });
  it("maps scores to severities", () => {
    expect(severityOf(0.6)).toBe(Severity.SEVERITY_LOW);
    expect(severityOf(0.75)).toBe(Severity.SEVERITY_MEDIUM);
    expect(severityOf(0.9)).toBe(Severity.SEVERITY_HIGH);
    expect(severityOf(0.99)).toBe(Severity.SEVERITY_CRITICAL);
  });
});
