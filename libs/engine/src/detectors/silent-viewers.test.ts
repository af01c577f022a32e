import type { Alert, LiveEvent } from "@redline/proto";
import { alertsFor } from "../testing/run-engine";
import { actor, comment, join, seeded, T0 } from "../testing/event-builders";
import { organicRoom } from "../testing/organic";
import { DEFAULT_ENGINE_CONFIG } from "../config";
import { applyFalsification } from "../falsification";
import { createRoomState, type RoomState } from "../room-state";
import { judgeCohort } from "./cohort";
import { SilentTally, silentViewersFinding } from "./silent-viewers";

const ROOM = "room-sv";
const DAY = 86_400_000;

const signal = (a: Alert, name: string) => a.explanation!.signals.find((s) => s.name === name);
const subcategories = (alerts: Alert[]) => [...new Set(alerts.map((a) => a.subcategory))].sort();
const quietRoom = (): LiveEvent[] => organicRoom(ROOM, { seed: 31, viewersPerMinute: 2, durationMs: 15 * 60_000 });

interface SilentFarm {
  /** Accounts (default 40); aged, joining at random over two minutes and staying silent unless `chatty`. */
  count?: number;
  perPhone: number;
  /** The /24 of the farm's `b`-th account, by number. */
  subnetOf: (b: number) => number;
  chatty?: boolean;
}

function silentFarm(events: LiveEvent[], { count = 40, perPhone, subnetOf, chatty = false }: SilentFarm): void {
  const rand = seeded(5);
  for (let b = 0; b < count; b++) {
    const bot = actor(`farm-${b}`, { createdMs: T0 - 500 * DAY, device: `farm-phone-${Math.floor(b / perPhone)}`, ip: `100.70.${subnetOf(b)}.0/24` });
    const t = T0 + 120_000 + Math.floor(rand() * 120_000);
    events.push(join(ROOM, t, bot));
    if (chatty) events.push(comment(ROOM, t + 60_000, bot));
  }
}

/** Two to a phone and six to a /24 stay under every per-account tell (a shared phone is 3+, a dense /24 10+). */
const spreadFarm = (events: LiveEvent[], perPhone: number, perSubnet: number, chatty = false): void =>
  silentFarm(events, { perPhone, subnetOf: (b) => Math.floor(b / perSubnet), chatty });

describe("silent viewers stacking two weak identity signals (FAKE_VIEWS)", () => {
  it("fires on a farm spread thin: two accounts a phone, six a /24 (each phone on one), silent, most of the room", () => {
    const events = quietRoom();
    spreadFarm(events, 2, 6);
    const alerts = alertsFor(events);
    expect(subcategories(alerts)).toEqual(["FAKE_VIEWS"]);
    expect(signal(alerts[0]!, "silent_stacked_share")!.value).toBeGreaterThanOrEqual(0.6);
    expect(alerts[0]!.evidenceEventIds.length).toBeGreaterThan(0);
  });

  it("stays quiet for families: three accounts on one phone and their household /24 each, silent", () => {
    const events = quietRoom();
    spreadFarm(events, 3, 3);
    expect(alertsFor(events)).toEqual([]);
  });

  it("stays quiet when the same viewers talk", () => {
    const events = quietRoom();
    spreadFarm(events, 2, 5, true);
    expect(alertsFor(events)).toEqual([]);
  });
});

/** `count` accounts, `perPhone` to a phone, each from its own /24 (a proxy pool) or from its phone's (a household). */
const proxiedFarm = (events: LiveEvent[], count: number, perPhone: number, sameSubnetPerPhone = false, chatty = false): void =>
  silentFarm(events, { count, perPhone, subnetOf: (b) => (sameSubnetPerPhone ? Math.floor(b / perPhone) : 100 + b), chatty });

describe("silent viewers on phones whose accounts come from different /24s (FAKE_VIEWS)", () => {
  it("fires on twelve aged silent viewers, three a phone, each behind its own /24", () => {
    const events = quietRoom();
    proxiedFarm(events, 12, 3);
    const alerts = alertsFor(events);
    expect(subcategories(alerts)).toEqual(["FAKE_VIEWS"]);
    expect(signal(alerts[0]!, "silent_proxied_phone_viewers")!.value).toBeGreaterThanOrEqual(10);
    expect(alerts[0]!.evidenceEventIds.length).toBeGreaterThan(0);
  });

  it("stays quiet when each phone's accounts share their household /24", () => {
    const events = quietRoom();
    proxiedFarm(events, 12, 3, true);
    expect(alertsFor(events)).toEqual([]);
  });

  it("stays quiet below the floor of ten such viewers", () => {
    const events = quietRoom();
    proxiedFarm(events, 6, 3);
    expect(alertsFor(events)).toEqual([]);
  });

  it("stays quiet when the same viewers talk", () => {
    const events = quietRoom();
    proxiedFarm(events, 12, 3, false, true);
    expect(alertsFor(events)).toEqual([]);
  });
});

describe("silent viewers counted in the cohort's own pass (SilentTally)", () => {
  const cfg = DEFAULT_ENGINE_CONFIG;
  const f = cfg.falsification;
  const at = T0 + 330_000;
  function roomOf(events: readonly LiveEvent[]): RoomState {
    const room = createRoomState(ROOM, T0);
    for (const e of events) if (e.eventTimeMs <= at) applyFalsification(room, e, cfg);
    return room;
  }

  it("finds what the silent viewers' own pass finds, evidence included", () => {
    const events = quietRoom();
    spreadFarm(events, 2, 6);
    events.sort((a, b) => a.eventTimeMs - b.eventTimeMs || (a.eventId < b.eventId ? -1 : 1));
    const ownPass = silentViewersFinding(roomOf(events), at, f, cfg.maxEvidenceIds);
    const room = roomOf(events);
    const tally = new SilentTally().begin(at, f, cfg.maxEvidenceIds);
    expect(judgeCohort(room, "views", at, f, cfg.maxEvidenceIds, undefined, tally).judged).toBe(true);
    expect(ownPass).not.toBeNull();
    expect(tally.finding(room, f)).toEqual(ownPass);
  });
});
