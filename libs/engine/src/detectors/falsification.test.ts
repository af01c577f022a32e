import type { Alert, LiveEvent } from "@redline/proto";
import { TransactionKind } from "@redline/proto";
import { RiskEngine } from "../engine";
import { actor, comment, follow, join, leave, like, order, seeded, T0 } from "../testing/event-builders";
import { organicRoom } from "../testing/organic";

const DAY = 86_400_000;
const ROOM = "room-1";

function alertsFor(events: LiveEvent[]): Alert[] {
  const engine = new RiskEngine();
  const sorted = [...events].sort((a, b) => a.eventTimeMs - b.eventTimeMs || (a.eventId < b.eventId ? -1 : 1));
  for (const e of sorted) engine.ingest(e);
  engine.flush();
  return engine.drain().map((o) => o.alert);
}

function subcategories(alerts: Alert[]): string[] {
  return [...new Set(alerts.map((a) => a.subcategory))].sort();
}

const background = (): LiveEvent[] => organicRoom(ROOM, { seed: 11, viewersPerMinute: 60, durationMs: 15 * 60_000 });

describe("organic baseline", () => {
  it("raises nothing on an ordinary room of several sizes", () => {
    for (const [seed, vpm] of [[1, 5], [2, 60], [3, 400]] as const) {
      expect(alertsFor(organicRoom(ROOM, { seed, viewersPerMinute: vpm, durationMs: 20 * 60_000 }))).toEqual([]);
    }
  });
});

describe("FAKE_LIKES", () => {
  it("fires on farm phones carrying many fresh accounts, with bounded evidence and explained score", () => {
    const events = background();
    for (let phone = 0; phone < 3; phone++) {
      for (let a = 0; a < 10; a++) {
        const bot = actor(`farm-${phone}-${a}`, { device: `phone-${phone}`, createdMs: T0 - 2 * DAY });
        events.push(join(ROOM, T0 + 240_000, bot));
        for (let k = 0; k < 40; k++) events.push(like(ROOM, T0 + 245_000 + k * 2_500 + a * 97, bot, 4));
      }
    }
    const alerts = alertsFor(events);
    expect(subcategories(alerts)).toEqual(["FAKE_LIKES"]);
    const a = alerts[0]!;
    expect(a.score).toBeGreaterThanOrEqual(0.6);
    expect(a.score).toBeLessThanOrEqual(1);
    expect(a.evidenceEventIds.length).toBeLessThanOrEqual(20);
    expect(a.explanation!.signals[0]!.name).toBe("farm_device_tap_share");
    expect(a.eventTimeMs - (T0 + 245_000)).toBeLessThan(60_000);
  });

  it("fires on bought aged accounts tapping beyond human rates", () => {
    const events = background();
    for (let a = 0; a < 8; a++) {
      const bot = actor(`aged-${a}`, { createdMs: T0 - 900 * DAY });
      events.push(join(ROOM, T0 + 300_000, bot));
      for (let k = 0; k < 120; k++) events.push(like(ROOM, T0 + 300_500 + k * 1_000 + a * 13, bot, 25));
    }
    const alerts = alertsFor(events);
    expect(subcategories(alerts)).toEqual(["FAKE_LIKES"]);
    expect(alerts[0]!.explanation!.signals[0]!.name).toBe("superhuman_tap_share");
  });

  it("fires on emulators with unique devices acting in synchronised waves", () => {
    const events = background();
    const rand = seeded(5);
    for (let b = 0; b < 60; b++) {
      const bot = actor(`emu-${b}`, { createdMs: T0 - 20 * DAY, ip: `203.0.${b}.0/24` });
      events.push(join(ROOM, T0 + 200_000 + b * 50, bot));
      for (let wave = 0; wave < 12; wave++) events.push(like(ROOM, T0 + 210_000 + wave * 10_000 + Math.floor(rand() * 800), bot, 3));
    }
    const alerts = alertsFor(events);
    expect(subcategories(alerts)).toEqual(["FAKE_LIKES"]);
    expect(alerts[0]!.explanation!.signals[0]!.name).toBe("synchronised_wave_share");
  });

  it("fires on waves too frequent and too smeared to stand out from their neighbours (dispersion)", () => {
    const events = background();
    const rand = seeded(6);
    for (let b = 0; b < 50; b++) {
      const bot = actor(`emu4-${b}`, { createdMs: T0 - 200 * DAY, ip: `203.1.${b}.0/24` });
      events.push(join(ROOM, T0 + 200_000, bot));
      for (let wave = 0; wave < 40; wave++) if (rand() < 0.9) events.push(like(ROOM, T0 + 210_000 + wave * 4_000 + Math.floor(rand() * 2_000), bot, 2));
    }
    const alerts = alertsFor(events);
    expect(subcategories(alerts)).toEqual(["FAKE_LIKES"]);
    expect(alerts[0]!.explanation!.signals[0]!.name).toBe("synchronised_wave_share");
  });

  it("stays quiet for a viral spike of ordinary accounts liking at human rates", () => {
    const events = background();
    const rand = seeded(9);
    for (let v = 0; v < 600; v++) {
      const u = actor(`viral-${v}`);
      const t = T0 + 300_000 + Math.floor(rand() * 90_000);
      events.push(join(ROOM, t, u));
      for (let k = 0; k < 6; k++) events.push(like(ROOM, t + 2_000 + k * (1_000 + Math.floor(rand() * 6_000)), u, 1 + Math.floor(rand() * 8)));
      if (rand() < 0.1) events.push(follow(ROOM, t + 20_000, u));
      events.push(leave(ROOM, t + 200_000, u));
    }
    expect(alertsFor(events)).toEqual([]);
  });

  it("stays quiet for a family of four sharing one phone", () => {
    const events = background();
    for (let m = 0; m < 4; m++) {
      const u = actor(`family-${m}`, { device: "family-phone" });
      events.push(join(ROOM, T0 + 100_000 + m * 1_000, u));
      for (let k = 0; k < 60; k++) events.push(like(ROOM, T0 + 101_000 + k * 5_000 + m * 400, u, 5));
      events.push(order(ROOM, T0 + 200_000 + m * 1_000, u, { payment: "family-card", address: "family-home" }));
    }
    expect(alertsFor(events)).toEqual([]);
  });

  it("stays quiet for one devoted fan tapping all show long in a small room", () => {
    const events = organicRoom(ROOM, { seed: 4, viewersPerMinute: 3, durationMs: 30 * 60_000 });
    const fan = actor("fan");
    events.push(join(ROOM, T0, fan));
    for (let k = 0; k < 1_700; k++) events.push(like(ROOM, T0 + 1_000 + k * 1_000, fan, 6 + (k % 3)));
    for (let k = 0; k < 20; k++) events.push(comment(ROOM, T0 + k * 60_000 + 500, fan));
    for (let k = 0; k < 3; k++) events.push(order(ROOM, T0 + 300_000 + k * 400_000, fan));
    events.push(follow(ROOM, T0 + 5_000, fan));
    expect(alertsFor(events)).toEqual([]);
  });
});

