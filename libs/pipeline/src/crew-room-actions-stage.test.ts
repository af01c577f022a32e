import { crewAlert, crewRoomTableEntry, type CrewRoomFinding } from "@redline/crews";
import type { PipelineOutput } from "@redline/engine";
import { Alert, type ControlAction, Severity } from "@redline/proto";
import { createPipeline } from "./create-pipeline";
import { CrewRoomAlerts } from "./crew-room-alerts";
import { CrewRoomValueError } from "./errors";
import { captureSnapshot, decodeSnapshot, restorePipeline } from "./pipeline-snapshot";
import { shippedPolicy, started, T0 } from "./testing/fixtures";

const M = 60_000;

function roomFinding(roomId: string, crewId: string, severity: Severity, eventTimeMs: number): CrewRoomFinding {
  return { level: "room", category: "DATA_FALSIFICATION", subcategory: "CROSS_ROOM_COORDINATION", crewId, roomId, severity, score: 0.7, eventTimeMs, eventId: `e-${eventTimeMs}`, accounts: ["c1", "c2", "c3"], firstMs: eventTimeMs - 5 * M, lastMs: eventTimeMs - M };
}

/** A table whose producer has promised through `frontierMs` (readyThroughMs as MinuteVersionedTable computes it). */
function tableAt(frontierMs: number): { readyThroughMs(): number; frontierMs: number } {
  return {
    frontierMs,
    readyThroughMs() {
      return Math.floor((this.frontierMs + 1) / M) * M + M - 1;
    },
  };
}

const actions = (outputs: PipelineOutput[]): ControlAction[] => outputs.flatMap((o) => ("action" in o ? [o.action] : []));

describe("CrewRoomAlerts", () => {
  it("keeps an alert once and hands out a range of minutes in (minute, time, id) order, for the rooms asked for", () => {
    const store = new CrewRoomAlerts();
    const late = crewAlert(roomFinding("room-a", "crew-1", Severity.SEVERITY_MEDIUM, T0 + 2 * M + 50_000));
    const early = crewAlert(roomFinding("room-b", "crew-1", Severity.SEVERITY_MEDIUM, T0 + 2 * M + 10_000));
    const before = crewAlert(roomFinding("room-a", "crew-2", Severity.SEVERITY_MEDIUM, T0 + M + 30_000));
    store.put(T0 + 2 * M, late);
    store.put(T0 + 2 * M, early);
    store.put(T0 + 2 * M, late);
    store.put(T0 + M, before);
    expect(store.size).toBe(3);
    expect(store.alertsIn(Number.NEGATIVE_INFINITY, T0 + 3 * M, () => true).map((a) => a.alertId)).toEqual([before.alertId, early.alertId, late.alertId]);
    expect(store.alertsIn(T0 + 2 * M, T0 + 3 * M, (room) => room === "room-a")).toEqual([late]);
    expect(store.alertsIn(Number.NEGATIVE_INFINITY, T0 + 2 * M, () => true)).toEqual([before]);
  });

  it("reads a value from the table topic, refusing one that is not the alert its key names", () => {
    const store = new CrewRoomAlerts();
    const { key, alert } = crewRoomTableEntry(roomFinding("room-a", "crew-1", Severity.SEVERITY_MEDIUM, T0));
    expect(store.takes(key)).toBe(true);
    expect(store.takes("account-1")).toBe(false);
    store.putRecord(key, T0, Buffer.from(Alert.encode(alert).finish()));
    expect(store.alertsIn(T0, T0 + M, () => true)).toEqual([alert]);
    const other = crewAlert(roomFinding("room-b", "crew-1", Severity.SEVERITY_MEDIUM, T0));
    expect(() => store.putRecord(key, T0, Buffer.from(Alert.encode(other).finish()))).toThrow(CrewRoomValueError);
  });

  it("stays bounded: minutes past the retention behind the newest, and the oldest past the cap, are dropped", () => {
    const store = new CrewRoomAlerts({ maxAlerts: 3, retainMs: 10 * M });
    for (let i = 0; i < 5; i++) store.put(T0 + i * M, crewAlert(roomFinding(`room-${i}`, "crew-1", Severity.SEVERITY_MEDIUM, T0 + i * M)));
    expect(store.size).toBe(3);
    expect(store.alertsIn(Number.NEGATIVE_INFINITY, T0 + 10 * M, () => true).map((a) => a.roomId)).toEqual(["room-2", "room-3", "room-4"]);
    store.put(T0 + 30 * M, crewAlert(roomFinding("room-9", "crew-1", Severity.SEVERITY_MEDIUM, T0 + 30 * M)));
    expect(store.alertsIn(Number.NEGATIVE_INFINITY, T0 + 40 * M, () => true).map((a) => a.roomId)).toEqual(["room-9"]);
  });
});

