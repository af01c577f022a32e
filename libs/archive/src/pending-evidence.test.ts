import { PendingEvidence } from "./pending-evidence";

const HOUR = 3_600_000;

describe("PendingEvidence", () => {
  it("keeps waiting however long the archiver lags, until the alert's event time plus the window", () => {
    const alertTimeMs = 1_000_000;
    const pending = new PendingEvidence({ lookupWindowMs: 48 * HOUR, maxAlerts: 10 });
    pending.add("a1", "room-1", alertTimeMs, ["e1", "e2"], alertTimeMs);
    // A 5-minute outage, then an hour's backlog: a wall-clock bound of 120 s gave up here (issue 17).
    expect(pending.expire(alertTimeMs + 65 * 60_000)).toEqual([]);
    expect(pending.eventCount).toBe(2);
    const expired = pending.expire(alertTimeMs + 48 * HOUR);
    expect(expired.map((a) => [a.citation.alertId, a.reason, a.citation.eventIds])).toEqual([["a1", "retention", ["e1", "e2"]]]);
    expect(pending.alertCount).toBe(0);
    expect(pending.eventCount).toBe(0);
  });

  it("forgets an alert once every cited event has been found, and only what was found", () => {
    const pending = new PendingEvidence({ lookupWindowMs: HOUR, maxAlerts: 10 });
    pending.add("a1", "room-1", 0, ["e1", "e2", "e3"], 0);
    pending.add("a2", "room-1", 0, ["e3"], 0);
    expect(pending.awaitsAny(["x", "e2"])).toBe(true);
    pending.found("a1", ["e1", "e2"]);
    expect(pending.awaitsAny(["e1", "e2"])).toBe(false);
    expect(pending.citations().map((c) => [c.alertId, c.eventIds])).toEqual([
      ["a1", ["e3"]],
      ["a2", ["e3"]],
    ]);
    pending.found("a1", ["e3"]);
    // Still awaited by a2.
    expect(pending.awaitsAny(["e3"])).toBe(true);
    pending.found("a2", ["e3"]);
    expect(pending.alertCount).toBe(0);
    expect(pending.eventCount).toBe(0);
    expect(pending.awaitsAny(["e3"])).toBe(false);
  });

  it("pushes out the alert waiting longest beyond its bound on alerts, as capacity", () => {
    const pending = new PendingEvidence({ lookupWindowMs: HOUR, maxAlerts: 2 });
    expect(pending.add("a1", "r", 0, ["e1"], 0)).toEqual([]);
    expect(pending.add("a2", "r", 0, ["e2", "e2"], 1)).toEqual([]);
    const out = pending.add("a3", "r", 0, ["e3"], 2);
    expect(out.map((a) => [a.citation.alertId, a.reason])).toEqual([["a1", "capacity"]]);
    expect(pending.eventCount).toBe(2);
    expect(pending.awaitsAny(["e1"])).toBe(false);
  });

  it("counts a redelivered alert once", () => {
    const pending = new PendingEvidence({ lookupWindowMs: HOUR, maxAlerts: 10 });
    pending.add("a1", "r", 0, ["e1", "e2"], 0);
    pending.add("a1", "r", 0, ["e1", "e2"], 5);
    expect(pending.alertCount).toBe(1);
    expect(pending.eventCount).toBe(2);
  });
});
