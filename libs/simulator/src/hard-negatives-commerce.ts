/**
 * Threat model §4 shopping crowds that look like order brushing: a
 * countdown drop, the platform's new-user ¥1 offer and a mid-stream price
 * cut that makes earlier buyers refund and re-order; and the older sale,
 * spike and family episodes drawn with their §4 ranges.
 */
import { TransactionKind, ViewKind } from "@redline/proto";
import type { Actor } from "@redline/proto";
import { DAY_MS } from "./accounts";
import type { EpisodeContext, EpisodeParams } from "./hard-negatives-crowds";
import { devotedFan, familyDevices, flashSale, viralSpike } from "./hard-negatives";
import type { RoomEvents } from "./room-events";
import { buy, ownWallet, visit } from "./viewer";
import type { Shop } from "./viewer";

function shopOf(x: EpisodeContext): Shop {
  if (x.shop === null) throw new RangeError("this hard negative needs a room with a shop");
  return x.shop;
}

/** A countdown: 100-800 joins in the 2 min before the drop, then 30-300 of them order one SKU within 10-40 s, each with their own card. */
export function countdownDrop(x: EpisodeContext): EpisodeParams {
  const { room, rng, atMs } = x;
  const shop = shopOf(x);
  const joiners = rng.int(100, 800);
  const orders = Math.min(joiners, rng.int(30, 300));
  const rushMs = rng.uniform(10_000, 40_000);
  const sku = rng.pick(shop.skus);
  for (let i = 0; i < joiners; i++) {
    const user = x.accounts.next();
    const joinMs = atMs - rng.uniform(0, 120_000);
    room.join(joinMs, user);
    // Joiners arrive in random order, so the first `orders` of them are a random subset.
    if (i < orders) buy(room, rng, user, atMs + rng.uniform(500, rushMs), shop, ownWallet(user), sku, rng.uniform(0.05, 0.2));
    room.leave(atMs + rng.logNormal(3 * 60_000, 0.9), user);
  }
  return { joiners, orders, rushS: Math.round(rushMs / 1000) };
}

/** 新人专享: 30-60 % of joiners signed up 0-3 days ago (spread, not a batch); 5-15 % of them buy a ¥0.99-9.90 item after watching. */
export function newUserCampaign(x: EpisodeContext): EpisodeParams {
  const { room, rng } = x;
  const shop = shopOf(x);
  const organicJoins = room.events.filter((e) => e.body?.$case === "view" && e.body.value.kind === ViewKind.VIEW_KIND_JOIN).length;
  const freshShare = rng.uniform(0.3, 0.6);
  const newcomers = Math.min(3_000, Math.round((organicJoins * freshShare) / (1 - freshShare)));
  const buyShare = rng.uniform(0.05, 0.15);
  const item = { skuId: `sku-${room.roomId}-${shop.skus.length}`, amountCents: rng.chance(0.3) ? 99 : 10 * rng.int(10, 99) };
  const behaviour = { ...x.behaviour, buyShare: 0 };
  for (let i = 0; i < newcomers; i++) {
    const user: Actor = { ...x.accounts.next(), accountCreatedMs: Math.round(room.startMs - rng.uniform(0, 3) * DAY_MS) };
    const s = visit(room, rng, user, rng.uniform(room.startMs, room.endMs - 60_000), behaviour, shop);
    if (s.leaveMs - s.joinMs > 40_000 && rng.chance(buyShare)) buy(room, rng, user, rng.uniform(s.joinMs + 30_000, s.leaveMs), shop, ownWallet(user), item);
  }
  return { freshShare: Math.round(freshShare * 100) / 100, newcomers, buyShare: Math.round(buyShare * 100) / 100, amountCents: item.amountCents };
}

function paidOrder(room: RoomEvents, user: Actor, t: number, sku: { skuId: string; amountCents: number }, paidAfterMs: number): Order {
  const o = orderOf(room, user, t, sku);
  room.transaction(t, user, TransactionKind.TRANSACTION_KIND_ORDER, o);
  room.transaction(t + paidAfterMs, user, TransactionKind.TRANSACTION_KIND_PAYMENT, o);
  return o;
}

type Order = ReturnType<typeof ownWallet> & { orderId: string; skuId: string; amountCents: number };

function orderOf(room: RoomEvents, user: Actor, t: number, sku: { skuId: string; amountCents: number }): Order {
  return { orderId: `o-${room.roomId}-${user.userId}-${Math.round(t)}`, skuId: sku.skuId, amountCents: sku.amountCents, ...ownWallet(user) };
}

/** The streamer cuts a price mid-stream: 20-60 % of those who bought it minutes earlier refund and re-order at the new price. */
export function priceDropRefunds(x: EpisodeContext): EpisodeParams {
  const { room, rng, atMs } = x;
  const sku = rng.pick(shopOf(x).skus);
  const cut = { skuId: sku.skuId, amountCents: Math.max(100, Math.round((sku.amountCents * rng.uniform(0.6, 0.9)) / 10) * 10) };
  const buyers = rng.int(20, 80);
  const refundShare = rng.uniform(0.2, 0.6);
  let refunders = 0;
  for (let i = 0; i < buyers; i++) {
    const user = x.accounts.next();
    const joinMs = rng.uniform(room.startMs, atMs - 150_000);
    const leaveMs = atMs + rng.uniform(6, 15) * 60_000;
    room.join(joinMs, user);
    const first = paidOrder(room, user, rng.uniform(joinMs + 20_000, atMs - 30_000), sku, rng.uniform(5_000, 60_000));
    if (rng.chance(refundShare)) {
      refunders++;
      const refundMs = atMs + rng.uniform(20_000, 300_000);
      room.transaction(refundMs, user, TransactionKind.TRANSACTION_KIND_REFUND, first);
      paidOrder(room, user, refundMs + rng.uniform(5_000, 60_000), cut, rng.uniform(5_000, 60_000));
    }
    room.leave(leaveMs, user);
  }
  return { buyers, refunders, oldCents: sku.amountCents, newCents: cut.amountCents };
}

/** 秒杀: 40-400 orders in 1-3 min, 10-30 % left unpaid, from viewers who watched first. */
export function flashSaleEpisode(x: EpisodeContext): EpisodeParams {
  const buyers = x.rng.int(40, 400);
  const unpaidShare = x.rng.uniform(0.1, 0.3);
  flashSale(x.room, x.rng, x.accounts, shopOf(x), x.atMs, buyers, x.sessions, unpaidShare);
  return { buyers, unpaidShare: Math.round(unpaidShare * 100) / 100 };
}

/** The feed pushes the room: 3-10x the baseline joins for 1-3 min, most swiping on within seconds. */
export function viralPushEpisode(x: EpisodeContext, baselinePerMinute: number): EpisodeParams {
  const multiple = x.rng.uniform(3, 10);
  const durationMs = x.rng.uniform(1, 3) * 60_000;
  viralSpike(x.room, x.rng, x.accounts, x.shop, x.atMs, baselinePerMinute * multiple, durationMs, { ...x.behaviour, swipeMedianMs: x.rng.uniform(5_000, 12_000) });
  return { multiple: Math.round(multiple * 10) / 10, durationS: Math.round(durationMs / 1000) };
}

export function familyDevicesEpisode(x: EpisodeContext): EpisodeParams {
  const families = x.rng.int(10, 40);
  familyDevices(x.room, x.rng, x.accounts, x.shop, families);
  return { families };
}

export function devotedFanEpisode(x: EpisodeContext): EpisodeParams {
  devotedFan(x.room, x.rng, x.accounts, x.shop);
  return { fans: 1 };
}
