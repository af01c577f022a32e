/**
 * FAKE_ORDERS (order brushing): orders whose money and parcels go through a
 * few hands. The signal is payment accounts and shipping addresses shared
 * by more buyers than a household, and accounts ordering faster than a
 * shopper; identical amounts, fresh buyers and later refunds support it.
 * A flash sale has identical amounts too, but each buyer pays and ships
 * for themselves, so identical amounts never alert on their own.
 */
import { boundedUpsert } from "../primitives/bounded-map";
import { createSlidingWindow, swAdd, swSum } from "../primitives/sliding-window";
import type { SlidingWindow } from "../primitives/sliding-window";
import { createSpaceSaving, ssAdd, ssTop } from "../primitives/space-saving";
import type { SpaceSaving } from "../primitives/space-saving";
import { addEvidence } from "../evidence";
import type { EvidenceItem } from "../evidence";
import { combine, ramp, ratio } from "./scoring";
import { FAKE_ORDERS } from "./finding";
import type { Finding } from "./finding";
import type { FalsificationConfig } from "./falsification-config";

/** Orders seen through one payment account or to one address in this room. */
export interface SharedKey {
  buyers: string[];
  /** Orders by each tracked buyer, parallel to `buyers`. */
  buyerOrders: number[];
  freshBuyers: number;
  orders: number;
  /** Set once the key is shared by more buyers than a household. */
  shared: boolean;
}

export interface OrderFeatures {
  orders: SlidingWindow;
  suspiciousOrders: SlidingWindow;
  freshSuspicious: SlidingWindow;
  /** Room lifetime: suspicious orders and refunds of them (refunds come minutes later). */
  suspiciousTotal: number;
  suspiciousRefunds: number;
  suspiciousAmounts: SpaceSaving;
  payments: Map<string, SharedKey>;
  addresses: Map<string, SharedKey>;
  evidence: EvidenceItem[];
}

const MAX_BUYERS_TRACKED = 16;
const REPEAT_ORDERS_PER_BUYER = 3;

export function createOrderFeatures(): OrderFeatures {
  const w = (): SlidingWindow => createSlidingWindow(60_000, 10);
  return {
    orders: w(),
    suspiciousOrders: w(),
    freshSuspicious: w(),
    suspiciousTotal: 0,
    suspiciousRefunds: 0,
    suspiciousAmounts: createSpaceSaving(8),
    payments: new Map(),
    addresses: new Map(),
    evidence: [],
  };
}

export interface OrderObservation {
  eventId: string;
  timeMs: number;
  buyerId: string;
  paymentAccountId: string;
  shippingAddressHash: string;
  amountCents: number;
  fresh: boolean;
  ordersByBuyerIn10m: number;
}

/**
 * A key is shared beyond a household when more buyers use it than a family
 * has, when several of its buyers are brand-new accounts (families are not
 * sign-ups of this week), or when two or more buyers each order through
 * it again and again. Order bursts alone are not enough: a family of four
 * on one card can place six orders in ten minutes, one or two each.
 */
function isShared(k: SharedKey, cfg: Readonly<FalsificationConfig>): boolean {
  if (k.buyers.length >= cfg.brushBuyersPerKey) return true;
  if (k.buyers.length >= 3 && k.freshBuyers >= 2) return true;
  let repeatBuyers = 0;
  for (const n of k.buyerOrders) if (n >= REPEAT_ORDERS_PER_BUYER) repeatBuyers++;
  return repeatBuyers >= 2;
}

/** Adds the buyer to the key; returns the orders to count as newly suspicious (all of the key's past orders once it turns shared). */
function touchKey(map: Map<string, SharedKey>, key: string, o: OrderObservation, capacity: number, cfg: Readonly<FalsificationConfig>): { shared: boolean; backlog: number; buyers: number } {
  if (key === "") return { shared: false, backlog: 0, buyers: 0 };
  const k = boundedUpsert(map, key, capacity, () => ({ buyers: [], buyerOrders: [], freshBuyers: 0, orders: 0, shared: false }));
  k.orders++;
  const at = k.buyers.indexOf(o.buyerId);
  if (at >= 0) k.buyerOrders[at]!++;
  else if (k.buyers.length < MAX_BUYERS_TRACKED) {
    k.buyers.push(o.buyerId);
    k.buyerOrders.push(1);
    if (o.fresh) k.freshBuyers++;
  }
  if (!k.shared && isShared(k, cfg)) {
    k.shared = true;
    return { shared: true, backlog: k.orders - 1, buyers: k.buyers.length };
  }
  return { shared: k.shared, backlog: 0, buyers: k.buyers.length };
}

