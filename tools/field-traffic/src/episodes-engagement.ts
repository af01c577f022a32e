import { household, organicPerson } from "./identity";
import { Audience, present } from "./organic";
import { episodeStart, newcomer, Params, round } from "./episodes-crowds";
import { Rng } from "./random";
import { RoomBuilder } from "./room";
import { buy, Habits, ORDINARY, tapBurst } from "./viewer";

const MIN = 60_000;

/** "Likes reach 100k → lucky draw": 30–80 % of present viewers tap at human rates for 2–5 min. */
export function likeGiveaway(b: RoomBuilder, rng: Rng, aud: Audience): Params {
  const at = episodeStart(rng, b);
  const minutes = rng.uniform(2, 5);
  const share = rng.uniform(0.3, 0.8);
  let tappers = 0;
  for (const s of present(aud.sessions, at)) {
    if (!rng.chance(share)) continue;
    tappers++;
    let t = at + rng.logNormal(4_000, 0.8);
    const stop = Math.min(s.toMs, at + minutes * MIN);
    while (t < stop) {
      const len = rng.uniform(5, 40);
      tapBurst(b, rng, s.person, t, Math.min(len, (stop - t) / 1000), rng.uniform(3, 10), "episode");
      t += len * 1000 + rng.uniform(2_000, 30_000);
    }
  }
  return { episodeStartMin: (at - b.meta.startMs) / MIN, minutes: round(minutes), share: round(share), tappers };
}

/** 福袋: "follow and comment the password": 20–60 % of viewers follow within 1–2 min and post the same text. */
export function luckyBag(b: RoomBuilder, rng: Rng, aud: Audience): Params {
  const at = episodeStart(rng, b);
  const share = rng.uniform(0.2, 0.6);
  const password = rng.pick(["福袋冲冲冲", "主播最美", "好物推荐", "我要福袋", "抢抢抢"]);
  let followers = 0;
  for (const s of present(aud.sessions, at)) {
    if (!rng.chance(share)) continue;
    followers++;
    const t = at + rng.logNormal(20_000, 0.7);
    b.follow(s.person, t, "episode");
    if (rng.chance(0.8)) b.comment(s.person, t + rng.uniform(1_000, 30_000), password, "episode");
  }
  return { episodeStartMin: (at - b.meta.startMs) / MIN, share: round(share), followers };
}

/** 10–40 families of 2–4 accounts on one phone, one card and address, watching long, sometimes ordering together. */
export function familyDevices(b: RoomBuilder, rng: Rng, aud: Audience): Params {
  const families = rng.int(10, 40);
  let members = 0;
  for (let f = 0; f < families; f++) {
    const family = household(rng, b.meta.startMs, rng.int(2, 4));
    members += family.length;
    const at = rng.uniform(b.meta.startMs, b.meta.endMs - 10 * MIN);
    const together = rng.chance(0.3);
    const sku = rng.pick(aud.skus);
    family.forEach((p, k) => {
      // On one phone the members take turns rather than watch at once.
      const from = at + k * rng.uniform(1, 8) * MIN;
      const s = newcomer(b, rng, aud, from, rng.logNormal(15 * MIN, 0.6), ORDINARY, p);
      if (together && s.toMs - s.fromMs > 60_000) buy(b, rng, p, sku, rng.uniform(s.fromMs + 30_000, s.toMs), "episode", aud.purchases, 0.95);
    });
  }
  return { families, members };
}

