import { Severity } from "@redline/proto";
import { CrewDetector } from "./crew-detector";
import type { CrewFinding, CrewOutput } from "./findings";
import { likeScriptsDiffer, matchesScriptOffset } from "./script-offsets";
import { ActivityTraffic, MIN, T0, type RoomSpec } from "./testing/activity-traffic";

const CATEGORIES = ["beauty", "food", "home", "fashion"];
const room = (i: number): RoomSpec => ({ roomId: `room-${i}`, streamerId: `streamer-${i}`, category: CATEGORIES[i % CATEGORIES.length]!, startedMs: T0 + i * 40 * MIN });

/** A visit whose first like comes `likeAfterMs` after the join. */
function visit(traffic: ActivityTraffic, r: RoomSpec, accountId: string, arriveMs: number, likeAfterMs: number, stayMs: number, extra: Parameters<ActivityTraffic["act"]>[4] = {}): void {
  traffic.act(r, accountId, arriveMs, "join", extra);
  traffic.act(r, accountId, arriveMs + likeAfterMs, "like", extra);
  traffic.act(r, accountId, arriveMs + likeAfterMs + 2_000, "like", extra);
  traffic.act(r, accountId, arriveMs + stayMs, "leave", extra);
}

const finalNames = (out: CrewOutput[]) => {
  const latest = new Map<string, CrewFinding>();
  for (const o of out) if (o.level === "account" && o.severity >= Severity.SEVERITY_MEDIUM) latest.set(o.crewId, o);
  return [...latest.values()].map((f) => [...f.accounts].sort());
};

