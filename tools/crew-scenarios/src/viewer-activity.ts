import { TransactionKind } from "@redline/proto";
import { actorOf, type Account, type Wallet } from "./identity";
import type { Rng } from "./rng";
import type { Room, Sku } from "./world";
import { COMMENT_TEXTS } from "./texts";

/** Chance that a viewer who stays at least a minute does each thing. */
export interface Propensity {
  like: number;
  comment: number;
  follow: number;
  buy: number;
  tip: number;
}

export const ORGANIC_PROPENSITY: Readonly<Propensity> = { like: 0.3, comment: 0.12, follow: 0.05, buy: 0.04, tip: 0.01 };

/** One stay of one account in one room. */
export interface Session {
  account: Account;
  ipPrefix: string;
  joinMs: number;
  leaveMs: number;
}

/**
 * Heavy-tailed dwell: a third swipe away within seconds, most stay minutes, a
 * fifth stay to the end of the stream.
 */
export function organicDwellMs(rng: Rng, remainingMs: number): number {
  const u = rng.float();
  let dwellMs: number;
  if (u < 0.35) dwellMs = rng.logNormal(12_000, 0.8);
  else if (u < 0.8) dwellMs = rng.logNormal(4 * 60_000, 1.0);
  else dwellMs = remainingMs;
  return Math.max(1_500, Math.min(dwellMs, remainingMs));
}

/**
 * A human tapping burst: 2–6 client batches ~1 s apart at 2–8 taps/s, now and
 * then 10–15 taps/s for a moment.
 */
export function humanLikeBurst(rng: Rng, room: Room, s: Session, atMs: number): void {
  const tapsPerSec = rng.chance(0.05) ? rng.between(10, 15) : rng.between(2, 8);
  const actor = actorOf(s.account, s.ipPrefix);
  let t = atMs;
  const batches = rng.int(2, 6);
  for (let i = 0; i < batches && t < s.leaveMs; i++) {
    const gapMs = rng.between(700, 1600);
    room.log.like(actor, Math.min(20, Math.max(1, Math.round((tapsPerSec * gapMs) / 1000 + rng.normal()))), t);
    t += gapMs;
  }
}

export interface PurchaseSpec {
  account: Account;
  ipPrefix: string;
  wallet: Wallet;
  sku: Sku;
  amountCents: number;
  orderAtMs: number;
  /** null: never paid (the contract's way of saying "cancelled") */
  payDelayMs: number | null;
  /** null: no refund inside the stream */
  refundDelayMs: number | null;
}

/** ORDER, then PAYMENT and REFUND when due; parts after the stream ends are dropped. */
export function emitPurchase(room: Room, p: PurchaseSpec): void {
  const orderId = room.log.newOrderId();
  const tx = (kind: TransactionKind) => ({
    orderId,
    buyer: actorOf(p.account, p.ipPrefix),
    kind,
    skuId: p.sku.skuId,
    amountCents: p.amountCents,
    currency: "CNY",
    paymentAccountId: p.wallet.paymentAccountId,
    shippingAddressHash: p.wallet.shippingAddressHash,
  });
  if (!room.log.transaction(p.orderAtMs, tx(TransactionKind.TRANSACTION_KIND_ORDER))) return;
  if (p.payDelayMs === null) return;
  const paidAtMs = p.orderAtMs + p.payDelayMs;
  if (!room.log.transaction(paidAtMs, tx(TransactionKind.TRANSACTION_KIND_PAYMENT))) return;
  if (p.refundDelayMs !== null) room.log.transaction(paidAtMs + p.refundDelayMs, tx(TransactionKind.TRANSACTION_KIND_REFUND));
}

/** An ordinary buyer: 1–3 units at the SKU's price, pays within 5–90 s (88 %), rarely refunds in-stream. */
export function organicPurchase(rng: Rng, room: Room, s: Session, wallet: Wallet, atMs: number): void {
  const sku = rng.pick(room.skus);
  emitPurchase(room, {
    account: s.account,
    ipPrefix: s.ipPrefix,
    wallet,
    sku,
    amountCents: sku.priceCents * (rng.chance(0.85) ? 1 : rng.int(2, 3)),
    orderAtMs: atMs,
    payDelayMs: rng.chance(0.88) ? rng.between(5_000, 90_000) : null,
    refundDelayMs: rng.chance(0.03) ? rng.between(60_000, 15 * 60_000) : null,
  });
}

function within(rng: Rng, s: Session): number {
  return rng.between(s.joinMs + 1_000, s.leaveMs - 500);
}

/** Likes, comments, a follow, a purchase or a tip, all inside the session. */
export function actOrganically(rng: Rng, room: Room, s: Session, p: Propensity, texts: readonly string[] = COMMENT_TEXTS): void {
  if (s.leaveMs - s.joinMs < 60_000 && !rng.chance(0.2)) return;
  const actor = actorOf(s.account, s.ipPrefix);
  if (rng.chance(p.like)) {
    const bursts = 1 + Math.floor(rng.exponential(1.5));
    for (let i = 0; i < bursts; i++) humanLikeBurst(rng, room, s, within(rng, s));
  }
  if (rng.chance(p.comment)) {
    const n = rng.int(1, 3);
    for (let i = 0; i < n; i++) room.log.comment(actor, rng.pick(texts), within(rng, s));
  }
  if (rng.chance(p.follow)) room.log.follow(actor, within(rng, s));
  if (rng.chance(p.buy)) {
    const orders = rng.chance(0.9) ? 1 : 2;
    for (let i = 0; i < orders; i++) organicPurchase(rng, room, s, s.account.wallet, within(rng, s));
  }
  if (rng.chance(p.tip)) {
    room.log.transaction(within(rng, s), {
      orderId: room.log.newOrderId(),
      buyer: actor,
      kind: TransactionKind.TRANSACTION_KIND_TIP,
      skuId: "",
      amountCents: rng.pick([100, 600, 1000, 5200, 13140, 52000]),
      currency: "CNY",
      paymentAccountId: s.account.wallet.paymentAccountId,
      shippingAddressHash: "",
    });
  }
}

export interface SessionOptions {
  dwellMs?: number;
  ipPrefix?: string;
  propensity?: Propensity;
  texts?: readonly string[];
}

/** JOIN, activity, LEAVE; a viewer still there at the end leaves in the last second. */
export function emitSession(rng: Rng, room: Room, account: Account, joinMs: number, opts: SessionOptions = {}): Session {
  const remainingMs = room.endMs - 1 - joinMs;
  const dwellMs = Math.min(opts.dwellMs ?? organicDwellMs(rng, remainingMs), remainingMs);
  const s: Session = { account, ipPrefix: opts.ipPrefix ?? account.homeIpPrefix, joinMs, leaveMs: joinMs + Math.max(1_000, dwellMs) };
  const actor = actorOf(account, s.ipPrefix);
  room.log.join(actor, s.joinMs);
  actOrganically(rng, room, s, opts.propensity ?? ORGANIC_PROPENSITY, opts.texts);
  room.log.leave(actor, s.leaveMs);
  return s;
}
