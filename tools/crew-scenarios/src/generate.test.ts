import { TransactionKind, ViewKind, type Actor, type LiveEvent } from "@redline/proto";
import { generateCrewScenario } from "./generate";
import {
  CREW_STYLES,
  DEFAULT_CREW_SCENARIO_OPTIONS,
  HARD_NEGATIVE_KINDS,
  MAX_CREWS_PER_ROOM,
  MIN_ACCOUNTS_PER_VISIT,
  MIN_ROOMS_PER_CREW,
  ROOM_SHARE_CAPS,
  type CrewScenarioOptions,
  type ShareMeasure,
} from "./types";

const DEFAULTS: CrewScenarioOptions = { ...DEFAULT_CREW_SCENARIO_OPTIONS, seed: 4711 };
const traffic = generateCrewScenario(DEFAULTS);
const { events, truth } = traffic;

function actorOf(e: LiveEvent): Actor | undefined {
  const b = e.body;
  switch (b?.$case) {
    case "comment":
    case "barrage":
      return b.value.author;
    case "transaction":
      return b.value.buyer;
    case "like":
    case "follow":
    case "view":
      return b.value.user;
    default:
      return undefined;
  }
}

const byRoom = new Map<string, LiveEvent[]>();
for (const e of events) {
  const list = byRoom.get(e.roomId);
  if (list) list.push(e);
  else byRoom.set(e.roomId, [e]);
}

/** Counted here from the events alone, not with the generator's own measure. */
function measure(roomEvents: readonly LiveEvent[], include: (userId: string) => boolean): Record<ShareMeasure, number> {
  const m = { accounts: 0, joins: 0, taps: 0, follows: 0, orders: 0, comments: 0 };
  const accounts = new Set<string>();
  for (const e of roomEvents) {
    const userId = actorOf(e)?.userId;
    if (userId === undefined || !include(userId)) continue;
    accounts.add(userId);
    const b = e.body!;
    if (b.$case === "view" && b.value.kind === ViewKind.VIEW_KIND_JOIN) m.joins++;
    if (b.$case === "like") m.taps += b.value.count;
    if (b.$case === "follow") m.follows++;
    if (b.$case === "comment") m.comments++;
    if (b.$case === "transaction" && b.value.kind === TransactionKind.TRANSACTION_KIND_ORDER) m.orders++;
  }
  m.accounts = accounts.size;
  return m;
}

