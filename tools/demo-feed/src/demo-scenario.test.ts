import { CrewDetector, RoomContextTracker } from "@redline/crews";
import { join } from "node:path";
import { createPipeline, drainAccountActivity, InProcessTables, SettledPipeline } from "@redline/pipeline";
import { fixedPolicy, loadPolicyFile } from "@redline/policy";
import { Severity } from "@redline/proto";
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

  it("has one cross-room crew, which the crew detector names behind the engine, and nobody else", () => {
    const s = demoScenario(1, Date.UTC(2026, 10, 29, 9, 0, 0), undefined, "demo-dddd-1");
    const crewRoom = (roomId: string) => roomId.startsWith("demo-dddd-1-crew-room-");
    // The crew's rooms through the engine's pipeline, as the service and replay see them (the other rooms cost seconds).
    const pipeline = createPipeline({ accountActivity: true });
    const detector = new CrewDetector();
    const findings = [];
    for (const e of s.events.filter((x) => crewRoom(x.roomId))) {
      pipeline.push(e);
      findings.push(...detector.ingestAll(drainAccountActivity(pipeline)));
    }
    pipeline.end();
    findings.push(...detector.ingestAll(drainAccountActivity(pipeline)));
    const named = findings.filter((f) => f.level === "account" && f.severity >= Severity.SEVERITY_MEDIUM);
    expect(named.length).toBeGreaterThan(0);
    expect(new Set(named.flatMap((f) => f.accounts))).toEqual(new Set(Array.from({ length: 5 }, (_, i) => `demo-dddd-1-crew-acct-${i}`)));
    expect(new Set(findings.filter((f) => f.level === "room").map((f) => f.roomId))).toEqual(new Set([0, 1, 2, 3].map((k) => `demo-dddd-1-crew-room-${k}`)));
    // The whole demo, every room: no other account is named at MEDIUM or above.
    const rooms = new RoomContextTracker();
    const all = new CrewDetector().ingestAll(s.events.map((e) => rooms.toActivity(e)).filter((a) => a !== undefined));
    const namedAll = all.filter((f) => f.level === "account" && f.severity >= Severity.SEVERITY_MEDIUM).flatMap((f) => f.accounts);
    expect(new Set(namedAll)).toEqual(new Set(named.flatMap((f) => f.accounts)));
  });

  it("acts on each room its crew worked, through the room's own policy, as npm start's risk engine does", () => {
    const s = demoScenario(1, Date.UTC(2026, 10, 29, 9, 0, 0), undefined, "demo-eeee-1");
    const crewRoom = (roomId: string) => roomId.startsWith("demo-eeee-1-crew-room-");
    const lastCrewMs = Math.max(...s.events.filter((e) => crewRoom(e.roomId)).map((e) => e.eventTimeMs));
    // The crew's rooms, and the rest of the demo for a few minutes more: a minute's room alerts are acted on once the
    // table has passed it, which the other rooms' traffic does in the demo.
    const events = s.events.filter((e) => crewRoom(e.roomId) || e.eventTimeMs <= lastCrewMs + 3 * 60_000);
    const policy = fixedPolicy(loadPolicyFile(join(__dirname, "..", "..", "..", "deploy", "policy", "default-policy.json")));
    const pipeline = new SettledPipeline({ policy }, new InProcessTables({ crews: true }));
    const outputs = [...events.flatMap((e) => pipeline.push(e)), ...pipeline.end()];
    const crewActions = outputs.flatMap((o) => ("action" in o && o.action.subcategory === "CROSS_ROOM_COORDINATION" ? [o.action] : []));
    expect(new Set(crewActions.map((a) => a.roomId))).toEqual(new Set([0, 1, 2, 3].map((k) => `demo-eeee-1-crew-room-${k}`)));
    expect(crewActions.every((a) => a.platform === "demo")).toBe(true);
  });
});
