import { organicPerson, prefix } from "./identity";
import { Audience, present } from "./organic";
import { Rng } from "./random";
import { Person, RoomBuilder } from "./room";
import { buy, Habits, interact, ORDINARY, Session, Sku } from "./viewer";

const MIN = 60_000;
const QUIET: Habits = { likeProb: 0.1, commentProb: 0.05, followProb: 0.01, buyProb: 0, tipProb: 0 };

export type Params = Record<string, number | string>;

/** Someone new who comes in for the episode and then behaves as an ordinary viewer would. */
export function newcomer(b: RoomBuilder, rng: Rng, aud: Audience, joinAt: number, dwellMs: number, habits: Habits = ORDINARY, who?: Person): Session {
  const person = who ?? organicPerson(rng, b.meta.startMs, aud.nets);
  const fromMs = Math.max(b.meta.startMs, joinAt);
  const toMs = Math.min(b.meta.endMs, fromMs + dwellMs);
  b.join(person, fromMs, "episode");
  if (toMs < b.meta.endMs) b.leave(person, toMs, "episode");
  interact(b, rng, person, fromMs, toMs, habits, aud.skus, "episode", aud.purchases);
  const s = { person, fromMs, toMs };
  aud.sessions.push(s);
  return s;
}

export const episodeStart = (rng: Rng, b: RoomBuilder, tailMin = 5): number =>
  rng.uniform(b.meta.startMs + 5 * MIN, Math.max(b.meta.startMs + 6 * MIN, b.meta.endMs - tailMin * MIN));

const longTail = (rng: Rng): number => rng.logNormal(6 * MIN, 1.1);

/** 秒杀: a price drop for 1–3 min, 40–400 orders from people who were watching, 10–30 % unpaid. */
export function flashSale(b: RoomBuilder, rng: Rng, aud: Audience): Params {
  const at = episodeStart(rng, b);
  const lengthS = rng.uniform(60, 180);
  const orders = rng.int(40, 400);
  const unpaid = rng.uniform(0.1, 0.3);
  const saleSkus: Sku[] = aud.skus.slice(0, rng.int(1, Math.min(3, aud.skus.length))).map((s) => ({ ...s, priceCents: Math.round(s.priceCents * 0.5) }));
  const buyers = present(aud.sessions, at);
  while (buyers.length < orders) buyers.push(newcomer(b, rng, aud, at - rng.uniform(1, 12) * MIN, rng.uniform(14, 40) * MIN));
  rng.shuffle(buyers);
  for (let i = 0; i < orders; i++) buy(b, rng, buyers[i]!.person, rng.pick(saleSkus), at + rng.uniform(0, lengthS * 1000), "episode", aud.purchases, 1 - unpaid);
  return { episodeStartMin: (at - b.meta.startMs) / MIN, orders, unpaid: round(unpaid), lengthS: Math.round(lengthS), saleSkus: saleSkus.length };
}

/** A countdown drop: 100–800 joins in the 2 min before, then 30–300 orders within 10–40 s of the drop, one SKU. */
export function countdownDrop(b: RoomBuilder, rng: Rng, aud: Audience): Params {
  const at = episodeStart(rng, b);
  const joins = rng.int(100, 800);
  const orders = Math.min(joins, rng.int(30, 300));
  const windowS = rng.uniform(10, 40);
  const sku = rng.pick(aud.skus);
  const crowd = Array.from({ length: joins }, () => newcomer(b, rng, aud, at - rng.uniform(0, 2 * MIN), 2 * MIN + longTail(rng), QUIET));
  rng.shuffle(crowd);
  for (let i = 0; i < orders; i++) buy(b, rng, crowd[i]!.person, sku, at + rng.uniform(0, windowS * 1000), "episode", aud.purchases, 0.85);
  return { episodeStartMin: (at - b.meta.startMs) / MIN, joins, orders, windowS: Math.round(windowS) };
}

/** A feed push: 3–10× the room's join rate for 1–3 min, most swipe on within 3–30 s, a few stay. */
export function viralPush(b: RoomBuilder, rng: Rng, aud: Audience): Params {
  const at = episodeStart(rng, b);
  const minutes = rng.uniform(1, 3);
  const multiple = rng.uniform(3, 10);
  const baseline = aud.sessions.length / Math.max(1, (b.meta.endMs - b.meta.startMs) / MIN);
  const joins = Math.max(60, Math.round(baseline * multiple * minutes));
  for (let i = 0; i < joins; i++) {
    const person = organicPerson(rng, b.meta.startMs, aud.nets, 0.2);
    const t = at + rng.uniform(0, minutes * MIN);
    const stays = rng.chance(0.1);
    newcomer(b, rng, aud, t, stays ? longTail(rng) : rng.uniform(3_000, 30_000), stays ? ORDINARY : QUIET, person);
    if (!stays && rng.chance(0.1)) newcomer(b, rng, aud, t + rng.uniform(20_000, 5 * MIN), rng.uniform(3_000, 30_000), QUIET, person);
  }
  return { episodeStartMin: (at - b.meta.startMs) / MIN, joins, multiple: round(multiple), minutes: round(minutes) };
}