describe("generateCrewScenario", () => {
  it("is deterministic for a seed and differs between seeds", () => {
    const small: CrewScenarioOptions = { ...DEFAULTS, crews: 4, ordinaryRooms: 30, groupsPerHardNegative: 1 };
    const a = generateCrewScenario(small);
    expect(generateCrewScenario(small)).toEqual(a);
    const c = generateCrewScenario({ ...small, seed: small.seed + 1 });
    expect(c.truth.crews[0]!.accounts).not.toEqual(a.truth.crews[0]!.accounts);
    expect(c.events.length).not.toBe(a.events.length);
  });

  it("meets the counts at default settings and keeps the output moderate", () => {
    expect(truth.crews.length).toBe(DEFAULTS.crews);
    expect(truth.crews.length).toBeGreaterThanOrEqual(40);
    for (const style of CREW_STYLES) expect(truth.crews.filter((c) => c.style === style).length).toBeGreaterThanOrEqual(10);
    for (const kind of HARD_NEGATIVE_KINDS) {
      expect([kind, truth.hardNegatives.filter((g) => g.kind === kind).length >= DEFAULTS.groupsPerHardNegative]).toEqual([kind, true]);
    }
    const roles = new Set(truth.rooms.map((r) => r.role));
    expect([...roles].sort()).toEqual(["background", "hard_negative_host", "rented"]);
    expect(truth.rooms.filter((r) => r.crewIds.length === 0).length).toBeGreaterThanOrEqual(40);
    expect(events.length).toBeGreaterThan(50_000);
    expect(events.length).toBeLessThan(300_000);
    expect((truth.endMs - truth.startMs) / 3600_000).toBeGreaterThanOrEqual(3);
  });

  it("sorts events by time then id, with unique ids and valid actors", () => {
    const ids = new Set<string>();
    const problems: string[] = [];
    events.forEach((e, i) => {
      const prev = events[i - 1];
      if (prev && !(prev.eventTimeMs < e.eventTimeMs || (prev.eventTimeMs === e.eventTimeMs && prev.eventId < e.eventId))) {
        problems.push(`${e.eventId} out of order`);
      }
      if (ids.has(e.eventId)) problems.push(`${e.eventId} repeated`);
      ids.add(e.eventId);
      if (e.body?.$case === "room") return;
      const a = actorOf(e);
      const ok = a !== undefined && /^u\d{10}$/.test(a.userId) && /^d-[0-9a-f]{16}$/.test(a.deviceId) &&
        /^\d+\.\d+\.\d+\.0\/24$/.test(a.ipPrefix) && a.accountCreatedMs < e.eventTimeMs;
      if (!ok) problems.push(`${e.eventId} actor`);
    });
    expect(problems.slice(0, 5)).toEqual([]);
    expect(new Set(events.map((e) => e.roomId)).size).toBe(truth.rooms.length);
  });

  it("sends every crew to at least MIN_ROOMS_PER_CREW rooms, each under every share cap", () => {
    const problems: string[] = [];
    for (const crew of truth.crews) {
      const mine = new Set(crew.accounts);
      if (crew.visits.length < MIN_ROOMS_PER_CREW) problems.push(`${crew.crewId}: ${crew.visits.length} rooms`);
      for (const visit of crew.visits) {
        const roomEvents = byRoom.get(visit.roomId)!;
        const own = measure(roomEvents, (u) => mine.has(u));
        const all = measure(roomEvents, () => true);
        if (own.accounts < MIN_ACCOUNTS_PER_VISIT || own.accounts !== visit.accounts.length) {
          problems.push(`${crew.crewId} in ${visit.roomId}: ${own.accounts} accounts, truth ${visit.accounts.length}`);
        }
        for (const k of Object.keys(ROOM_SHARE_CAPS) as ShareMeasure[]) {
          if (own[k] > ROOM_SHARE_CAPS[k] * all[k] + 1e-9) problems.push(`${crew.crewId} in ${visit.roomId}: ${k} ${own[k]}/${all[k]}`);
        }
        const times = roomEvents.filter((e) => mine.has(actorOf(e)?.userId ?? "")).map((e) => e.eventTimeMs);
        if (Math.min(...times) !== visit.firstMs || Math.max(...times) !== visit.lastMs) problems.push(`${crew.crewId} span in ${visit.roomId}`);
      }
    }
    expect(problems.slice(0, 5)).toEqual([]);
  });

  it("reuses the same accounts across rooms: every crew has an account in at least two of its rooms", () => {
    for (const crew of truth.crews) {
      const rooms = new Map<string, number>();
      for (const v of crew.visits) for (const a of v.accounts) rooms.set(a, (rooms.get(a) ?? 0) + 1);
      expect([crew.crewId, Math.max(...rooms.values()) >= 2]).toEqual([crew.crewId, true]);
    }
  });

  it("runs each visit in lockstep: joins within the crew's lag of each other, actions between JOIN and LEAVE", () => {
    const problems: string[] = [];
    for (const crew of truth.crews) {
      const mine = new Set(crew.accounts);
      const maxLagMs = 2.5 * Number(crew.params.syncJitterMs) + 1;
      for (const visit of crew.visits) {
        const joinAt = new Map<string, number>();
        const leaveAt = new Map<string, number>();
        const acts: Array<[string, number]> = [];
        for (const e of byRoom.get(visit.roomId)!) {
          const u = actorOf(e)?.userId ?? "";
          if (!mine.has(u)) continue;
          const b = e.body!;
          if (b.$case === "view") (b.value.kind === ViewKind.VIEW_KIND_JOIN ? joinAt : leaveAt).set(u, e.eventTimeMs);
          else if (b.$case !== "transaction" || b.value.kind === TransactionKind.TRANSACTION_KIND_ORDER) acts.push([u, e.eventTimeMs]);
        }
        const joins = [...joinAt.values()];
        if (joins.length > 0 && Math.max(...joins) - Math.min(...joins) > maxLagMs) problems.push(`${crew.crewId} in ${visit.roomId}: joins spread`);
        for (const [u, t] of acts) {
          if (joinAt.has(u) && !(t > joinAt.get(u)! && t <= (leaveAt.get(u) ?? Infinity))) problems.push(`${crew.crewId} ${u} acts outside its stay`);
        }
      }
    }
    expect(problems.slice(0, 5)).toEqual([]);
  });

  it("puts crew accounts only in the rooms the crew worked or its cover rooms", () => {
    const allowed = new Map<string, Set<string>>();
    for (const crew of truth.crews) {
      const rooms = new Set([...crew.visits.map((v) => v.roomId), ...crew.coverRooms]);
      for (const a of crew.accounts) allowed.set(a, rooms);
      for (const room of crew.coverRooms) expect(crew.visits.some((v) => v.roomId === room)).toBe(false);
    }
    const strays = events.filter((e) => {
      const rooms = allowed.get(actorOf(e)?.userId ?? "");
      return rooms !== undefined && !rooms.has(e.roomId);
    });
    expect(strays.map((e) => e.eventId).slice(0, 5)).toEqual([]);
  });

  it("keeps crew accounts and devices out of every hard-negative group, and groups span rooms", () => {
    const crewAccounts = new Set(truth.crews.flatMap((c) => c.accounts));
    const crewDevices = new Set(truth.crews.flatMap((c) => c.devices));
    for (const g of truth.hardNegatives) {
      expect([g.groupId, g.accounts.filter((a) => crewAccounts.has(a))]).toEqual([g.groupId, []]);
      expect([g.groupId, g.devices.filter((d) => crewDevices.has(d))]).toEqual([g.groupId, []]);
      expect([g.groupId, g.rooms.length >= 2]).toEqual([g.groupId, true]);
      if (g.kind === "household_device") expect(g.devices).toHaveLength(1);
    }
  });

  it("lists per room the crews that worked it, never in background or hard-negative host rooms", () => {
    for (const room of truth.rooms) {
      const expected = truth.crews.filter((c) => c.visits.some((v) => v.roomId === room.roomId)).map((c) => c.crewId);
      expect(room.crewIds).toEqual(expected);
      if (room.role !== "rented") expect([room.roomId, room.crewIds]).toEqual([room.roomId, []]);
      expect(room.crewIds.length).toBeLessThanOrEqual(MAX_CREWS_PER_ROOM);
    }
  });
});