describe("FAKE_VIEWS", () => {
  it("fires on viewer bots joining and leaving within seconds", () => {
    const events = background();
    for (let b = 0; b < 300; b++) {
      const bot = actor(`vb-${b}`, { createdMs: T0 - 3 * DAY });
      const t = T0 + 300_000 + b * 400;
      events.push(join(ROOM, t, bot), leave(ROOM, t + 1_500 + (b % 20) * 100, bot));
    }
    const alerts = alertsFor(events);
    expect(subcategories(alerts)).toEqual(["FAKE_VIEWS"]);
    const ghost = alerts[0]!.explanation!.signals.find((s) => s.name === "ghost_view_share")!;
    expect(ghost.value).toBeGreaterThan(0.35);
    expect(ghost.contribution).toBeGreaterThan(0);
  });

  it("stays quiet for a viral crowd that stays and swipes like anyone", () => {
    const events = background();
    const rand = seeded(3);
    for (let v = 0; v < 800; v++) {
      const u = actor(`crowd-${v}`);
      const t = T0 + 300_000 + Math.floor(rand() * 120_000);
      const swipe = rand() < 0.35;
      events.push(join(ROOM, t, u), leave(ROOM, t + (swipe ? 2_000 + Math.floor(rand() * 12_000) : 120_000), u));
    }
    expect(alertsFor(events)).toEqual([]);
  });
});

describe("FAKE_FOLLOWS", () => {
  it("fires on a follow burst of fresh accounts", () => {
    const events = background();
    for (let b = 0; b < 40; b++) {
      const bot = actor(`fb-${b}`, { createdMs: T0 - DAY });
      events.push(join(ROOM, T0 + 400_000 + b * 1_000, bot), follow(ROOM, T0 + 402_000 + b * 1_000, bot));
    }
    expect(subcategories(alertsFor(events))).toEqual(["FAKE_FOLLOWS"]);
  });

  it("stays quiet when a viral spike of aged accounts follows", () => {
    const events = background();
    for (let v = 0; v < 200; v++) {
      const u = actor(`vf-${v}`);
      events.push(join(ROOM, T0 + 400_000 + v * 300, u), follow(ROOM, T0 + 410_000 + v * 300, u), leave(ROOM, T0 + 500_000 + v * 300, u));
    }
    expect(alertsFor(events)).toEqual([]);
  });
});

describe("FAKE_ORDERS", () => {
  it("fires on brushing through a few payment accounts and addresses, refunded later", () => {
    const events = background();
    for (let b = 0; b < 24; b++) {
      const bot = actor(`brush-${b}`, { createdMs: T0 - 2 * DAY });
      const t = T0 + 300_000 + b * 3_000;
      events.push(join(ROOM, t - 1_000, bot));
      events.push(order(ROOM, t, bot, { payment: `mule-${b % 2}`, address: `drop-${b % 2}`, amountCents: 4_900, orderId: `bo${b}` }));
      events.push(order(ROOM, t + 600_000, bot, { payment: `mule-${b % 2}`, address: `drop-${b % 2}`, amountCents: 4_900, kind: TransactionKind.TRANSACTION_KIND_REFUND, orderId: `bo${b}` }));
    }
    const alerts = alertsFor(events);
    expect(subcategories(alerts)).toEqual(["FAKE_ORDERS"]);
    expect(alerts[0]!.evidenceEventIds.length).toBeGreaterThan(0);
  });

  it("stays quiet for a flash sale: hundreds of identical orders from distinct buyers in a minute", () => {
    const events = background();
    for (let b = 0; b < 400; b++) events.push(order(ROOM, T0 + 500_000 + b * 150, actor(`buyer-${b}`), { amountCents: 990 }));
    expect(alertsFor(events)).toEqual([]);
  });
});
