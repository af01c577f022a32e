import { Severity } from "@redline/proto";
import { maxAccountStateBytes } from "./account-state";
import { resolveCrewConfig, type CrewConfig } from "./config";
import { CrewDetector } from "./crew-detector";
import { CrewConfigError, CrewSnapshotError, InvalidActivityError } from "./errors";
import type { CrewFinding, CrewOutput } from "./findings";
import type { ActivityKind } from "./activity";
import { ActivityTraffic as Traffic, MIN, T0, type RoomSpec } from "./testing/activity-traffic";

const CATEGORIES = ["beauty", "food", "home", "fashion", "electronics"];
function rooms(n: number, options: { streamer?: string; category?: string; gapMs?: number } = {}): RoomSpec[] {
  return Array.from({ length: n }, (_, i) => ({
    roomId: `r${options.streamer ?? "s"}${i}`,
    streamerId: options.streamer ?? `streamer-${i}`,
    category: options.category ?? CATEGORIES[i % CATEGORIES.length]!,
    startedMs: T0 + i * (options.gapMs ?? 40 * MIN),
  }));
}

/** A crew of `size` accounts working each room 5 minutes in, lag a few seconds, for 10 minutes. */
function crewWorks(traffic: Traffic, worked: RoomSpec[], size: number, prefix = "crew"): string[] {
  const accounts = Array.from({ length: size }, (_, i) => `${prefix}-${i}`);
  for (const room of worked) {
    accounts.forEach((a, i) => traffic.visit(room, a, room.startedMs + 5 * MIN + i * 3_000, 10 * MIN + i * 2_000));
  }
  return accounts;
}

/** Organic viewers: their own arrival times, dwell and likes, spread over each room. */
function organicViewers(traffic: Traffic, worked: RoomSpec[], perRoom: number): void {
  worked.forEach((room, r) => {
    for (let i = 0; i < perRoom; i++) {
      const arrive = room.startedMs + ((i * 7_919 + r * 104_729) % (30 * MIN));
      const stayMs = 3 * MIN + ((i * 15_485) % (20 * MIN));
      const viewer = `viewer-${r}-${i}`;
      // Its own network: the builder's default /24s cycle through 250 values per record, so a viewer would land on a
      // crew account's /24 from an earlier room, which names it (nameByNetworkWithCore, script-offsets.test.ts).
      const own = { ipPrefix: `100.${r}.${i}.0/24` };
      traffic.act(room, viewer, arrive, "join", own);
      // Whenever it likes: not a minute after joining as every crew account here does (the script, script-offsets.ts).
      traffic.act(room, viewer, arrive + 5_000 + ((i * 37_199 + r * 11_003) % (stayMs - 10_000)), "like", own);
      traffic.act(room, viewer, arrive + stayMs, "leave", own);
    }
  });
}

const accountFindings = (out: CrewOutput[]) => out.filter((o): o is CrewFinding => o.level === "account");
const atLeastMedium = (out: CrewOutput[]) => accountFindings(out).filter((f) => f.severity >= Severity.SEVERITY_MEDIUM);

