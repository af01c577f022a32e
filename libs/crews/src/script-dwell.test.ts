import { Severity } from "@redline/proto";
import { type AccountState, newAccountState } from "./account-state";
import { resolveCrewConfig } from "./config";
import { CrewDetector } from "./crew-detector";
import type { CrewFinding, CrewOutput } from "./findings";
import { coVisitDwellMs, dwellsDiffer, groupDwellMs, visitDwellMs } from "./script-dwell";
import { ActivityTraffic, MIN, T0, type RoomSpec } from "./testing/activity-traffic";

const CATEGORIES = ["beauty", "food", "home", "fashion", "electronics", "toys"];

const room = (i: number): RoomSpec => ({ roomId: `room-${i}`, streamerId: `streamer-${i}`, category: CATEGORIES[i % CATEGORIES.length]!, startedMs: T0 + i * 40 * MIN });


/** `size` accounts that work each room 5 minutes in, a few seconds apart, and stay `stayMs` (their script). */
function crewWorks(traffic: ActivityTraffic, rooms: readonly RoomSpec[], prefix: string, size: number, stayMs: number): string[] {
  const accounts = Array.from({ length: size }, (_, i) => `${prefix}-${i}`);
  for (const r of rooms) accounts.forEach((a, i) => traffic.visit(r, a, r.startedMs + 5 * MIN + i * 3_000, stayMs + (i % 2) * 2_000));
  return accounts;
}

const mediumFindings = (out: CrewOutput[]) => out.filter((o): o is CrewFinding => o.level === "account" && o.severity >= Severity.SEVERITY_MEDIUM);
const finalNames = (out: CrewOutput[]) => {
  const latest = new Map<string, CrewFinding>();
  for (const f of mediumFindings(out)) latest.set(f.crewId, f);
  return [...latest.values()].map((f) => new Set(f.accounts));
};

describe("script dwell", () => {
  it("measures a stay only from a join to a leave, and a co-visit's only when both stays are known", () => {
    expect(visitDwellMs(true, true, 1_000, 61_000)).toBe(60_000);
    expect(visitDwellMs(false, true, 1_000, 61_000)).toBe(0);
    expect(visitDwellMs(true, false, 1_000, 61_000)).toBe(0);
    expect(coVisitDwellMs(60_000, 62_000)).toBe(61_000);
    expect(coVisitDwellMs(60_000, 0)).toBe(0);
  });

  it("tells two scripts apart by the larger of a fixed and a relative tolerance, and never without both dwells", () => {
    const config = resolveCrewConfig({ scriptDwellToleranceMs: 60_000, scriptDwellToleranceShare: 0.08 });
    expect(dwellsDiffer(600_000, 650_000, config)).toBe(false);
    expect(dwellsDiffer(600_000, 700_000, config)).toBe(true);
    expect(dwellsDiffer(1_500_000, 1_610_000, config)).toBe(false); // 8 % of 1,610 s is 129 s
    expect(dwellsDiffer(600_000, undefined, config)).toBe(false);
  });

  it("takes a group's dwell as the median over its members' co-visits, each pair once", () => {
    const states = new Map<string, AccountState>();
    const coVisit = (roomId: string, dwellMs: number) => ({ roomId, streamerId: roomId, category: "c", arrivedMs: 0, leftMs: 1, arrivalGapMs: 0, dwellMs });
    for (const id of ["a", "b", "c"]) states.set(id, newAccountState(id, T0));
    const link = (x: string, y: string, list: ReturnType<typeof coVisit>[]) => {
      states.get(x)!.partners.set(y, list);
      states.get(y)!.partners.set(x, list);
    };
    link("a", "b", [coVisit("r1", 100_000), coVisit("r2", 0)]);
    link("a", "c", [coVisit("r1", 110_000)]);
    link("b", "c", [coVisit("r3", 500_000)]);
    expect(groupDwellMs(["a", "b", "c"], (id) => states.get(id))).toBe(110_000);
    expect(groupDwellMs(["a", "b", "c"], (id) => states.get(id), 4)).toBeUndefined();
  });

  it("names, when asked, an account that followed the crew's script with four of its core in one room, not one that stayed longer or sat behind a shared NAT", () => {
    const traffic = new ActivityTraffic();
    const rooms = [0, 1, 2, 3].map(room);
    const crew = crewWorks(traffic, rooms, "crew", 5, 10 * MIN);
    const r0 = rooms[0]!;
    traffic.visit(r0, "follower", r0.startedMs + 5 * MIN + 20_000, 10 * MIN + 1_000);
    // In sync by arrival and departure (within 150 s), but 100 s longer than the script.
    traffic.visit(r0, "lingerer", r0.startedMs + 5 * MIN + 20_000, 10 * MIN + 100_000);
    // A campus NAT: thirteen other accounts on its /24, in the room's opening crowd.
    for (let i = 0; i < 13; i++) traffic.act(r0, `student-${i}`, r0.startedMs + 10_000 + i * 1_000, "like", { ipPrefix: "172.16.5.0/24" });
    traffic.visit(r0, "student-x", r0.startedMs + 5 * MIN + 25_000, 10 * MIN, { ipPrefix: "172.16.5.0/24" });
    const records = traffic.sorted();
    // Every account here likes a minute after joining: the like-offset rule (script-offsets.test.ts) is off to test the stay alone.
    const named = finalNames(new CrewDetector({ nameWithCoreInOneRoom: 4, nameByLikeOffsetWithCore: 0 }).ingestAll(records));
    expect(named).toHaveLength(1);
    expect([...named[0]!].sort()).toEqual([...crew, "follower"].sort());
    // Off by default (it also names ordinary viewers who come and go with a crew once).
    const withoutRule = finalNames(new CrewDetector({ nameByLikeOffsetWithCore: 0 }).ingestAll(records));
    expect([...withoutRule[0]!].sort()).toEqual([...crew].sort());
  });

  it("keeps two crews apart when their accounts meet in sync but stay for different times", () => {
    const traffic = new ActivityTraffic();
    const all = Array.from({ length: 11 }, (_, i) => room(i));
    const a = crewWorks(traffic, all.slice(0, 4), "short", 5, 10 * MIN);
    const b = crewWorks(traffic, all.slice(4, 8), "long", 5, 13 * MIN);
    // Rented to the same three rooms at the same minute (two reported crews merge after three): "short-0" and
    // "long-0" arrive and leave together there.
    for (const r of all.slice(8)) {
      traffic.visit(r, "short-0", r.startedMs + 5 * MIN, 11 * MIN);
      traffic.visit(r, "long-0", r.startedMs + 5 * MIN + 10_000, 11 * MIN);
    }
    const records = traffic.sorted();
    const apart = finalNames(new CrewDetector().ingestAll(records));
    expect(apart.some((names) => a.some((x) => names.has(x)) && b.some((x) => names.has(x)))).toBe(false);
    const merged = finalNames(new CrewDetector({ scriptDwellToleranceMs: 1e9 }).ingestAll(records));
    expect(merged.some((names) => a.some((x) => names.has(x)) && b.some((x) => names.has(x)))).toBe(true);
  });
});