describe("CrewRoomActionsStage", () => {
  const findingMs = T0 + 5 * M + 20_000;
  const alertA = crewAlert(roomFinding("room-a", "crew-1", Severity.SEVERITY_MEDIUM, findingMs));
  const alertB = crewAlert(roomFinding("room-b", "crew-1", Severity.SEVERITY_MEDIUM, findingMs));

  it("acts on a room alert once the table is past its minute, once, without passing the alert on", () => {
    const store = new CrewRoomAlerts();
    store.put(findingMs, alertA);
    const table = tableAt(T0 + 6 * M - 2);
    const pipeline = createPipeline({ policy: shippedPolicy(), crewRoomAlerts: { alerts: store, ready: table } });
    pipeline.push(started("room-a", T0, 30));
    expect(pipeline.idle()).toEqual([]);
    // The producer has not finished the finding's minute: another alert of it may still come.
    expect(pipeline.applyHeld()).toEqual([]);
    table.frontierMs = T0 + 6 * M - 1;
    const out = pipeline.applyHeld();
    expect(out.every((o) => "action" in o)).toBe(true);
    const acted = actions(out);
    expect(acted.map((a) => [a.roomId, a.alertId, a.subcategory, a.platform])).toEqual([["room-a", alertA.alertId, "CROSS_ROOM_COORDINATION", "test"]]);
    expect(acted[0]!.issuedAtMs).toBe(findingMs);
    expect(pipeline.applyHeld()).toEqual([]);
    expect(pipeline.idle()).toEqual([]);
  });

  it("acts only for the rooms it owns, and a restored pipeline does not act again", () => {
    const store = new CrewRoomAlerts();
    store.put(findingMs, alertA);
    store.put(findingMs, alertB);
    const table = tableAt(T0 + 10 * M);
    const spec = { policy: shippedPolicy(), crewRoomAlerts: { alerts: store, ready: table, owns: (room: string) => room === "room-b" } };
    const pipeline = createPipeline(spec);
    expect(actions(pipeline.applyHeld()).map((a) => a.roomId)).toEqual(["room-b"]);
    const snap = decodeSnapshot("0", captureSnapshot(pipeline, { partition: 0, offsets: {}, takenAtMs: 0 }, 0).finish());
    const restored = restorePipeline(snap, spec);
    table.frontierMs = T0 + 20 * M;
    expect(restored.applyHeld()).toEqual([]);
  });

  it("gives the same actions whatever order the alerts arrived in and however the rooms are split", () => {
    // Two findings for one room in one minute: the second falls in the first's cooldown, so order decides which acts.
    const high = crewAlert(roomFinding("room-a", "crew-2", Severity.SEVERITY_HIGH, findingMs + 5_000));
    const run = (order: Alert[], owners: Array<(room: string) => boolean>): string[] => {
      const store = new CrewRoomAlerts();
      for (const a of order) store.put(findingMs, a);
      const table = tableAt(T0 + 10 * M);
      return owners.flatMap((owns) => actions(createPipeline({ policy: shippedPolicy(), crewRoomAlerts: { alerts: store, ready: table, owns } }).applyHeld()).map((a) => `${a.roomId} ${a.alertId} ${a.actionId}`)).sort();
    };
    const whole = run([alertA, high, alertB], [() => true]);
    expect(whole).toHaveLength(2);
    expect(whole.some((line) => line.includes(alertA.alertId))).toBe(true);
    expect(run([alertB, high, alertA], [(r) => r === "room-a", (r) => r !== "room-a"])).toEqual(whole);
  });
});