/** A big streamer's raid: 150–1,000 joins in ≤ 60 s, long-tailed dwell, 10–40 % follow within minutes, chat. */
export function raid(b: RoomBuilder, rng: Rng, aud: Audience): Params {
  const at = episodeStart(rng, b);
  const joins = rng.int(150, 1000);
  const spreadS = rng.uniform(10, 60);
  const follow = rng.uniform(0.1, 0.4);
  const habits: Habits = { ...ORDINARY, commentProb: 0.3, followProb: 0 };
  for (let i = 0; i < joins; i++) {
    const s = newcomer(b, rng, aud, at + rng.uniform(0, spreadS * 1000), longTail(rng), habits);
    if (rng.chance(follow) && s.toMs - s.fromMs > 20_000) b.follow(s.person, rng.uniform(s.fromMs + 15_000, Math.min(s.toMs, s.fromMs + 5 * MIN)), "episode");
  }
  return { episodeStartMin: (at - b.meta.startMs) / MIN, joins, spreadS: Math.round(spreadS), follow: round(follow) };
}

/**
 * The app or CDN hiccups: 40–90 % of present viewers drop and rejoin within 3–60 s, some twice;
 * most LEAVEs never arrive. Not in the threat model; every platform has these minutes.
 */
export function reconnectStorm(b: RoomBuilder, rng: Rng, aud: Audience): Params {
  const at = episodeStart(rng, b);
  const share = rng.uniform(0.4, 0.9);
  let dropped = 0;
  for (const s of present(aud.sessions, at)) {
    if (!rng.chance(share)) continue;
    dropped++;
    let t = at + rng.uniform(0, 20_000);
    for (let k = rng.chance(0.2) ? 2 : 1; k > 0; k--) {
      if (rng.chance(0.4)) b.leave(s.person, t, "episode");
      t += rng.uniform(3_000, 60_000);
      b.join(s.person, t, "episode");
      t += rng.uniform(10_000, 60_000);
    }
  }
  return { episodeStartMin: (at - b.meta.startMs) / MIN, share: round(share), dropped };
}

/** 新人专享: a stream of 0–3-day-old accounts (created over days, not a batch) of which 5–15 % buy a ¥0.99–9.90 item. */
export function newUserCampaign(b: RoomBuilder, rng: Rng, aud: Audience): Params {
  const at = episodeStart(rng, b, 15);
  const minutes = rng.uniform(10, 30);
  const newcomers = Math.max(30, Math.round(aud.sessions.length * rng.uniform(0.4, 1.5)));
  const buyShare = rng.uniform(0.05, 0.15);
  const item: Sku = { id: `sku_${rng.hex(8)}`, priceCents: rng.int(99, 990) };
  for (let i = 0; i < newcomers; i++) {
    const person = organicPerson(rng, b.meta.startMs, aud.nets, 1);
    person.actor.accountCreatedMs = Math.round(b.meta.startMs - rng.uniform(0.05, 3) * 86_400_000);
    const s = newcomer(b, rng, aud, at + rng.uniform(0, minutes * MIN), rng.logNormal(5 * MIN, 0.9), QUIET, person);
    if (rng.chance(buyShare) && s.toMs - s.fromMs > 70_000) buy(b, rng, person, item, rng.uniform(s.fromMs + 60_000, s.toMs), "episode", aud.purchases, 0.95);
  }
  return { episodeStartMin: (at - b.meta.startMs) / MIN, newcomers, buyShare: round(buyShare), minutes: round(minutes) };
}

/** 100–600 students behind 1–4 NAT /24s, own phones and cards, shipping to 1–3 campus lockers, buying over the stream. */
export function campusNetwork(b: RoomBuilder, rng: Rng, aud: Audience): Params {
  const students = rng.int(100, 600);
  const nats = Array.from({ length: rng.int(1, 4) }, () => prefix(rng));
  const lockers = Array.from({ length: rng.int(1, 3) }, () => `ad_${rng.hex(16)}`);
  const habits: Habits = { ...ORDINARY, buyProb: rng.uniform(0.03, 0.1) };
  for (let i = 0; i < students; i++) {
    const person = organicPerson(rng, b.meta.startMs, aud.nets, 0.15);
    person.actor.ipPrefix = rng.pick(nats);
    person.addressHash = rng.pick(lockers);
    newcomer(b, rng, aud, rng.uniform(b.meta.startMs, b.meta.endMs - MIN), rng.logNormal(5 * MIN, 1.1), habits, person);
  }
  return { students, nats: nats.length, lockers: lockers.length, buyProb: round(habits.buyProb) };
}

export const round = (x: number): number => Math.round(x * 1000) / 1000;
