import { TransactionKind, type Actor } from "@redline/proto";
import { randomAddressHash, randomPaymentAccountId } from "./identity";
import type { Rng } from "./rng";
import type { RoomLog } from "./room-log";
import type { Sku } from "./room-plan";

export interface Wallet {
  paymentAccountId: string;
  shippingAddressHash: string;
}

export function newWallet(rng: Rng): Wallet {
  return { paymentAccountId: randomPaymentAccountId(rng), shippingAddressHash: randomAddressHash(rng) };
}

export interface PurchaseSpec {
  buyer: Actor;
  wallet: Wallet;
  sku: Sku;
  amountCents: number;
  orderAtMs: number;
  /** null: the order is never paid (the contract's way of saying "cancelled"). */
  payDelayMs: number | null;
  /** null: no refund inside the stream. */
  refundDelayMs: number | null;
}

/** ORDER, then PAYMENT and REFUND when due; parts after the stream ends are dropped. */
export function emitPurchase(log: RoomLog, spec: PurchaseSpec): void {
  const orderId = log.newOrderId();
  const tx = (kind: TransactionKind) => ({
    orderId,
    buyer: spec.buyer,
    kind,
    skuId: spec.sku.skuId,
    amountCents: spec.amountCents,
    currency: "CNY",
    paymentAccountId: spec.wallet.paymentAccountId,
    shippingAddressHash: spec.wallet.shippingAddressHash,
  });
  if (!log.transaction(spec.orderAtMs, tx(TransactionKind.TRANSACTION_KIND_ORDER))) return;
  if (spec.payDelayMs === null) return;
  const paidAtMs = spec.orderAtMs + spec.payDelayMs;
  if (!log.transaction(paidAtMs, tx(TransactionKind.TRANSACTION_KIND_PAYMENT))) return;
  if (spec.refundDelayMs !== null) log.transaction(paidAtMs + spec.refundDelayMs, tx(TransactionKind.TRANSACTION_KIND_REFUND));
}

/** An ordinary buyer: 1–3 units at the SKU's price, pays within 5–90 s (88 %), rarely refunds in-stream. */
export function organicPurchase(rng: Rng, log: RoomLog, buyer: Actor, wallet: Wallet, sku: Sku, atMs: number): void {
  const units = rng.chance(0.85) ? 1 : rng.int(2, 3);
  emitPurchase(log, {
    buyer,
    wallet,
    sku,
    amountCents: sku.priceCents * units,
    orderAtMs: atMs,
    payDelayMs: rng.chance(0.88) ? rng.between(5_000, 90_000) : null,
    refundDelayMs: rng.chance(0.03) ? rng.between(60_000, 15 * 60_000) : null,
  });
}

/** A tip to the streamer: one TIP transaction, no SKU. */
export function emitTip(rng: Rng, log: RoomLog, buyer: Actor, wallet: Wallet, atMs: number): void {
  log.transaction(atMs, {
    orderId: log.newOrderId(),
    buyer,
    kind: TransactionKind.TRANSACTION_KIND_TIP,
    skuId: "",
    amountCents: rng.pick([100, 600, 1000, 5200, 13140, 52000]),
    currency: "CNY",
    paymentAccountId: wallet.paymentAccountId,
    shippingAddressHash: "",
  });
}
