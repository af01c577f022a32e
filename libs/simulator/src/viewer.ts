/**
 * One person's visit to a room: join, maybe swipe away within seconds,
 * otherwise stay minutes and like in bursts of taps (a thumb manages ~3-8
 * taps a second, batched by the client), comment, follow, buy.
 */
import { TransactionKind } from "@redline/proto";
import type { Actor } from "@redline/proto";
import type { Rng } from "./rng";
import type { RoomEvents } from "./room-events";

export interface Behaviour {
  swipeShare: number;
  /** Median seconds-long visit of a swipe-through viewer, in ms. */
  swipeMedianMs: number;
  likerShare: number;
  commentShare: number;
  followShare: number;
  /** Share of staying viewers who buy; 0 in rooms that sell nothing. */
  buyShare: number;
  /** Median minutes a staying viewer stays. */
  stayMedianMin: number;
}

export const ORDINARY: Readonly<Behaviour> = Object.freeze({
  swipeShare: 0.4,
  swipeMedianMs: 6_000,
  likerShare: 0.35,
  commentShare: 0.2,
  followShare: 0.04,
  buyShare: 0.025,
  stayMedianMin: 4,
});

export interface Shop {
  skus: Array<{ skuId: string; amountCents: number }>;
}

export interface Wallet {
  paymentAccountId: string;
  shippingAddressHash: string;
}

export function ownWallet(user: Actor): Wallet {
  return { paymentAccountId: `pay-${user.userId}`, shippingAddressHash: `addr-${user.userId}` };
}

export interface Session {
  user: Actor;
  joinMs: number;
  leaveMs: number;
  liker: boolean;
}

export const COMMENTS = ["hello", "so pretty", "how much?", "link please", "love it", "size?", "👍", "bought!"];

/** Likes like a person: bursts of a few seconds, pauses of a minute or so. */
export function humanLikes(room: RoomEvents, rng: Rng, user: Actor, fromMs: number, toMs: number): void {
  let t = fromMs + rng.exp(20_000);
  while (t < toMs) {
    const burstEvents = rng.int(2, 12);
    const tapsPerSecond = rng.uniform(2, 7);
    for (let i = 0; i < burstEvents && t < toMs; i++) {
      const gapMs = rng.uniform(700, 2_500);
      room.like(t, user, Math.max(1, Math.round((tapsPerSecond * gapMs) / 1000)));
      t += gapMs;
    }
    t += rng.exp(70_000);
  }
}

/** `unpaidShare`: orders left unpaid (stock ran out, timeout); 0 draws nothing, so existing seeds are unchanged. */
export function buy(room: RoomEvents, rng: Rng, user: Actor, t: number, shop: Shop, wallet: Wallet, sku = rng.pick(shop.skus), unpaidShare = 0): void {
  const orderId = `o-${room.roomId}-${user.userId}-${Math.round(t)}`;
  const o = { orderId, skuId: sku.skuId, amountCents: sku.amountCents, ...wallet };
  room.transaction(t, user, TransactionKind.TRANSACTION_KIND_ORDER, o);
  if (unpaidShare > 0 && rng.chance(unpaidShare)) return;
  room.transaction(t + rng.uniform(5_000, 60_000), user, TransactionKind.TRANSACTION_KIND_PAYMENT, o);
  // A few people change their minds.
  if (rng.chance(0.03)) room.transaction(t + rng.uniform(120_000, 900_000), user, TransactionKind.TRANSACTION_KIND_REFUND, o);
}

export function visit(room: RoomEvents, rng: Rng, user: Actor, joinMs: number, b: Behaviour, shop: Shop | null, wallet: Wallet = ownWallet(user)): Session {
  room.join(joinMs, user);
  if (rng.chance(b.swipeShare)) {
    const leaveMs = joinMs + rng.logNormal(b.swipeMedianMs, 0.6);
    room.leave(leaveMs, user);
    return { user, joinMs, leaveMs, liker: false };
  }
  const leaveMs = Math.min(room.endMs - 1, joinMs + rng.logNormal(b.stayMedianMin * 60_000, 0.9));
  const liker = rng.chance(b.likerShare);
  if (liker) humanLikes(room, rng, user, joinMs, leaveMs);
  if (rng.chance(b.commentShare)) {
    const n = rng.int(1, 4);
    for (let i = 0; i < n; i++) room.comment(rng.uniform(joinMs, leaveMs), user, rng.pick(COMMENTS));
  }
  if (rng.chance(b.followShare)) room.follow(rng.uniform(joinMs + 3_000, leaveMs), user);
  if (shop !== null && rng.chance(b.buyShare)) {
    const items = rng.chance(0.15) ? 2 : 1;
    for (let i = 0; i < items; i++) buy(room, rng, user, rng.uniform(joinMs + 5_000, leaveMs), shop, wallet);
  }
  room.leave(leaveMs, user);
  return { user, joinMs, leaveMs, liker };
}
