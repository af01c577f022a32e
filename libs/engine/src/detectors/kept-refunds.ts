/**
 * Refunds nobody re-ordered after, as a share of the room's orders. Brushing pays for the boost and takes
 * the money back once the ranking has moved (threat model §2.4: refunds after the boost); a shopper who
 * refunds in a stream mostly does so to buy again at a lower price (§4, price drops), so a refund followed
 * by an order of the same buyer does not count. Judged over the whole stream against the room's own orders,
 * because the ring's accounts each show too little alone: a real person paid to order, on their own phone,
 * card and address, shows only the refund (the second blind generator's development seeds 7001-7005: the
 * share separated the rooms with catchable order attacks from those without at AUC 0.90; at 0.15, 50 of
 * 108 attacked rooms against none of 642 without an attack, measured over whole streams, not live).
 */
import type { Signal } from "@redline/proto";
import { addEvidence, type EvidenceItem } from "../evidence";
import type { RoomState } from "../room-state";
import type { FalsificationConfig } from "./falsification-config";
import { FAKE_ORDERS, type Finding } from "./finding";
import { ramp } from "./scoring";

/** A buyer whose latest refunds here came after its latest order: how many, and the latest refund event. */
export interface KeptRefunder {
  userId: string;
  refunds: number;
  lastMs: number;
  eventId: string;
}

/** The room's orders and its buyers holding refunds (absent before rules-14 and until the room's first order). */
export interface KeptRefunds {
  orders: number;
  refunders: KeptRefunder[];
}

/** Refunders kept per room, oldest dropped first: far above the finding's floor. */
const MAX_REFUNDERS = 64;
const BASE_SCORE = 0.7;
const PART = 0.1;

/** Notes an order: counts it, and the buyer's earlier refunds were a price drop's, not a boost taken back. */
export function noteOrderForRefunds(room: RoomState, userId: string): void {
  const kept = (room.keptRefunds ??= { orders: 0, refunders: [] });
  kept.orders++;
  const i = kept.refunders.findIndex((r) => r.userId === userId);
  if (i >= 0) kept.refunders.splice(i, 1);
}

/**
 * Buyers holding refunds they did not order again after, per order of the room (no grace: a price drop's refunder
 * counts until its re-order). Where this is low, refunds are rare here and one buyer's refund says little (tells.ts).
 */
export function keptRefunderShare(room: RoomState): number {
  const kept = room.keptRefunds;
  return kept === undefined || kept.orders === 0 ? 0 : kept.refunders.length / kept.orders;
}

/** Notes a refund by `userId`, kept until the same buyer orders again. */
export function noteRefund(room: RoomState, userId: string, eventId: string, timeMs: number): void {
  const kept = (room.keptRefunds ??= { orders: 0, refunders: [] });
  const i = kept.refunders.findIndex((r) => r.userId === userId);
  const entry = i >= 0 ? kept.refunders.splice(i, 1)[0]! : { userId, refunds: 0, lastMs: timeMs, eventId };
  entry.refunds++;
  entry.lastMs = Math.max(entry.lastMs, timeMs);
  entry.eventId = eventId;
  if (i < 0 && kept.refunders.length >= MAX_REFUNDERS) kept.refunders.shift();
  kept.refunders.push(entry);
}

/**
 * A FAKE_ORDERS finding when refunds nobody re-ordered after reach `keptRefundShare` of the room's orders;
 * null otherwise. A buyer's refunds count once its latest is `keptRefundGraceMs` old: a price drop's buyer
 * orders again within about two minutes (development seeds 7001-7002: 99 % within 119 s, at most 636 s), and
 * counted at once, refunds made FAKE_ORDERS findings on 16 more rooms without an attack (of 900; the six on
 * 7001-7002 all price drops).
 */
export function keptRefundsFinding(room: RoomState, timeMs: number, f: Readonly<FalsificationConfig>, maxEvidence: number): Finding | null {
  const kept = room.keptRefunds;
  if (kept === undefined || kept.orders < f.keptRefundMinOrders || kept.refunders.length < f.keptRefundMinBuyers) return null;
  const settled = timeMs - f.keptRefundGraceMs;
  let refunds = 0;
  let buyers = 0;
  for (const r of kept.refunders) {
    if (r.lastMs > settled) continue;
    refunds += r.refunds;
    buyers++;
  }
  if (buyers < f.keptRefundMinBuyers) return null;
  const share = refunds / kept.orders;
  if (share < f.keptRefundShare) return null;
  const size = PART * ramp(share, f.keptRefundShare, 3 * f.keptRefundShare);
  const round4 = (x: number) => Math.round(x * 10_000) / 10_000;
  const signals: Signal[] = [
    { name: "kept_refund_share", value: round4(share), contribution: round4(BASE_SCORE + size) },
    { name: "refunding_buyers", value: buyers, contribution: 0 },
    { name: "room_orders", value: kept.orders, contribution: 0 },
  ];
  const evidence: EvidenceItem[] = [];
  for (const r of kept.refunders) if (r.lastMs <= settled) addEvidence(evidence, { eventId: r.eventId, weight: r.refunds, timeMs: r.lastMs }, maxEvidence);
  return {
    subcategory: FAKE_ORDERS,
    score: round4(BASE_SCORE + size),
    summary: `${refunds} refunds by ${buyers} buyers who did not order again are ${Math.round(share * 100)}% of the room's ${kept.orders} orders: the boost paid for and taken back`,
    signals,
    evidence,
  };
}