describe("the script's like offsets", () => {
  it("match an offset within the tolerance of enough of the script's offsets, never a missing one", () => {
    const script = [58_000, 60_000, 61_000, 62_000, 300_000];
    expect(matchesScriptOffset(63_000, script, 3_000, 3)).toBe(true);
    expect(matchesScriptOffset(65_500, script, 3_000, 3)).toBe(false);
    expect(matchesScriptOffset(300_500, script, 3_000, 3)).toBe(false);
    expect(matchesScriptOffset(300_500, script, 3_000, 1)).toBe(true);
    expect(matchesScriptOffset(-1, script, 3_000, 1)).toBe(false);
  });

  it("name an account that came with four of the core in one room and first liked on the script, not one that liked off it or sat behind a shared NAT", () => {
    const traffic = new ActivityTraffic();
    const rooms = [0, 1, 2, 3].map(room);
    const crew = Array.from({ length: 5 }, (_, i) => `crew-${i}`);
    // People in a task group: arrivals and stays spread, the like a fixed 95 s after each one's join.
    for (const r of rooms) crew.forEach((a, i) => visit(traffic, r, a, r.startedMs + 5 * MIN + i * 7_000, 95_000 + (i % 3) * 1_000, 10 * MIN + i * 20_000));
    const r0 = rooms[0]!;
    // Both in sync with the core there (arrival and departure), one room only; stays far from the crew's.
    visit(traffic, r0, "on-script", r0.startedMs + 5 * MIN + 30_000, 97_000, 11 * MIN + 50_000);
    visit(traffic, r0, "off-script", r0.startedMs + 5 * MIN + 32_000, 140_000, 11 * MIN + 50_000);
    // A campus NAT: thirteen other accounts on its /24 (the opening crowd), and one of them on the script.
    for (let i = 0; i < 13; i++) traffic.act(r0, `student-${i}`, r0.startedMs + 10_000 + i * 1_000, "like", { ipPrefix: "172.16.5.0/24" });
    visit(traffic, r0, "student-x", r0.startedMs + 5 * MIN + 34_000, 96_000, 11 * MIN + 50_000, { ipPrefix: "172.16.5.0/24" });
    const records = traffic.sorted();
    expect(finalNames(new CrewDetector().ingestAll(records))).toEqual([[...crew, "on-script"].sort()]);
    expect(finalNames(new CrewDetector({ nameByLikeOffsetWithCore: 0 }).ingestAll(records))).toEqual([[...crew].sort()]);
    // Asking for six of the core in one room (the crew has five) names no one more.
    expect(finalNames(new CrewDetector({ nameByLikeOffsetWithCore: 6 }).ingestAll(records))).toEqual([[...crew].sort()]);
  });

  it("name an account that liked on the script with the core in one room when it also came to another of the crew's rooms, not one seen once", () => {
    const traffic = new ActivityTraffic();
    const rooms = [0, 1, 2, 3].map(room);
    const crew = Array.from({ length: 5 }, (_, i) => `crew-${i}`);
    for (const r of rooms) crew.forEach((a, i) => visit(traffic, r, a, r.startedMs + 5 * MIN + i * 7_000, 95_000 + (i % 3) * 1_000, 10 * MIN + i * 20_000));
    const [r0, , r2] = rooms as [RoomSpec, RoomSpec, RoomSpec];
    visit(traffic, r0, "returner", r0.startedMs + 5 * MIN + 30_000, 97_000, 11 * MIN + 50_000);
    visit(traffic, r0, "seen-once", r0.startedMs + 5 * MIN + 32_000, 96_000, 11 * MIN + 50_000);
    // Back in another of the crew's rooms long after the crew left it: in sync with no one there.
    visit(traffic, r2, "returner", r2.startedMs + 30 * MIN, 200_000, 5 * MIN);
    const records = traffic.sorted();
    // The one-room like rule (four of the core) off, to see this rule alone.
    expect(finalNames(new CrewDetector({ nameByLikeOffsetWithCore: 0 }).ingestAll(records))).toEqual([[...crew, "returner"].sort()]);
    expect(finalNames(new CrewDetector({ nameByLikeOffsetWithCore: 0, nameByLikeOffsetInTwoCrewRoomsWithCore: 0 }).ingestAll(records))).toEqual([[...crew].sort()]);
    expect(finalNames(new CrewDetector({ nameByLikeOffsetWithCore: 0, nameByLikeOffsetInTwoCrewRoomsWithCore: 6 }).ingestAll(records))).toEqual([[...crew].sort()]);
  });

  it("tell two scripts apart only when both show one and they share no offset", () => {
    const a = [60_000, 61_000, 62_000, 400_000];
    expect(likeScriptsDiffer(a, [150_000, 151_000, 152_000], 3_000, 3)).toBe(true);
    expect(likeScriptsDiffer(a, [62_500, 63_000, 64_000, 150_000, 151_000, 152_000], 3_000, 3)).toBe(false);
    // Two likes are no script: no verdict.
    expect(likeScriptsDiffer(a, [150_000, 151_000], 3_000, 3)).toBe(false);
  });

  it("keep two crews apart that stay as long in the same rooms but like at their own offsets", () => {
    const traffic = new ActivityTraffic();
    const all = Array.from({ length: 11 }, (_, i) => room(i));
    const works = (rooms: RoomSpec[], prefix: string, likeAfterMs: number) => {
      const accounts = Array.from({ length: 5 }, (_, i) => `${prefix}-${i}`);
      for (const r of rooms) accounts.forEach((a, i) => visit(traffic, r, a, r.startedMs + 5 * MIN + i * 3_000, likeAfterMs + (i % 2) * 1_000, 10 * MIN + (i % 2) * 2_000));
      return accounts;
    };
    const a = works(all.slice(0, 4), "early", 60_000);
    const b = works(all.slice(4, 8), "late", 150_000);
    // Rented to the same three rooms at the same minute (two reported crews merge after three), each on its script.
    for (const r of all.slice(8)) {
      visit(traffic, r, "early-0", r.startedMs + 5 * MIN, 60_000, 10 * MIN);
      visit(traffic, r, "late-0", r.startedMs + 5 * MIN + 10_000, 150_000, 10 * MIN);
    }
    const records = traffic.sorted();
    const mixed = (names: string[][]) => names.some((n) => a.some((x) => n.includes(x)) && b.some((x) => n.includes(x)));
    expect(mixed(finalNames(new CrewDetector().ingestAll(records)))).toBe(false);
    expect(mixed(finalNames(new CrewDetector({ likeScriptVeto: false }).ingestAll(records)))).toBe(true);
  });

  it("name an account in sync with two of the core in one room that used a /24 of the core, not one on its own /24 or a NAT's", () => {
    const traffic = new ActivityTraffic();
    const rooms = [0, 1, 2, 3].map(room);
    const crew = Array.from({ length: 5 }, (_, i) => `crew-${i}`);
    const farm = (i: number) => ({ ipPrefix: `203.0.${113 + (i % 2)}.0/24` });
    for (const r of rooms) crew.forEach((a, i) => visit(traffic, r, a, r.startedMs + 5 * MIN + i * 3_000, 60_000, 10 * MIN, farm(i)));
    const r0 = rooms[0]!;
    // One room each, in sync with the core, liking off the script: only the network tells them apart.
    visit(traffic, r0, "on-farm", r0.startedMs + 5 * MIN + 20_000, 200_000, 10 * MIN, farm(0));
    visit(traffic, r0, "own-net", r0.startedMs + 5 * MIN + 22_000, 200_000, 10 * MIN, { ipPrefix: "198.51.100.0/24" });
    // A NAT the core also went through: thirteen other accounts on it.
    for (let i = 0; i < 13; i++) traffic.act(r0, `student-${i}`, r0.startedMs + 10_000 + i * 1_000, "like", { ipPrefix: "172.16.5.0/24" });
    traffic.act(rooms[1]!, "crew-0", rooms[1]!.startedMs + 5 * MIN + 30_000, "like", { ipPrefix: "172.16.5.0/24" });
    visit(traffic, r0, "on-nat", r0.startedMs + 5 * MIN + 24_000, 200_000, 10 * MIN, { ipPrefix: "172.16.5.0/24" });
    const records = traffic.sorted();
    expect(finalNames(new CrewDetector().ingestAll(records))).toEqual([[...crew, "on-farm"].sort()]);
    expect(finalNames(new CrewDetector({ nameByNetworkWithCore: 0 }).ingestAll(records))).toEqual([[...crew].sort()]);
  });
});
