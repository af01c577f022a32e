/**
 * Legitimate traffic that looks like fraud to a naive rule: flash sales,
 * viral spikes, families on one phone, a devoted fan in a small room.
 */
import type { AccountFactory } from "./accounts";
import type { Rng } from "./rng";
import type { RoomEvents } from "./room-events";
import { arrivals, family } from "./organic";
import { buy, ORDINARY, ownWallet, visit } from "./viewer";
import type { Behaviour, Session, Shop } from "./viewer";

/** Hundreds of real buyers in about a minute, same SKU at the same sale price, each with their own card and home. */
export function flashSale(room: RoomEvents, rng: Rng, accounts: AccountFactory, shop: Shop, atMs: number, buyers: number, present: readonly Session[], unpaidShare = 0): void {
  const sku = { skuId: `flash-${room.roomId}`, amountCents: rng.pick([990, 1990, 4990, 9900]) };
  const inRoom = present.filter((s) => s.joinMs < atMs && s.leaveMs > atMs + 60_000);
  for (let i = 0; i < buyers; i++) {
    const t = atMs + Math.min(90_000, rng.exp(25_000));
    const existing = i < inRoom.length && rng.chance(0.5) ? inRoom[i] : undefined;
    if (existing !== undefined) {
      buy(room, rng, existing.user, t, shop, ownWallet(existing.user), sku, unpaidShare);
      continue;
    }
    // Alerted by a notification, new buyers join, buy, and most stay a while.
    const user = accounts.next();
    const joinMs = t - rng.uniform(3_000, 40_000);
    room.join(joinMs, user);
    buy(room, rng, user, t, shop, ownWallet(user), sku, unpaidShare);
    if (rng.chance(0.3)) room.like(t + rng.uniform(1_000, 20_000), user, rng.int(1, 6));
    room.leave(t + rng.logNormal(90_000, 0.8), user);
  }
}

/** A sudden crowd of ordinary accounts (the room got recommended): more joins, likes and follows, all human. */
export function viralSpike(room: RoomEvents, rng: Rng, accounts: AccountFactory, shop: Shop | null, atMs: number, perMinute: number, durationMs: number, base: Behaviour = ORDINARY): Session[] {
  const sessions: Session[] = [];
  // A feed push brings many who swipe straight on, as well as many who stay.
  const b = { ...base, likerShare: 0.45, followShare: 0.08, swipeShare: rng.uniform(0.3, 0.7) };
  arrivals(room, rng, atMs, atMs + durationMs, perMinute, (t) => sessions.push(visit(room, rng, accounts.next(), t, b, shop)));
  return sessions;
}

/** Several families watching all show, each on one phone, liking, following and buying on a shared card. */
export function familyDevices(room: RoomEvents, rng: Rng, accounts: AccountFactory, shop: Shop | null, families: number): void {
  const b = { ...ORDINARY, swipeShare: 0, likerShare: 0.8, followShare: 0.5, buyShare: 0.5, stayMedianMin: 15 };
  for (let f = 0; f < families; f++) {
    const fam = family(rng, accounts, rng.int(3, 4));
    const t = room.startMs + rng.uniform(0, 300_000);
    for (const m of fam.members) visit(room, rng, m, t + rng.uniform(0, 20_000), b, shop, fam.wallet);
  }
}

/** One fan who stays the whole show, tapping hard and often, commenting and buying a few things. */
export function devotedFan(room: RoomEvents, rng: Rng, accounts: AccountFactory, shop: Shop | null): void {
  const fan = accounts.next();
  const joinMs = room.startMs + rng.uniform(0, 30_000);
  room.join(joinMs, fan);
  room.follow(joinMs + rng.uniform(2_000, 30_000), fan);
  let t = joinMs + 5_000;
  while (t < room.endMs - 5_000) {
    const burstMs = rng.uniform(30_000, 240_000);
    const tapsPerSecond = rng.uniform(3, 8);
    for (const end = t + burstMs; t < end; ) {
      const gapMs = rng.uniform(600, 1_500);
      room.like(t, fan, (tapsPerSecond * gapMs) / 1000);
      t += gapMs;
    }
    t += rng.uniform(5_000, 60_000);
  }
  for (let c = joinMs; c < room.endMs; c += rng.uniform(20_000, 90_000)) room.comment(c, fan, "love you!!");
  if (shop !== null) {
    const orders = rng.int(1, 3);
    for (let i = 0; i < orders; i++) buy(room, rng, fan, rng.uniform(joinMs, room.endMs - 60_000), shop, ownWallet(fan));
  }
  room.leave(room.endMs - 2_000, fan);
}