describe("CrewDetector", () => {
  it("names a crew that works rooms of different streamers in lockstep, with its rooms, and flags those rooms", () => {
    const traffic = new Traffic();
    const worked = rooms(4);
    const crew = crewWorks(traffic, worked, 5);
    organicViewers(traffic, worked, 30);
    const out = new CrewDetector().ingestAll(traffic.sorted());
    const findings = atLeastMedium(out);
    expect(findings.length).toBeGreaterThan(0);
    const last = findings[findings.length - 1]!;
    expect(new Set(last.accounts)).toEqual(new Set(crew));
    expect(last.evidence.rooms.map((r) => r.roomId).sort()).toEqual(worked.map((r) => r.roomId).sort());
    expect(last.evidence.distinctStreamers).toBe(4);
    const flaggedRooms = new Set(out.filter((o) => o.level === "room").map((o) => o.roomId));
    expect(flaggedRooms).toEqual(new Set(worked.map((r) => r.roomId)));
  });

  it("counts accounts that act in rooms without joining or leaving, in sync on arrival alone", () => {
    const traffic = new Traffic();
    const worked = rooms(4);
    const crew = ["silent-0", "silent-1", "silent-2", "silent-3", "silent-4"];
    for (const room of worked) crew.forEach((a, i) => traffic.act(room, a, room.startedMs + 6 * MIN + i * 4_000, "follow"));
    organicViewers(traffic, worked, 30);
    const findings = atLeastMedium(new CrewDetector().ingestAll(traffic.sorted()));
    const last = findings[findings.length - 1]!;
    expect(new Set(last.accounts)).toEqual(new Set(crew));
    // The last room's visits never end (no leave, no later room): only the arrival can tie them.
    expect(last.evidence.rooms.map((r) => r.roomId)).toContain(worked[3]!.roomId);
    const withoutArrivalSync = atLeastMedium(new CrewDetector({ syncUnannouncedArrivals: false }).ingestAll(traffic.sorted()));
    expect(withoutArrivalSync.flatMap((f) => f.evidence.rooms.map((r) => r.roomId))).not.toContain(worked[3]!.roomId);
  });

  it("takes in an account that arrived with members of a known group in two streamers' rooms when asked, only when it arrived within seconds of them", () => {
    const named = (lagMs: number, config: Partial<CrewConfig> = {}) => {
      const traffic = new Traffic();
      const all = rooms(7);
      // The crew's last room comes after, so its finding is issued again once the account could have joined.
      const crew = crewWorks(traffic, [...all.slice(0, 4), all[6]!], 5);
      // A rotating subset: two members each in rooms 5 and 6, and one more account with them that meets no member twice.
      const [r4, r5] = [all[4]!, all[5]!];
      for (const [room, members] of [[r4, crew.slice(0, 2)], [r5, crew.slice(2, 4)]] as const) {
        members.forEach((a, i) => traffic.visit(room, a, room.startedMs + 5 * MIN + i * 3_000, 10 * MIN));
        traffic.visit(room, "rotating", room.startedMs + 5 * MIN + lagMs, 10 * MIN);
      }
      organicViewers(traffic, all, 20);
      // Every visit here likes exactly a minute after joining, a script the script-cohort rule would link on its own.
      const findings = atLeastMedium(new CrewDetector({ linkByScriptCohort: 0, ...config }).ingestAll(traffic.sorted()));
      return findings[findings.length - 1]!.accounts;
    };
    const tight = { attachTightAfterStreamers: 2 };
    expect(named(5_000, tight)).toContain("rotating");
    // In sync (arrived within two minutes) but 100 s after them, twice: two streamers' rooms are not enough.
    expect(named(100_000, tight)).not.toContain("rotating");
    // Off by default (config.ts says why).
    expect(named(5_000)).not.toContain("rotating");
  });

  it("does not report the same crew in one streamer's sessions (a fan club)", () => {
    const traffic = new Traffic();
    crewWorks(traffic, rooms(5, { streamer: "idol" }), 8, "fan");
    expect(accountFindings(new CrewDetector().ingestAll(traffic.sorted()))).toEqual([]);
  });

  it("keeps a group in rooms of one category below MEDIUM (a shop's channels, one category's shared audience)", () => {
    const traffic = new Traffic();
    crewWorks(traffic, rooms(4, { category: "beauty" }), 6, "staff");
    const out = new CrewDetector().ingestAll(traffic.sorted());
    expect(accountFindings(out).length).toBeGreaterThan(0);
    expect(atLeastMedium(out)).toEqual([]);
  });

  it("ignores a raid's wave: hundreds arriving in the same minute", () => {
    const traffic = new Traffic();
    const worked = rooms(4);
    for (const room of worked) {
      for (let i = 0; i < 120; i++) traffic.visit(room, `raider-${i}`, room.startedMs + 5 * MIN + i * 200, 12 * MIN);
    }
    expect(accountFindings(new CrewDetector().ingestAll(traffic.sorted()))).toEqual([]);
  });

  it("ignores accounts that watch two rooms at once (shop staff)", () => {
    const traffic = new Traffic();
    const worked = rooms(4, { gapMs: 0 });
    const staff = ["staff-a", "staff-b", "staff-c", "staff-d"];
    for (const room of worked) staff.forEach((a, i) => traffic.visit(room, a, room.startedMs + 5 * MIN + i * 1_000, 30 * MIN));
    expect(accountFindings(new CrewDetector().ingestAll(traffic.sorted()))).toEqual([]);
  });

  it("links no household: accounts sharing one device, one at a time, are not a crew", () => {
    const traffic = new Traffic();
    rooms(8).forEach((room, i) => traffic.visit(room, `home-${i % 3}`, room.startedMs + 5 * MIN, 10 * MIN, { deviceId: "family-tablet" }));
    expect(accountFindings(new CrewDetector().ingestAll(traffic.sorted()))).toEqual([]);
  });

  it("gives the same findings however the records are batched, and across instances", () => {
    const traffic = new Traffic();
    const worked = rooms(6);
    crewWorks(traffic, worked, 6);
    organicViewers(traffic, worked, 20);
    const records = traffic.sorted();
    const whole = new CrewDetector().ingestAll(records);
    const batched = new CrewDetector();
    const pieces: CrewOutput[] = [];
    for (let i = 0; i < records.length; i += 37) pieces.push(...batched.ingestAll(records.slice(i, i + 37)));
    expect(pieces).toEqual(whole);
    expect(new CrewDetector().ingestAll(records)).toEqual(whole);
    expect(whole.length).toBeGreaterThan(0);
  });

  it("resumes from a snapshot taken mid-stream with the findings an uninterrupted run gives", () => {
    const traffic = new Traffic();
    const worked = rooms(6);
    crewWorks(traffic, worked, 6);
    crewWorks(traffic, rooms(5, { gapMs: 35 * MIN }).map((r) => ({ ...r, roomId: `${r.roomId}b`, streamerId: `${r.streamerId}b` })), 5, "second");
    organicViewers(traffic, worked, 20);
    const records = traffic.sorted();
    const whole = new CrewDetector().ingestAll(records);
    expect(atLeastMedium(whole).length).toBeGreaterThan(1);
    let detector = new CrewDetector();
    const resumed: CrewOutput[] = [];
    let consumed = 0;
    for (const cut of [0.2, 0.45, 0.7, 1].map((f) => Math.floor(records.length * f))) {
      resumed.push(...detector.ingestAll(records.slice(consumed, cut)));
      consumed = cut;
      detector = CrewDetector.restore(detector.snapshot());
    }
    expect(resumed).toEqual(whole);
    expect(detector.eventTimeMs).toBe(records[records.length - 1]!.eventTimeMs);
  });

  it("refuses a snapshot taken under another config, and bytes that are not a snapshot", () => {
    const detector = new CrewDetector();
    const traffic = new Traffic();
    crewWorks(traffic, rooms(2), 3);
    detector.ingestAll(traffic.sorted());
    expect(() => CrewDetector.restore(detector.snapshot(), { mediumStreamers: 4, highStreamers: 6 })).toThrow(CrewSnapshotError);
    expect(() => CrewDetector.restore(new Uint8Array([0xc1]))).toThrow(CrewSnapshotError);
  });

  it("names a crew by its founding accounts and minute, whatever came before it", () => {
    const alone = new Traffic();
    const worked = rooms(4, { gapMs: 30 * MIN }).map((r) => ({ ...r, startedMs: r.startedMs + 6 * 60 * MIN }));
    crewWorks(alone, worked, 5);
    const withEarlierCrew = new Traffic();
    crewWorks(withEarlierCrew, rooms(4), 5, "earlier");
    crewWorks(withEarlierCrew, worked, 5);
    const idsOf = (out: CrewOutput[]) => [...new Set(atLeastMedium(out).filter((f) => f.accounts.includes("crew-0")).map((f) => f.crewId))];
    const aloneIds = idsOf(new CrewDetector().ingestAll(alone.sorted()));
    expect(aloneIds).toHaveLength(1);
    expect(aloneIds[0]).toMatch(/^crew-[0-9a-z]+-[0-9a-f]{12}$/);
    expect(idsOf(new CrewDetector().ingestAll(withEarlierCrew.sorted()))).toEqual(aloneIds);
  });

  it("keeps state within its caps and reports bytes per account under the stated bound", () => {
    const config = { maxAccounts: 50, maxPartnersPerAccount: 4, maxVisitsPerAccount: 3 };
    const detector = new CrewDetector(config);
    const traffic = new Traffic();
    const worked = rooms(8);
    crewWorks(traffic, worked, 12);
    organicViewers(traffic, worked, 40);
    detector.ingestAll(traffic.sorted());
    const size = detector.stateSize();
    expect(size.accounts).toBe(50);
    expect(size.bytesPerAccount).toBeGreaterThan(0);
    expect(size.maxAccountBytes).toBeLessThanOrEqual(maxAccountStateBytes(resolveCrewConfig(config)));
  });

  it("rejects a malformed record with a typed error naming the field, and keeps its state", () => {
    const detector = new CrewDetector();
    const traffic = new Traffic();
    traffic.act(rooms(1)[0]!, "someone", T0, "join");
    const record = traffic.sorted()[0]!;
    expect(() => detector.ingest({ ...record, accountId: "" })).toThrow(InvalidActivityError);
    expect(() => detector.ingest({ ...record, kind: "poke" as ActivityKind })).toThrow(/kind/);
    expect(() => detector.ingest({ ...record, eventTimeMs: Number.NaN })).toThrow(/eventTimeMs/);
    expect(detector.stateSize().accounts).toBe(0);
  });

  it("rejects inconsistent options at construction, naming the option", () => {
    expect(() => new CrewDetector({ highStreamers: 2, mediumStreamers: 3 })).toThrow(CrewConfigError);
    expect(() => new CrewDetector({ arrivalSyncMs: -1 })).toThrow(/arrivalSyncMs/);
  });
});