/** The streamer cuts the price: 20–60 % of those who bought at the old price refund and re-order the same SKU. */
export function priceDropRefunds(b: RoomBuilder, rng: Rng, aud: Audience): Params {
  const at = episodeStart(rng, b);
  const sku = rng.pick(aud.skus);
  const early = rng.int(20, 80);
  // Enough people bought at the old price in the 3–20 minutes before.
  for (let i = 0; i < early; i++) {
    const s = newcomer(b, rng, aud, at - rng.uniform(4, 25) * MIN, 25 * MIN + rng.logNormal(5 * MIN, 0.8), { ...ORDINARY, buyProb: 0 });
    buy(b, rng, s.person, sku, Math.min(at - 60_000, s.fromMs + rng.uniform(30_000, 3 * MIN)), "episode", aud.purchases, 1);
  }
  const share = rng.uniform(0.2, 0.6);
  const newPrice = Math.round(sku.priceCents * rng.uniform(0.6, 0.9));
  let refunds = 0;
  for (const p of aud.purchases.filter((x) => x.sku.id === sku.id && x.paid && x.atMs < at - 60_000)) {
    if (!rng.chance(share)) continue;
    refunds++;
    const t = at + rng.logNormal(90_000, 0.8);
    b.refund(p.person, t, p.orderId, sku.id, sku.priceCents, "episode");
    buy(b, rng, p.person, { id: sku.id, priceCents: newPrice }, t + rng.uniform(10_000, 120_000), "episode", undefined, 0.95);
  }
  return { episodeStartMin: (at - b.meta.startMs) / MIN, earlyBuyers: early, share: round(share), refunds };
}

/** A fan club of 30–200 accounts 1–6 years old that joins at the start, stays the whole stream and interacts. */
export function loyalFans(b: RoomBuilder, rng: Rng, aud: Audience): Params {
  const fans = rng.int(30, 200);
  const habits: Habits = { likeProb: 0.7, commentProb: 0.5, followProb: 0, buyProb: 0.08, tipProb: 0.05 };
  for (let i = 0; i < fans; i++) {
    const person = organicPerson(rng, b.meta.startMs, aud.nets, 0);
    person.actor.accountCreatedMs = Math.round(b.meta.startMs - rng.uniform(365, 2190) * 86_400_000);
    newcomer(b, rng, aud, b.meta.startMs + rng.uniform(0, 3 * MIN), b.meta.endMs - b.meta.startMs, habits, person);
  }
  return { fans };
}

/**
 * 连麦PK: two streamers race for likes for 3–6 min and the host shouts every 20–40 s; present fans
 * tap together at the top of the human range. Not in the threat model; it is the likeliest source
 * of synchronised, fast, human tapping a platform sees.
 */
export function pkBattle(b: RoomBuilder, rng: Rng, aud: Audience): Params {
  const at = episodeStart(rng, b);
  const minutes = rng.uniform(3, 6);
  const share = rng.uniform(0.4, 0.8);
  const fans = present(aud.sessions, at).filter(() => rng.chance(share));
  let cues = 0;
  for (let t = at; t < at + minutes * MIN; t += rng.uniform(20_000, 40_000)) {
    cues++;
    for (const s of fans) if (s.toMs > t && rng.chance(0.8)) tapBurst(b, rng, s.person, t + rng.logNormal(2_000, 0.5), rng.uniform(5, 15), rng.uniform(6, 12), "episode");
  }
  return { episodeStartMin: (at - b.meta.startMs) / MIN, minutes: round(minutes), fans: fans.length, cues };
}

/**
 * 社区团购: a neighbourhood group-buy leader's 8–25 neighbours order the same SKU within minutes and
 * ship to the leader's pick-up point. Not in the threat model; it shares an address key like a mule ring.
 */
export function communityGroupBuy(b: RoomBuilder, rng: Rng, aud: Audience): Params {
  const at = episodeStart(rng, b);
  const neighbours = rng.int(8, 25);
  const pickup = `ad_${rng.hex(16)}`;
  const sku = rng.pick(aud.skus);
  const spreadMin = rng.uniform(2, 10);
  for (let i = 0; i < neighbours; i++) {
    const person = organicPerson(rng, b.meta.startMs, aud.nets, 0.05);
    person.addressHash = pickup;
    const s = newcomer(b, rng, aud, at - rng.uniform(1, 10) * MIN, 12 * MIN + rng.logNormal(5 * MIN, 0.7), { ...ORDINARY, buyProb: 0 }, person);
    buy(b, rng, person, sku, Math.min(s.toMs - 1_000, at + rng.uniform(0, spreadMin * MIN)), "episode", aud.purchases, 0.97);
  }
  return { episodeStartMin: (at - b.meta.startMs) / MIN, neighbours, spreadMin: round(spreadMin) };
}
