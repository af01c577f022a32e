import type { Alert, LiveEvent } from "@redline/proto";
import { Severity, TransactionKind } from "@redline/proto";
import { alertsFor } from "../testing/run-engine";
import { actor, comment, follow, join, leave, like, order, seeded, T0 } from "../testing/event-builders";
import { organicRoom } from "../testing/organic";

const DAY = 86_400_000;
const ROOM = "room-1";


function subcategories(alerts: Alert[]): string[] {
  return [...new Set(alerts.map((a) => a.subcategory))].sort();
}

const signal = (a: Alert, name: string) => a.explanation!.signals.find((s) => s.name === name);
const background = (): LiveEvent[] => organicRoom(ROOM, { seed: 11, viewersPerMinute: 60, durationMs: 15 * 60_000 });

describe("organic baseline", () => {
  it("raises nothing on an ordinary room of several sizes", () => {
    for (const [seed, vpm] of [[1, 5], [2, 60], [3, 400]] as const) {
      expect(alertsFor(organicRoom(ROOM, { seed, viewersPerMinute: vpm, durationMs: 20 * 60_000 }))).toEqual([]);
    }
  });
});

describe("FAKE_LIKES", () => {
  it("fires on farm phones carrying many fresh accounts, at MEDIUM or above, with bounded evidence and an explanation", () => {
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
    expect(a.severity).toBeGreaterThanOrEqual(Severity.SEVERITY_MEDIUM);
    expect(a.evidenceEventIds.length).toBeGreaterThan(0);
    expect(a.evidenceEventIds.length).toBeLessThanOrEqual(20);
    expect(signal(a, "tell_farm_device")!.value).toBe(1);
    expect(signal(a, "tell_fresh_account")!.value).toBe(1);
    const total = a.explanation!.signals.reduce((s, x) => s + x.contribution, 0);
    expect(total).toBeCloseTo(a.score, 2);
    expect(a.eventTimeMs - (T0 + 245_000)).toBeLessThan(60_000);
  });

  it("fires on bought aged accounts tapping beyond human rates", () => {
    const events = background();
    for (let a = 0; a < 8; a++) {
      const bot = actor(`aged-${a}`, { createdMs: T0 - 900 * DAY, device: `d-aged-${a}`, ip: `203.0.113.${a}/24` });
      events.push(join(ROOM, T0 + 300_000, bot));
      for (let k = 0; k < 120; k++) events.push(like(ROOM, T0 + 300_500 + k * 1_000 + a * 13, bot, 25));
    }
    const alerts = alertsFor(events);
    expect(subcategories(alerts)).toEqual(["FAKE_LIKES"]);
    expect(signal(alerts[0]!, "tell_superhuman_taps")!.value).toBe(1);
  });

  it("fires on an API script liking with aged accounts that never joined the room", () => {
    const events = background();
    const rand = seeded(21);
    for (let a = 0; a < 10; a++) {
      const bot = actor(`api-${a}`, { createdMs: T0 - 400 * DAY, device: `d-api-${a}`, ip: `198.18.${a}.0/24` });
      for (let k = 0; k < 30; k++) events.push(like(ROOM, T0 + 300_000 + k * (2_000 + Math.floor(rand() * 3_000)), bot, 10));
    }
    expect(subcategories(alertsFor(events))).toEqual(["FAKE_LIKES"]);
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

  it("stays quiet for a 'like to win' giveaway: most viewers tapping hard for minutes, new accounts among them", () => {
    const events = background();
    const rand = seeded(13);
    for (let v = 0; v < 300; v++) {
      const u = actor(`fan-${v}`, { createdMs: rand() < 0.2 ? T0 - 5 * DAY : T0 - 300 * DAY, device: `d-fan-${v}`, ip: `100.64.${v % 200}.0/24` });
      events.push(join(ROOM, T0 + Math.floor(rand() * 200_000), u));
      let t = T0 + 300_000 + Math.floor(rand() * 5_000);
      while (t < T0 + 480_000) {
        events.push(like(ROOM, t, u, 3 + Math.floor(rand() * 12)));
        t += 700 + Math.floor(rand() * 2_500);
      }
    }
    expect(alertsFor(events)).toEqual([]);
  });

  /** Fans (or scripts) that each hold `tapsPerSecond` for ten seconds at a time, four times, at irregular moments. */
  function tenSecondBursts(events: LiveEvent[], who: string, count: number, created: (i: number) => number, tapsPerSecond: (i: number) => number): void {
    const rand = seeded(31);
    for (let v = 0; v < count; v++) {
      const u = actor(`${who}-${v}`, { createdMs: created(v), device: `d-${who}-${v}`, ip: `100.66.${v}.0/24` });
      events.push(join(ROOM, T0 + 200_000 + Math.floor(rand() * 60_000), u));
      for (let burst = 0; burst < 4; burst++) {
        const start = T0 + 300_000 + burst * 30_000 + Math.floor(rand() * 10_000);
        for (let s = 0; s < 10; s++) events.push(like(ROOM, start + s * 1_000 + Math.floor(rand() * 400), u, tapsPerSecond(v)));
      }
    }
  }

  it("stays quiet for a giveaway whose aged fans hold 15-20 taps/s for ten seconds with two thumbs", () => {
    const events = background();
    tenSecondBursts(events, "thumbs", 40, () => T0 - 300 * DAY, (v) => 16 + (v % 4));
    expect(alertsFor(events)).toEqual([]);
  });

  it("fires on fresh accounts a script taps just under the limit, 16-19 taps/s", () => {
    const events = background();
    tenSecondBursts(events, "script", 12, (v) => T0 - DAY - v * 10 * 3_600_000, (v) => 16 + (v % 4));
    const alerts = alertsFor(events);
    expect(subcategories(alerts)).toEqual(["FAKE_LIKES"]);
    expect(signal(alerts[0]!, "tell_superhuman_taps")!.value).toBeGreaterThan(0.5);
  });

  /** Scripted accounts sending `taps` per like event, one arriving every four minutes: never four in one likes window. */
  function scriptDrip(events: LiveEvent[], accounts: number, taps: number): void {
    for (let a = 0; a < accounts; a++) {
      const bot = actor(`drip-${a}`, { createdMs: T0 - 600 * DAY, device: `d-drip-${a}`, ip: `198.51.${a}.0/24` });
      const start = T0 + 240_000 + a * 240_000;
      events.push(join(ROOM, start, bot));
      for (let k = 0; k < 3; k++) events.push(like(ROOM, start + 5_000 + k * 20_000, bot, taps));
    }
  }

  it("fires on scripted accounts past a thumb in one event, dripped in one every four minutes", () => {
    const events = background();
    scriptDrip(events, 5, 180);
    const alerts = alertsFor(events);
    expect(subcategories(alerts)).toEqual(["FAKE_LIKES"]);
    expect(alerts[0]!.severity).toBeGreaterThanOrEqual(Severity.SEVERITY_MEDIUM);
    expect(signal(alerts[0]!, "suspicious_accounts")!.value).toBeGreaterThanOrEqual(4);
  });

  it("stays quiet for three such accounts, and for five sending what a thumb can", () => {
    const three = background();
    scriptDrip(three, 3, 180);
    expect(alertsFor(three)).toEqual([]);
    const thumbs = background();
    scriptDrip(thumbs, 5, 15);
    expect(alertsFor(thumbs)).toEqual([]);
  });

  /** Eight fresh accounts (created over a week: no batch), four to a phone, liking at a thumb's pace; `ownSubnets`: each on its own /24. */
  function phoneFarmLikers(events: LiveEvent[], ownSubnets: boolean): void {
    const rand = seeded(91);
    for (let a = 0; a < 8; a++) {
      const phone = Math.floor(a / 4);
      const bot = actor(`pl-${a}`, { createdMs: T0 - DAY - Math.floor(rand() * 7 * DAY), device: `pl-phone-${phone}`, ip: `203.0.${ownSubnets ? 100 + a : phone}.0/24` });
      const start = T0 + 120_000 + Math.floor(rand() * 30_000);
      events.push(join(ROOM, start, bot));
      for (let k = 0; k < 30; k++) events.push(like(ROOM, start + 5_000 + k * 4_000 + Math.floor(rand() * 2_000), bot, 3 + Math.floor(rand() * 6)));
    }
  }

  it("fires on fresh likers four to a phone when each account of a phone comes from its own /24 (a proxy pool)", () => {
    const events = background();
    phoneFarmLikers(events, true);
    const alerts = alertsFor(events);
    expect(subcategories(alerts)).toEqual(["FAKE_LIKES"]);
    expect(signal(alerts[0]!, "tell_proxied_phone")!.value).toBeGreaterThan(0.5);
  });

  it("stays quiet for the same likers when each phone's accounts share its /24, as a household's do", () => {
    const events = background();
    phoneFarmLikers(events, false);
    expect(alertsFor(events)).toEqual([]);
  });

  it("stays quiet for a family of four sharing one phone, card and address", () => {
    const events = background();
    for (let m = 0; m < 4; m++) {
      const u = actor(`family-${m}`, { device: "family-phone" });
      const rand = seeded(40 + m);
      events.push(join(ROOM, T0 + 100_000 + m * 1_000, u));
      for (let k = 0; k < 60; k++) events.push(like(ROOM, T0 + 101_000 + k * 5_000 + Math.floor(rand() * 4_000), u, 2 + Math.floor(rand() * 8)));
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
  /** Hanging viewers: silent accounts that join once and stay, four to a phone and its /24; `fresh` of them days old. */
  // Joins at random over two minutes and creation times spread over a week: no schedule, no registration batch.
  function hangingFarm(events: LiveEvent[], bots: number, fresh: (b: number) => boolean): void {
    const rand = seeded(77);
    for (let b = 0; b < bots; b++) {
      const createdMs = fresh(b) ? T0 - DAY - Math.floor(rand() * 7 * DAY) : T0 - 400 * DAY;
      const bot = actor(`hang-${b}`, { createdMs, device: `hang-phone-${Math.floor(b / 4)}`, ip: `100.80.${Math.floor(b / 4)}.0/24` });
      events.push(join(ROOM, T0 + 120_000 + Math.floor(rand() * 120_000), bot));
    }
  }
  const smallRoom = (): LiveEvent[] => organicRoom(ROOM, { seed: 12, viewersPerMinute: 2, durationMs: 15 * 60_000 });

  it("fires on hanging viewers when most of the room's viewers stack identity tells (fresh, four to a phone)", () => {
    const events = smallRoom();
    hangingFarm(events, 40, () => true);
    const alerts = alertsFor(events);
    expect(subcategories(alerts)).toEqual(["FAKE_VIEWS"]);
    expect(signal(alerts[0]!, "tell_stacked_identity")!.value).toBe(1);
  });

  it("counts the same accounts' shared phone as one weak tell when they are not most of the room's viewers", () => {
    const events = organicRoom(ROOM, { seed: 12, viewersPerMinute: 12, durationMs: 15 * 60_000 });
    hangingFarm(events, 40, () => true);
    expect(alertsFor(events).filter((a) => a.subcategory === "FAKE_VIEWS")).toEqual([]);
  });

  it("stays quiet for a campus room in a new-user campaign: everyone on one /24, half of them fresh, each on a phone of their own", () => {
    const events: LiveEvent[] = [];
    const rand = seeded(78);
    for (let i = 0; i < 60; i++) {
      const student = actor(`student-${i}`, { ip: "10.20.30.0/24", createdMs: i % 2 === 0 ? T0 - DAY - Math.floor(rand() * 7 * DAY) : T0 - 400 * DAY });
      const at = T0 + Math.floor(rand() * 300_000);
      events.push(join(ROOM, at, student));
      if (i % 5 === 0) events.push(comment(ROOM, at + 60_000, student));
    }
    expect(alertsFor(events)).toEqual([]);
  });

  /** Silent viewers on one carrier /24, nine in ten of them new (created over a week), `perPhone` accounts to a phone. */
  function carrierCampaign(perPhone: number): LiveEvent[] {
    const events = background();
    const rand = seeded(79);
    for (let i = 0; i < 40; i++) {
      const createdMs = i % 10 === 0 ? T0 - 400 * DAY : T0 - DAY - Math.floor(rand() * 7 * DAY);
      const viewer = actor(`carrier-${i}`, { ip: "10.40.50.0/24", device: `d-carrier-${Math.floor(i / perPhone)}`, createdMs });
      const at = T0 + 240_000 + Math.floor(rand() * 120_000);
      events.push(join(ROOM, at, viewer), leave(ROOM, at + 20 * 60_000, viewer));
    }
    return events;
  }

  it("stays quiet for a new-user campaign on one carrier /24: nearly everyone new, each on a phone of their own", () => {
    expect(alertsFor(carrierCampaign(1))).toEqual([]);
  });

  it("fires on the same fresh /24 when its new accounts share phones two to a device", () => {
    expect(subcategories(alertsFor(carrierCampaign(2)))).toEqual(["FAKE_VIEWS"]);
  });

  it("fires on ghost bots that join and leave within seconds again and again", () => {
    const events = background();
    for (let b = 0; b < 60; b++) {
      const bot = actor(`ghost-${b}`, { createdMs: T0 - 400 * DAY, device: `d-ghost-${b}`, ip: `100.70.${b}.0/24` });
      for (let v = 0; v < 6; v++) {
        const t = T0 + 300_000 + b * 700 + v * 20_000;
        events.push(join(ROOM, t, bot), leave(ROOM, t + 3_000 + (b % 7) * 500, bot));
      }
    }
    const alerts = alertsFor(events);
    expect(subcategories(alerts)).toEqual(["FAKE_VIEWS"]);
    expect(signal(alerts[0]!, "tell_ghost_visits")!.value).toBe(1);
  });

  it("fires on fresh accounts hanging in the room from a farm's own /24s", () => {
    const events = background();
    for (let b = 0; b < 80; b++) {
      const bot = actor(`hang-${b}`, { createdMs: T0 - 4 * DAY, device: `d-hang-${b}`, ip: `192.0.2${b % 2}.0/24` });
      const t = T0 + 240_000 + b * 1_500;
      events.push(join(ROOM, t, bot), leave(ROOM, t + 40 * 60_000, bot));
    }
    expect(subcategories(alertsFor(events))).toEqual(["FAKE_VIEWS"]);
  });

  it("fires on aged accounts from a farm /24 joining on a schedule hidden among the room's own arrivals", () => {
    const events = background();
    // Two accounts per device (no device tell), aged, on one /24: only the /24's own cadence shows the schedule.
    for (let b = 0; b < 30; b++) {
      const bot = actor(`aged-hang-${b}`, { createdMs: T0 - 700 * DAY, device: `d-ah-${b >> 1}`, ip: "192.0.2.0/24" });
      const t = T0 + 240_000 + b * 7_000;
      events.push(join(ROOM, t, bot), leave(ROOM, t + 30 * 60_000, bot));
    }
    const alerts = alertsFor(events);
    expect(subcategories(alerts)).toEqual(["FAKE_VIEWS"]);
    expect(signal(alerts[0]!, "tell_subnet_schedule")!.value).toBeGreaterThan(0.5);
  });

  it("fires on fresh accounts on scattered /24s joining on a schedule among the room's own arrivals", () => {
    const events = background();
    for (let b = 0; b < 40; b++) {
      const bot = actor(`fresh-hang-${b}`, { createdMs: T0 - 3 * DAY, device: `d-fh-${b}`, ip: `100.64.${b}.0/24` });
      const t = T0 + 240_000 + b * 6_000;
      events.push(join(ROOM, t, bot), leave(ROOM, t + 30 * 60_000, bot));
    }
    expect(subcategories(alertsFor(events))).toEqual(["FAKE_VIEWS"]);
  });

  it("fires on a small room's view farm: six aged accounts on one emulator and one /24 among thirty viewers", () => {
    const events = organicRoom(ROOM, { seed: 13, viewersPerMinute: 3, durationMs: 20 * 60_000 });
    for (let b = 0; b < 6; b++) {
      const bot = actor(`emu-${b}`, { createdMs: T0 - 900 * DAY, device: "emulator-1", ip: "203.0.113.0/24" });
      const t = T0 + 300_000 + b * 11_000 + (b % 3) * 1_700;
      events.push(join(ROOM, t, bot), leave(ROOM, t + 15 * 60_000, bot));
    }
    for (let n = 0; n < 5; n++) events.push(join(ROOM, T0 + 290_000 + n * 5_000, actor(`nat-${n}`, { ip: "203.0.113.0/24", device: `d-nat-${n}` })));
    expect(subcategories(alertsFor(events))).toEqual(["FAKE_VIEWS"]);
  });

  it("stays quiet for a small room with a family of four on one phone and a few friends", () => {
    const events = organicRoom(ROOM, { seed: 14, viewersPerMinute: 3, durationMs: 20 * 60_000 });
    const rand = seeded(5);
    for (let m = 0; m < 4; m++) {
      const t = T0 + 300_000 + Math.floor(rand() * 120_000);
      events.push(join(ROOM, t, actor(`family-${m}`, { createdMs: T0 - 800 * DAY, device: "family-phone", ip: "198.18.7.0/24" })), leave(ROOM, t + 20 * 60_000, actor(`family-${m}`)));
    }
    expect(alertsFor(events)).toEqual([]);
  });

  it("stays quiet for a viral crowd that stays and swipes like anyone", () => {
    const events = background();
    const rand = seeded(3);
    for (let v = 0; v < 800; v++) {
      const u = actor(`crowd-${v}`, { createdMs: rand() < 0.2 ? T0 - 10 * DAY : T0 - 500 * DAY, device: `d-crowd-${v}`, ip: `100.80.${v % 250}.0/24` });
      const t = T0 + 300_000 + Math.floor(rand() * 120_000);
      const swipe = rand() < 0.35;
      events.push(join(ROOM, t, u), leave(ROOM, t + (swipe ? 2_000 + Math.floor(rand() * 12_000) : 120_000), u));
    }
    expect(alertsFor(events)).toEqual([]);
  });

  it("stays quiet for a campus behind one NAT: hundreds of students on two /24s, some of them new", () => {
    const events = background();
    const rand = seeded(8);
    for (let v = 0; v < 400; v++) {
      const u = actor(`student-${v}`, { createdMs: rand() < 0.15 ? T0 - 6 * DAY : T0 - 700 * DAY, device: `d-student-${v}`, ip: `10.${v % 2}.0.0/24` });
      const t = T0 + Math.floor(rand() * 600_000);
      events.push(join(ROOM, t, u), leave(ROOM, t + 3_000 + Math.floor(rand() * 900_000), u));
      if (rand() < 0.1) events.push(order(ROOM, t + 60_000, u, { address: "campus-locker-3" }));
    }
    expect(alertsFor(events)).toEqual([]);
  });
});

describe("FAKE_FOLLOWS", () => {
  it("fires on a follow burst of fresh accounts that follow seconds after joining", () => {
    const events = background();
    for (let b = 0; b < 40; b++) {
      const bot = actor(`fb-${b}`, { createdMs: T0 - DAY, device: `d-fb-${b}`, ip: `100.90.${b}.0/24` });
      events.push(join(ROOM, T0 + 400_000 + b * 1_000, bot), follow(ROOM, T0 + 402_000 + b * 1_000, bot));
    }
    expect(subcategories(alertsFor(events))).toEqual(["FAKE_FOLLOWS"]);
  });

  it("counts a follow farm's cover likes with its follows, not as fake likes", () => {
    const events = background();
    for (let b = 0; b < 30; b++) {
      const bot = actor(`fc-${b}`, { createdMs: T0 - DAY, device: `fc-farm-${b % 3}`, ip: `100.92.${b}.0/24` });
      const t = T0 + 400_000 + b * 1_500;
      events.push(join(ROOM, t, bot), follow(ROOM, t + 3_000, bot), like(ROOM, t + 6_000, bot, 3), leave(ROOM, t + 40_000, bot));
    }
    expect(subcategories(alertsFor(events))).toEqual(["FAKE_FOLLOWS"]);
  });

  it("fires on three batch-registered accounts following seconds after joining, under the household floor", () => {
    // A family is at most four; three accounts registered within the same hour that each follow within seconds
    // of joining are not one (rules-7). Seven more fresh accounts created days apart give the batch a context.
    const events = background().filter((e) => e.body?.$case !== "follow");
    for (let b = 0; b < 3; b++) {
      const bot = actor(`batch-${b}`, { createdMs: T0 - 2 * DAY + b * 60_000, device: `d-batch-${b}`, ip: `100.94.${b}.0/24` });
      events.push(join(ROOM, T0 + 400_000 + b * 20_000, bot), follow(ROOM, T0 + 403_000 + b * 20_000, bot));
    }
    for (let b = 0; b < 2; b++) {
      const bot = actor(`batch-late-${b}`, { createdMs: T0 - 2 * DAY + 30 * 60_000 + b * 60_000, device: `d-bl-${b}`, ip: `100.95.${b}.0/24` });
      events.push(join(ROOM, T0 + 300_000 + b * 7_000, bot));
    }
    const alerts = alertsFor(events).filter((a) => a.subcategory === "FAKE_FOLLOWS");
    expect(alerts.length).toBeGreaterThan(0);
    expect(signal(alerts[0]!, "tell_batch_created")!.value).toBe(1);
    expect(signal(alerts[0]!, "suspicious_accounts")!.value).toBe(3);
  });

  it("stays quiet on a few fresh accounts following quickly when their creation spreads over days (a new-user campaign)", () => {
    const events = background().filter((e) => e.body?.$case !== "follow");
    const rng = seeded(41);
    let t = T0 + 200_000;
    for (let b = 0; b < 40; b++) {
      const user = actor(`newbie-${b}`, { createdMs: T0 - 4 * DAY + b * 6_480_000, device: `d-nb-${b}`, ip: `100.96.${b}.0/24` });
      t += Math.round(-Math.log(1 - rng()) * 9_000); // people arrive at random (Poisson), not on a schedule
      events.push(join(ROOM, t, user));
      // Four follow: under the five-account floor, and at or above the three a registration batch would need.
      if (b % 10 === 0) events.push(follow(ROOM, t + 2_000 + Math.round(rng() * 6_000), user));
    }
    expect(subcategories(alertsFor(events))).toEqual([]);
  });

  it("fires on bought follows from aged accounts that never joined", () => {
    const events = background();
    for (let b = 0; b < 60; b++) events.push(follow(ROOM, T0 + 400_000 + b * 900, actor(`bought-${b}`, { createdMs: T0 - 600 * DAY, device: `d-b-${b}`, ip: `100.91.${b}.0/24` })));
    expect(subcategories(alertsFor(events))).toEqual(["FAKE_FOLLOWS"]);
  });

  it("judges a burst that ends before its tells show on the room's next events, not at its next follow", () => {
    // Nobody else follows for the rest of the stream: before rules-5 the burst waited for a follow to be judged.
    const events = background().filter((e) => e.body?.$case !== "follow");
    for (let b = 0; b < 30; b++) events.push(follow(ROOM, T0 + 400_000 + b * 500, actor(`burst-${b}`, { createdMs: T0 - 600 * DAY, device: `d-bu-${b}`, ip: `100.93.${b}.0/24` })));
    const alerts = alertsFor(events).filter((a) => a.subcategory === "FAKE_FOLLOWS");
    expect(alerts).toHaveLength(1);
    expect(alerts[0]!.severity).toBeGreaterThanOrEqual(Severity.SEVERITY_MEDIUM);
    // Acting without a join shows 30 s after the first follow (the grace), judged at most every 10 s.
    expect(alerts[0]!.eventTimeMs - (T0 + 400_000)).toBeLessThanOrEqual(30_000 + 15_000 + 10_000);
  });

  it("fires on fresh accounts that watch a while and then follow on the farm's fixed schedule", () => {
    const events = background();
    for (let b = 0; b < 40; b++) {
      const bot = actor(`sched-${b}`, { createdMs: T0 - 9 * DAY, device: `d-s-${b}`, ip: `100.92.${b}.0/24` });
      events.push(join(ROOM, T0 + 200_000 + b * 3_000, bot), follow(ROOM, T0 + 300_000 + b * 3_000, bot));
    }
    const alerts = alertsFor(events).filter((a) => a.subcategory === "FAKE_FOLLOWS");
    // The bots also sat 100 s as viewers that arrived on the schedule, which FAKE_VIEWS may name as well.
    // One episode: the first alert once three batch-registered bots show it (rules-7), escalations after.
    expect(alerts.length).toBeGreaterThan(0);
    for (const a of alerts) expect(signal(a, "tell_scheduled_timing")!.value).toBeGreaterThan(0.5);
    for (let i = 1; i < alerts.length; i++) expect(alerts[i]!.severity).toBeGreaterThan(alerts[i - 1]!.severity);
  });

  it("stays quiet when a viral spike of aged accounts follows, and for a lucky bag where watchers follow together", () => {
    const events = background();
    for (let v = 0; v < 200; v++) {
      const u = actor(`vf-${v}`);
      events.push(join(ROOM, T0 + 400_000 + v * 300, u), follow(ROOM, T0 + 410_000 + v * 300, u), leave(ROOM, T0 + 500_000 + v * 300, u));
    }
    const rand = seeded(23);
    for (let v = 0; v < 150; v++) {
      const u = actor(`bag-${v}`, { createdMs: v % 5 === 0 ? T0 - 3 * DAY : T0 - 400 * DAY, device: `d-bag-${v}` });
      const t = T0 + 600_000 + Math.floor(rand() * 60_000);
      // People arrive at random, not every second on the second (fresh ones would be a schedule).
      events.push(join(ROOM, T0 + 100_000 + Math.floor(rand() * 150_000), u), follow(ROOM, t, u), comment(ROOM, t + 500, u));
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

  it("fires on aged mules that never watch, ordering rank items through shared payment accounts", () => {
    const events = background();
    for (let b = 0; b < 12; b++) {
      const mule = actor(`mule-${b}`, { createdMs: T0 - 900 * DAY, device: `d-mule-${b}`, ip: `100.99.${b}.0/24` });
      events.push(order(ROOM, T0 + 300_000 + b * 20_000, mule, { payment: `ring-${b % 3}`, amountCents: 199 }));
    }
    expect(subcategories(alertsFor(events))).toEqual(["FAKE_ORDERS"]);
  });

  it("fires on a ring spread over cards and phones that each look like a household", () => {
    const events = background();
    // Nine aged mules who watch first: three per card, cards chained through phones shared across them.
    for (let b = 0; b < 9; b++) {
      const mule = actor(`chain-${b}`, { createdMs: T0 - 800 * DAY, device: `chain-phone-${Math.floor((b + 1) / 3)}`, ip: `100.97.${b}.0/24` });
      const t = T0 + 300_000 + b * 25_000;
      events.push(join(ROOM, t - 60_000, mule), order(ROOM, t, mule, { payment: `chain-card-${Math.floor(b / 3)}`, amountCents: 3_900 }));
    }
    const alerts = alertsFor(events);
    expect(subcategories(alerts)).toEqual(["FAKE_ORDERS"]);
    expect(signal(alerts[0]!, "tell_buyer_ring")!.value).toBeGreaterThan(0.5);
  });

  it("stays quiet for families that each share a phone, a card and an address, and a campus locker that many of them use", () => {
    const events = background();
    for (let fam = 0; fam < 8; fam++) {
      for (let m = 0; m < 3; m++) {
        const member = actor(`fam-${fam}-${m}`, { createdMs: T0 - 900 * DAY, device: `fam-phone-${fam}`, ip: `100.96.${fam}.0/24` });
        const t = T0 + 200_000 + fam * 40_000 + m * 7_000;
        // The first member of each family has it sent to the campus locker: an address of a few buyers at first,
        // which must not chain the families into a ring (why shared addresses do not link, buyer-rings.ts).
        events.push(join(ROOM, t - 90_000, member), order(ROOM, t, member, { payment: `fam-card-${fam}`, address: m === 0 ? "campus-locker" : `fam-home-${fam}`, amountCents: 8_900 }));
      }
    }
    expect(alertsFor(events)).toEqual([]);
  });

  it("stays quiet for families that each share a phone and a card, however many families buy", () => {
    const events = background();
    for (let fam = 0; fam < 8; fam++) {
      for (let m = 0; m < 3; m++) {
        const member = actor(`fam-${fam}-${m}`, { createdMs: T0 - 900 * DAY, device: `fam-phone-${fam}`, ip: `100.96.${fam}.0/24` });
        const t = T0 + 200_000 + fam * 40_000 + m * 7_000;
        events.push(join(ROOM, t - 90_000, member), order(ROOM, t, member, { payment: `fam-card-${fam}`, address: `fam-home-${fam}`, amountCents: 8_900 }));
      }
    }
    expect(alertsFor(events)).toEqual([]);
  });

  it("fires on aged accounts that never watch, each placing order after order", () => {
    const events = background();
    const rand = seeded(29);
    for (let b = 0; b < 8; b++) {
      const buyer = actor(`repeat-${b}`, { createdMs: T0 - 700 * DAY, device: `d-rep-${b}`, ip: `100.98.${b}.0/24` });
      for (let k = 0; k < 5; k++) events.push(order(ROOM, T0 + 300_000 + Math.floor(rand() * 300_000), buyer, { amountCents: 5_900 }));
    }
    const alerts = alertsFor(events);
    expect(subcategories(alerts)).toEqual(["FAKE_ORDERS"]);
    // The fitted combiner may see the room first (buyers without a join, never liking); the cohort then names the repeats.
    expect(alerts.some((a) => signal(a, "tell_repeat_orders")?.value === 1)).toBe(true);
  });

  it("fires on two aged accounts that watch, then order a dozen times each and refund most of it in the stream", () => {
    const events = background();
    for (let b = 0; b < 2; b++) {
      const buyer = actor(`rr-${b}`, { createdMs: T0 - 800 * DAY, device: `d-rr-${b}`, ip: `100.95.${b}.0/24` });
      events.push(join(ROOM, T0 + 290_000, buyer));
      for (let k = 0; k < 12; k++) {
        const t = T0 + 300_000 + k * 20_000 + b * 3_000;
        events.push(order(ROOM, t, buyer, { payment: `own-card-${b}`, address: "drop-1", amountCents: 3_990, orderId: `rr-${b}-${k}` }));
        if (k % 4 !== 3) events.push(order(ROOM, t + 60_000, buyer, { payment: `own-card-${b}`, amountCents: 3_990, kind: TransactionKind.TRANSACTION_KIND_REFUND, orderId: `rr-${b}-${k}` }));
      }
    }
    const alerts = alertsFor(events);
    expect(subcategories(alerts)).toEqual(["FAKE_ORDERS"]);
    expect(alerts[0]!.severity).toBeGreaterThanOrEqual(Severity.SEVERITY_MEDIUM);
    expect(signal(alerts[0]!, "tell_repeat_refunds")!.value).toBe(1);
  });

  it("stays quiet for a price drop: buyers refund once and order again at the new price", () => {
    const events = background();
    const rand = seeded(23);
    for (let b = 0; b < 40; b++) {
      const buyer = actor(`pd-${b}`, { createdMs: T0 - 500 * DAY, device: `d-pd-${b}`, ip: `100.94.${b}.0/24` });
      const t = T0 + 200_000 + Math.floor(rand() * 200_000);
      const back = T0 + 500_000 + Math.floor(rand() * 120_000);
      events.push(join(ROOM, t - 60_000, buyer), order(ROOM, t, buyer, { payment: `card-pd-${b}`, amountCents: 9_900, orderId: `pd-${b}-a` }));
      events.push(order(ROOM, back, buyer, { payment: `card-pd-${b}`, amountCents: 9_900, kind: TransactionKind.TRANSACTION_KIND_REFUND, orderId: `pd-${b}-a` }));
      events.push(order(ROOM, back + 1_000 + Math.floor(rand() * 30_000), buyer, { payment: `card-pd-${b}`, amountCents: 6_900, orderId: `pd-${b}-b` }));
    }
    expect(alertsFor(events)).toEqual([]);
  });

  it("stays quiet for a flash sale: hundreds of identical orders from distinct buyers in a minute", () => {
    const events = background();
    const rand = seeded(19);
    let t = T0 + 500_000;
    for (let b = 0; b < 400; b++) {
      t += Math.floor(-Math.log(1 - rand()) * 150); // Poisson arrivals, 150 ms apart on average
      events.push(order(ROOM, t, actor(`buyer-${b}`), { amountCents: 990 }));
    }
    expect(alertsFor(events)).toEqual([]);
  });

  it("stays quiet for a new-user campaign: fresh accounts watching, then buying the ¥0.99 item", () => {
    const events = background();
    const rand = seeded(17);
    for (let b = 0; b < 200; b++) {
      const u = actor(`newbie-${b}`, { createdMs: T0 - Math.floor(rand() * 3 * DAY), device: `d-new-${b}`, ip: `100.${100 + (b % 120)}.0.0/24` });
      const t = T0 + 200_000 + Math.floor(rand() * 300_000);
      events.push(join(ROOM, t, u));
      if (rand() < 0.3) events.push(order(ROOM, t + 60_000 + Math.floor(rand() * 120_000), u, { amountCents: 99 }));
    }
    expect(alertsFor(events)).toEqual([]);
  });
});

describe("severity", () => {
  it("escalates within an episode when the attack grows, instead of holding its first severity for the cooldown", () => {
    const events = background();
    const rand = seeded(31);
    for (let v = 0; v < 200; v++) {
      const u = actor(`regular-${v}`, { device: `d-reg-${v}`, ip: `100.120.${v}.0/24` });
      const t = T0 + 240_000 + Math.floor(rand() * 360_000);
      events.push(join(ROOM, t - 60_000, u), follow(ROOM, t, u));
    }
    for (let b = 0; b < 120; b++) {
      const bot = actor(`grow-${b}`, { createdMs: T0 - 2 * DAY, device: `d-grow-${b}`, ip: `100.121.${b}.0/24` });
      const t = T0 + 300_000 + b * 3_000;
      events.push(join(ROOM, t, bot), follow(ROOM, t + 1_000, bot));
    }
    const alerts = alertsFor(events).filter((a) => a.subcategory === "FAKE_FOLLOWS");
    expect(alerts.length).toBeGreaterThanOrEqual(2);
    expect(alerts[0]!.severity).toBe(Severity.SEVERITY_MEDIUM);
    expect(alerts[alerts.length - 1]!.severity).toBeGreaterThan(alerts[0]!.severity);
    expect(new Set(alerts.map((a) => a.alertId)).size).toBe(alerts.length);
  });
});