export function observeOrder(f: OrderFeatures, o: OrderObservation, cfg: Readonly<FalsificationConfig>, keyCapacity: number, maxEvidence: number): void {
  swAdd(f.orders, o.timeMs, 1);
  const pay = touchKey(f.payments, o.paymentAccountId, o, keyCapacity, cfg);
  const addr = touchKey(f.addresses, o.shippingAddressHash, o, keyCapacity, cfg);
  const rapid = o.ordersByBuyerIn10m >= cfg.brushOrdersPerAccount10m;
  // Past orders through a key that has just turned shared, or by an account
  // that has just turned rapid, become suspicious now.
  const rapidBacklog = o.ordersByBuyerIn10m === cfg.brushOrdersPerAccount10m ? o.ordersByBuyerIn10m - 1 : 0;
  const backlog = Math.max(pay.backlog, addr.backlog, rapidBacklog);
  if (backlog > 0) {
    swAdd(f.suspiciousOrders, o.timeMs, backlog);
    f.suspiciousTotal += backlog;
  }
  if (!pay.shared && !addr.shared && !rapid) return;
  swAdd(f.suspiciousOrders, o.timeMs, 1);
  f.suspiciousTotal++;
  if (o.fresh) swAdd(f.freshSuspicious, o.timeMs, 1);
  ssAdd(f.suspiciousAmounts, String(o.amountCents));
  const weight = Math.max(pay.buyers, addr.buyers) / cfg.brushBuyersPerKey + (rapid ? o.ordersByBuyerIn10m / cfg.brushOrdersPerAccount10m : 0);
  addEvidence(f.evidence, { eventId: o.eventId, weight, timeMs: o.timeMs }, maxEvidence);
}

export function observeRefund(f: OrderFeatures, eventId: string, timeMs: number, paymentAccountId: string, shippingAddressHash: string, maxEvidence: number): void {
  const pay = f.payments.get(paymentAccountId);
  const addr = f.addresses.get(shippingAddressHash);
  if (!(pay?.shared || addr?.shared)) return;
  f.suspiciousRefunds++;
  addEvidence(f.evidence, { eventId, weight: 0.5, timeMs }, maxEvidence);
}

export function detectFakeOrders(f: OrderFeatures, timeMs: number, cfg: Readonly<FalsificationConfig>): Finding | null {
  const suspicious = swSum(f.suspiciousOrders, timeMs);
  if (suspicious < cfg.minSuspiciousOrders) return null;
  const orders = swSum(f.orders, timeMs);
  const suspiciousShare = ratio(suspicious, orders);
  const freshShare = ratio(swSum(f.freshSuspicious, timeMs), suspicious);
  const topAmount = ssTop(f.suspiciousAmounts, 1)[0];
  const amountShare = ratio(topAmount?.count ?? 0, f.suspiciousAmounts.total);
  const refundShare = ratio(f.suspiciousRefunds, f.suspiciousTotal);
  const { score, signals } = combine([
    { name: "shared_payment_or_address_order_share", value: suspiciousShare, strength: ramp(suspiciousShare, 0.1, 0.35), weight: 0.8 },
    { name: "suspicious_order_count", value: suspicious, strength: ramp(suspicious, cfg.minSuspiciousOrders, 4 * cfg.minSuspiciousOrders), weight: 0.5 },
    { name: "identical_amount_share", value: amountShare, strength: ramp(amountShare, 0.5, 0.9), weight: 0.2 },
    { name: "fresh_buyer_share", value: freshShare, strength: ramp(freshShare, 0.2, 0.6), weight: 0.3 },
    { name: "refunded_share", value: refundShare, strength: ramp(refundShare, 0.1, 0.5), weight: 0.4 },
  ]);
  if (score < cfg.alertScore) return null;
  return {
    subcategory: FAKE_ORDERS,
    score,
    summary: `orders in the last 10 min: ${Math.round(orders)}, ${Math.round(suspicious)} through payment accounts or addresses shared by ${cfg.brushBuyersPerKey}+ buyers or by accounts ordering ${cfg.brushOrdersPerAccount10m}+ times`,
    signals,
    evidence: f.evidence,
  };
}
