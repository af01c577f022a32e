import type { Alert, LiveEvent } from "@redline/proto";
import { alertsFor } from "../testing/run-engine";
import { actor, comment, join, seeded, T0 } from "../testing/event-builders";
import { organicRoom } from "../testing/organic";

const ROOM = "room-sv";
const DAY = 86_400_000;

const signal = (a: Alert, name: string) => a.explanation!.signals.find((s) => s.name === name);
const subcategories = (alerts: Alert[]) => [...new Set(alerts.map((a) => a.subcategory))].sort();
const quietRoom = (): LiveEvent[] => organicRoom(ROOM, { seed: 31, viewersPerMinute: 2, durationMs: 15 * 60_000 });

/**
 * Forty aged accounts that join over two minutes and stay silent: `perPhone` to a phone, `perSubnet` to a /24.
 * Two to a phone and six to a /24 stay under every per-account tell (a shared phone is 3+, a dense /24 10+).
 */
function spreadFarm(events: LiveEvent[], perPhone: number, perSubnet: number, chatty = false): void {
  const rand = seeded(5);
  for (let b = 0; b < 40; b++) {
    const bot = actor(`spread-${b}`, { createdMs: T0 - 500 * DAY, device: `spread-phone-${Math.floor(b / perPhone)}`, ip: `100.70.${Math.floor(b / perSubnet)}.0/24` });
    const t = T0 + 120_000 + Math.floor(rand() * 120_000);
    events.push(join(ROOM, t, bot));
    if (chatty) events.push(comment(ROOM, t + 60_000, bot));
  }
}

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

/** `count` aged accounts, `perPhone` to a phone, each from its own /24 (a proxy pool), joining over two minutes. */
function proxiedFarm(events: LiveEvent[], count: number, perPhone: number, sameSubnetPerPhone = false, chatty = false): void {
  const rand = seeded(7);
  for (let b = 0; b < count; b++) {
    const phone = Math.floor(b / perPhone);
    const bot = actor(`proxied-${b}`, { createdMs: T0 - 900 * DAY, device: `proxied-phone-${phone}`, ip: `100.71.${sameSubnetPerPhone ? phone : b}.0/24` });
    const t = T0 + 120_000 + Math.floor(rand() * 120_000);
    events.push(join(ROOM, t, bot));
    if (chatty) events.push(comment(ROOM, t + 60_000, bot));
  }
}

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
