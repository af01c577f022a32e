import type { Alert, LiveEvent } from "@redline/proto";
import { Severity } from "@redline/proto";
import { alertsFor } from "../testing/run-engine";
import { actor, comment, follow, leave, like, seeded, T0 } from "../testing/event-builders";
import { organicRoom } from "../testing/organic";

const ROOM = "room-lj";

const likeAlerts = (events: LiveEvent[]): Alert[] => alertsFor(events).filter((a) => a.subcategory === "FAKE_LIKES" && a.severity >= Severity.SEVERITY_MEDIUM);


/**
 * Viewers whose JOIN the platform lost, liking at human rates from `startMs`; `proof` says whether and when one
 * comments or leaves, which shows it was in the room.
 */
function lostJoinLikers(prefix: string, count: number, startMs: number, proof: (i: number) => { kind: "comment" | "leave"; atMs: number } | null): LiveEvent[] {
  const rand = seeded(41);
  const out: LiveEvent[] = [];
  for (let i = 0; i < count; i++) {
    const fan = actor(`${prefix}-${i}`);
    let t = startMs + i * 4_000;
    for (let k = 0; k < 8; k++, t += 2_000 + Math.floor(rand() * 6_000)) out.push(like(ROOM, t, fan, 1 + Math.floor(rand() * 5)));
    const p = proof(i);
    if (p !== null) out.push((p.kind === "comment" ? comment : leave)(ROOM, p.atMs, fan));
  }
  return out;
}

/** Like bots through an API: never join, tap at human rates. */
function apiLikers(count: number, startMs: number): LiveEvent[] {
  const out: LiveEvent[] = [];
  for (let i = 0; i < count; i++) {
    const bot = actor(`api-${i}`, { device: `api-dev-${i}`, ip: `203.0.113.${i}/24` });
    for (let k = 0; k < 20; k++) out.push(like(ROOM, startMs + i * 300 + k * 5_000, bot, 3));
  }
  return out;
}

describe("likes without a JOIN where the platform loses JOINs", () => {
  const room = () => organicRoom(ROOM, { seed: 3, viewersPerMinute: 40, durationMs: 20 * 60_000 });

  it("counts a like bot that never joined as decisive where every JOIN arrives", () => {
    expect(likeAlerts([...room(), ...apiLikers(6, T0 + 300_000)]).length).toBeGreaterThan(0);
  });

  it("is an ordinary tell once the room has shown lost JOINs (accounts commenting or leaving without one)", () => {
    const proof = lostJoinLikers("shown", 3, T0 + 60_000, (i) => ({ kind: i === 0 ? "comment" : "leave", atMs: T0 + 100_000 + i }));
    const quiet = lostJoinLikers("quiet", 6, T0 + 300_000, () => null);
    expect(likeAlerts([...room(), ...quiet])).not.toEqual([]);
    expect(likeAlerts([...room(), ...proof, ...quiet])).toEqual([]);
  });

  it("does not count an account that commented without a JOIN as acting without one", () => {
    // Four likers without a JOIN reach the floor; one of them comments a second after its first like. One
    // sighting is not yet proof that the room's platform loses JOINs, so this is the account's own proof.
    const quiet = lostJoinLikers("quiet", 3, T0 + 300_000, () => null);
    const shows = lostJoinLikers("shows", 1, T0 + 302_000, () => ({ kind: "comment", atMs: T0 + 303_000 }));
    expect(likeAlerts([...room(), ...quiet, ...lostJoinLikers("shows", 1, T0 + 302_000, () => null)])).not.toEqual([]);
    expect(likeAlerts([...room(), ...quiet, ...shows])).toEqual([]);
  });

  it("still catches like bots whose taps go beyond a thumb in a room that loses JOINs", () => {
    const proof = lostJoinLikers("shown", 3, T0 + 60_000, (i) => ({ kind: "leave", atMs: T0 + 100_000 + i }));
    const bots = apiLikers(6, T0 + 300_000).map((e) => (e.body?.$case === "like" ? { ...e, body: { $case: "like" as const, value: { ...e.body.value, count: 60 } } } : e));
    expect(likeAlerts([...room(), ...proof, ...bots]).length).toBeGreaterThan(0);
  });
});

describe("follows without a JOIN where the platform loses JOINs (rules-22)", () => {
  const room = () => organicRoom(ROOM, { seed: 3, viewersPerMinute: 40, durationMs: 20 * 60_000 });
  const followAlerts = (events: LiveEvent[]): Alert[] => alertsFor(events).filter((a) => a.subcategory === "FAKE_FOLLOWS" && a.severity >= Severity.SEVERITY_MEDIUM);
  /** Three viewers who follow without a JOIN, a minute apart: a bought follow each, or real followers whose JOINs were lost. */
  const unjoinedFollowers = (prefix: string): LiveEvent[] =>
    [0, 1, 2].map((i) => follow(ROOM, T0 + 360_000 + i * 60_000, actor(`${prefix}-${i}`, { device: `${prefix}-dev-${i}`, ip: `198.51.${i}.0/24` })));
  /** Two viewers whose LEAVE, with no JOIN before it, shows the platform losing JOINs in this room. */
  const lostJoinSightings = (): LiveEvent[] => [0, 1].map((i) => leave(ROOM, T0 + 120_000 + i * 10_000, actor(`gone-${i}`)));

  it("lets three such followers make a cohort where every JOIN arrives: no household follows without a visit", () => {
    expect(followAlerts([...room(), ...unjoinedFollowers("bought")]).length).toBeGreaterThan(0);
  });

  it("wants the full floor once the room has shown lost JOINs: three real followers show it by chance", () => {
    expect(followAlerts([...room(), ...lostJoinSightings(), ...unjoinedFollowers("fan")])).toEqual([]);
  });
});
