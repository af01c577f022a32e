import { Severity } from "@redline/proto";
import { CrewDetector } from "./crew-detector";
import { DispatchIndex, type DispatchInstance, sameDispatch } from "./dispatch-links";
import type { CrewFinding } from "./findings";
import { ActivityTraffic, MIN, T0, type RoomSpec } from "./testing/activity-traffic";

const LIMITS = { windowMs: 10 * MIN, toleranceMs: 3_000 };

function instance(over: Partial<DispatchInstance>): DispatchInstance {
  return { roomId: "r1", streamerId: "s1", accountId: "a", arrivedMs: T0, kind: "like", offsetMs: 90_000, ...over };
}

describe("dispatch instances", () => {
  it("are one dispatch only across two streamers' rooms, at one mark and offset, within the window", () => {
    const a = instance({});
    expect(sameDispatch(a, instance({ roomId: "r2", streamerId: "s2", offsetMs: 92_500, arrivedMs: T0 + 9 * MIN }), LIMITS)).toBe(true);
    expect(sameDispatch(a, instance({ roomId: "r2", streamerId: "s1" }), LIMITS)).toBe(false); // one streamer's sessions: its fans
    expect(sameDispatch(a, instance({ roomId: "r2", streamerId: "" }), LIMITS)).toBe(false);
    expect(sameDispatch(a, instance({ roomId: "r2", streamerId: "s2", offsetMs: 94_000 }), LIMITS)).toBe(false);
    expect(sameDispatch(a, instance({ roomId: "r2", streamerId: "s2", kind: "comment" }), LIMITS)).toBe(false);
    expect(sameDispatch(a, instance({ roomId: "r2", streamerId: "s2", arrivedMs: T0 + 11 * MIN }), LIMITS)).toBe(false);
  });

  it("keeps one instance per room and mark, and forgets those too old to match", () => {
    const index = new DispatchIndex();
    expect(index.matching(instance({}), LIMITS)).toEqual([]);
    expect(index.matching(instance({ accountId: "b", arrivedMs: T0 + MIN }), LIMITS)).toEqual([]); // the cohort grew: still one
    expect(index.size).toBe(1);
    expect(index.matching(instance({ roomId: "r2", streamerId: "s2", accountId: "c", arrivedMs: T0 + 5 * MIN }), LIMITS).map((i) => i.accountId)).toEqual(["a"]);
    expect(index.matching(instance({ roomId: "r3", streamerId: "s3", accountId: "d", arrivedMs: T0 + 30 * MIN }), LIMITS)).toEqual([]);
    expect(index.size).toBe(1);
  });
});

const ROOMS: RoomSpec[] = [
  { roomId: "r1", streamerId: "s1", category: "food", startedMs: T0 },
  { roomId: "r2", streamerId: "s2", category: "beauty", startedMs: T0 + MIN },
  { roomId: "r3", streamerId: "s3", category: "home", startedMs: T0 + 2 * MIN },
];

/** One actor starting one script (first like 90 s after each join) in three rooms at once, three accounts a room, none in two rooms. */
function dispatchedCrew(shiftMs: (room: number) => number = () => 0): ActivityTraffic {
  const t = new ActivityTraffic();
  for (const [i, room] of ROOMS.entries()) {
    for (let k = 0; k < 3; k++) {
      const id = `c${i}${k}`;
      const joinMs = room.startedMs + 3 * MIN + k * 150_000;
      t.act(room, id, joinMs, "join");
      t.act(room, id, joinMs + 90_000 + shiftMs(i) + k * 500, "like");
      t.act(room, id, joinMs + 12 * MIN, "leave");
    }
  }
  return t;
}

function accountsLinked(detector: CrewDetector, t: ActivityTraffic): string[] {
  const named = new Set<string>();
  for (const o of detector.ingestAll(t.sorted())) if (o.level === "account") for (const a of o.accounts) named.add(a);
  return [...named].sort();
}

function mediumFindings(detector: CrewDetector, t: ActivityTraffic): CrewFinding[] {
  return detector.ingestAll(t.sorted()).filter((o): o is CrewFinding => o.level === "account" && o.severity >= Severity.SEVERITY_MEDIUM);
}

describe("dispatch links (off by default: development seeds 201-209 did not choose it)", () => {
  it("links accounts that each came to one room when their rooms' cohorts ran one script at one time", () => {
    expect(accountsLinked(new CrewDetector(), dispatchedCrew())).toEqual([]);
    // The visits that completed each room's cohort link across rooms; their partners ran one mark only, which an ordinary viewer can match by chance.
    expect(accountsLinked(new CrewDetector({ linkByDispatch: 3 }), dispatchedCrew())).toEqual(["c02", "c12", "c22"]);
    const all = ROOMS.flatMap((_, i) => [0, 1, 2].map((k) => `c${i}${k}`)).sort();
    expect(accountsLinked(new CrewDetector({ linkByDispatch: 3, dispatchConfirmsCohort: true }), dispatchedCrew())).toEqual(all);
  });

  it("does not link cohorts whose offsets differ, nor cohorts of larger size than the rule asks", () => {
    expect(accountsLinked(new CrewDetector({ linkByDispatch: 3, dispatchConfirmsCohort: true }), dispatchedCrew((room) => room * 20_000))).toEqual([]);
    expect(accountsLinked(new CrewDetector({ linkByDispatch: 4, dispatchConfirmsCohort: true }), dispatchedCrew())).toEqual([]);
  });

  it("does not link cohorts started apart by more than the window", () => {
    expect(accountsLinked(new CrewDetector({ linkByDispatch: 3, dispatchConfirmsCohort: true, dispatchWindowMs: 30_000 }), dispatchedCrew())).toEqual([]);
  });

  it("survives a snapshot: a cohort seen before it matches one seen after", () => {
    const records = dispatchedCrew().sorted();
    // Cut just before the last room's cohort completes: the other rooms' instances are only in the snapshot.
    const cut = records.findIndex((r) => r.accountId === "c22" && r.kind === "like");
    const config = { linkByDispatch: 3, dispatchConfirmsCohort: true };
    const whole = new CrewDetector(config).ingestAll(records);
    const first = new CrewDetector(config);
    const before = first.ingestAll(records.slice(0, cut));
    const after = CrewDetector.restore(first.snapshot(), config).ingestAll(records.slice(cut));
    expect(whole.length).toBeGreaterThan(0);
    expect([...before, ...after]).toEqual(whole);
    expect(mediumFindings(new CrewDetector(), dispatchedCrew())).toEqual([]);
  });
});
