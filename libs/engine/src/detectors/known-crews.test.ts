import type { Alert, LiveEvent } from "@redline/proto";
import { Severity } from "@redline/proto";
import { RiskEngine } from "../engine";
import { RiskPipeline } from "../pipeline";
import { actor, join, leave, like, T0 } from "../testing/event-builders";
import { organicRoom } from "../testing/organic";
import { createRoomState } from "../room-state";
import { DEFAULT_ENGINE_CONFIG, type EngineConfig } from "../config";
import { noteKnownCrewAccount, withKnownCrews, type AccountRiskAt } from "./known-crews";

const MIN = 60_000;

/** An ordinary room with `crew` accounts joining at minute 3, tapping a few likes each like any fan, and leaving. */
function roomWithCrew(crew: readonly string[]): LiveEvent[] {
  const events = organicRoom("room-k", { seed: 7, viewersPerMinute: 30, durationMs: 10 * MIN });
  crew.forEach((id, i) => {
    const a = actor(id, { device: `dev-${id}`, createdMs: T0 - 400 * 86_400_000 });
    events.push(join("room-k", T0 + 3 * MIN + i * 2_000, a));
    for (let k = 0; k < 3; k++) events.push(like("room-k", T0 + 3 * MIN + 30_000 + k * 20_000 + i * 1_000, a, 2));
    events.push(leave("room-k", T0 + 8 * MIN + i * 1_500, a));
  });
  return events.sort((a, b) => a.eventTimeMs - b.eventTimeMs || (a.eventId < b.eventId ? -1 : 1));
}

/** The table's answer: these accounts are in crew-x (HIGH) from `fromMs` on. */
function knownFrom(accounts: readonly string[], fromMs: number): AccountRiskAt {
  return (accountId, eventTimeMs) => (accounts.includes(accountId) && eventTimeMs >= fromMs ? { crewId: "crew-x", severity: Severity.SEVERITY_HIGH, score: 0.9 } : undefined);
}

function alerts(events: readonly LiveEvent[], accountRiskAt?: AccountRiskAt): Alert[] {
  const pipeline = new RiskPipeline(new RiskEngine({}, accountRiskAt === undefined ? {} : { accountRiskAt }));
  const out = [...events.flatMap((e) => pipeline.push(e)), ...pipeline.end()];
  return out.flatMap((o) => ("alert" in o ? [o.alert] : []));
}

describe("known crews (#21): a room's falsification finding reads the account-risk table", () => {
  const crew = ["crew-0", "crew-1", "crew-2", "crew-3"];

  it("raises nothing for a crew that works the room lightly while nobody knows it", () => {
    expect(alerts(roomWithCrew(crew)).filter((a) => a.subcategory === "FAKE_LIKES")).toEqual([]);
  });

  it("raises the kind's finding at MEDIUM or above once accounts of a known crew act, naming the crew and its accounts", () => {
    const found = alerts(roomWithCrew(crew), knownFrom(crew, T0)).filter((a) => a.subcategory === "FAKE_LIKES");
    expect(found).toHaveLength(1);
    const alert = found[0]!;
    expect(alert.severity).toBeGreaterThanOrEqual(Severity.SEVERITY_MEDIUM);
    expect(alert.explanation?.summary).toContain("crew-x");
    for (const id of ["crew-0", "crew-1", "crew-2"]) expect(alert.explanation?.summary).toContain(id);
    expect(alert.explanation?.signals.find((s) => s.name === "known_crew_accounts")?.value).toBeGreaterThanOrEqual(3);
    expect(alert.evidenceEventIds.length).toBeGreaterThanOrEqual(3);
  });

  it("needs three accounts of one crew, and only versions in force at the event's time", () => {
    expect(alerts(roomWithCrew(crew), knownFrom(crew.slice(0, 2), T0)).filter((a) => a.subcategory === "FAKE_LIKES")).toEqual([]);
    // Named only after the crew left: its actions here were not a known crew's.
    expect(alerts(roomWithCrew(crew), knownFrom(crew, T0 + 9 * MIN)).filter((a) => a.subcategory === "FAKE_LIKES")).toEqual([]);
  });

  it("raises a cohort's own finding by the known crew accounts among the kind's actors, naming them", () => {
    const room = createRoomState("room-k", T0);
    const known = knownFrom(["crew-0", "crew-1"], T0);
    ["crew-0", "crew-1", "fan-0"].forEach((id, i) => noteKnownCrewAccount(room, "likes", like("room-k", T0 + i * 1_000, actor(id), 2), known));
    const cohort = { subcategory: "FAKE_LIKES", score: 0.75, summary: "5 of 40 accounts active in likes", signals: [{ name: "suspicious_accounts", value: 5, contribution: 0.02 }], evidence: [] };
    const scope: EngineConfig = { ...DEFAULT_ENGINE_CONFIG, maxEvidenceIds: 20, falsification: { ...DEFAULT_ENGINE_CONFIG.falsification, likesWindowMs: 5 * MIN } };
    const raised = withKnownCrews(cohort, room, "likes", T0 + 2_000, scope)!;
    expect(raised.score).toBeGreaterThan(cohort.score);
    expect(raised.summary).toMatch(/^5 of 40 accounts active in likes; 2 accounts of crew-x, .*\(crew-0, crew-1\)/);
    expect(raised.signals.map((s) => s.name)).toContain("known_crew_accounts");
    expect(raised.evidence).toHaveLength(2);
    // Two alone make no finding; out of the window they count for nothing.
    expect(withKnownCrews(null, room, "likes", T0 + 2_000, scope)).toBeNull();
    expect(withKnownCrews(cohort, room, "likes", T0 + 10 * MIN, scope)).toBe(cohort);
  });

  it("reads nothing of the configuration for a kind without sightings: every evaluation of a room no known crew touched", () => {
    const untouchable = new Proxy({} as EngineConfig, {
      get: (_, field) => {
        throw new Error(`read ${String(field)}`);
      },
    });
    const room = createRoomState("room-k", T0);
    const cohort = { subcategory: "FAKE_LIKES", score: 0.75, summary: "5 of 40 accounts active in likes", signals: [], evidence: [] };
    expect(withKnownCrews(cohort, room, "likes", T0, untouchable)).toBe(cohort);
    expect(withKnownCrews(null, room, "views", T0, untouchable)).toBeNull();
    // Sightings in another kind leave this one as untouched.
    noteKnownCrewAccount(room, "follows", like("room-k", T0, actor("crew-0"), 1), knownFrom(["crew-0"], T0));
    expect(withKnownCrews(cohort, room, "likes", T0, untouchable)).toBe(cohort);
    expect(() => withKnownCrews(cohort, room, "follows", T0, untouchable)).toThrow("read falsification");
  });
});
