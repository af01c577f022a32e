/**
 * FAKE_ORDERS with the §3 knobs: mule rings (1-3 orders per mule) and
 * brushing studios (3-6 per account) on shared payment accounts and drop
 * addresses, or real people with their own; cancels (an ORDER never paid),
 * in-stream refunds after 2-30 min, low-value rank items or the room's own
 * prices on one or two SKUs, and mules with no other activity.
 */
import { TransactionKind } from "@redline/proto";
import type { Actor } from "@redline/proto";
import { BUYERS_PER_ADDRESS, BUYERS_PER_PAY_KEY, CANCEL_RATE, LOW_VALUE_CENTS, MULES, NO_ACTIVITY_SHARE, REFUND_DELAY_MIN, REFUND_RATE } from "./attack-ranges";
import type { AddressBin, Amount, OrderCrew, PayKeyBin } from "./attack-ranges";
import { asHumans, intWithin, pickKey, round, within } from "./attack-draws";
import type { KindInput, KindOutcome } from "./attack-kind";
import { buildCrew, chatter, clamp, effectiveRampMs, gapSampler, startOffsets } from "./bot-crew";
import type { Rng } from "./rng";
import type { Shop } from "./viewer";

export interface OrderParams {
  orderCrew: OrderCrew;
  ordersPerMule: number;
  payKeyBin: PayKeyBin;
  buyersPerPayKey: number;
  addressBin: AddressBin;
  buyersPerAddress: number;
  cancelRate: number;
  refundRate: number;
  refundDelayMin: number;
  amount: Amount;
  /** Low-value rank item price; 0 for the room's own prices. */
  amountCents: number;
  skus: number;
  noActivityShare: number;
}

export function drawOrderParams(rng: Rng): OrderParams {
  const orderCrew = rng.pick<OrderCrew>(["mule_ring", "brushing_studio", "real_person"]);
  const human = orderCrew === "real_person";
  const payKeyBin: PayKeyBin = human ? "1" : pickKey(rng, BUYERS_PER_PAY_KEY);
  const addressBin: AddressBin = human ? "1" : pickKey(rng, BUYERS_PER_ADDRESS);
  const amount = rng.pick<Amount>(["low_value", "sku_price"]);
  return {
    orderCrew,
    ordersPerMule: orderCrew === "brushing_studio" ? rng.int(3, 6) : rng.int(1, 3),
    payKeyBin,
    buyersPerPayKey: intWithin(rng, BUYERS_PER_PAY_KEY[payKeyBin]),
    addressBin,
    buyersPerAddress: intWithin(rng, BUYERS_PER_ADDRESS[addressBin]),
    // Real buyers pay, and are reimbursed off-platform days later: nothing of it shows in-stream (§3 example d).
    cancelRate: human ? 0 : round(within(rng, CANCEL_RATE), 2),
    refundRate: human ? 0 : round(within(rng, REFUND_RATE), 2),
    refundDelayMin: round(within(rng, REFUND_DELAY_MIN), 1),
    amount,
    amountCents: amount === "low_value" ? 10 * rng.int(LOW_VALUE_CENTS[0] / 10, LOW_VALUE_CENTS[1] / 10) : 0,
    skus: rng.int(1, 2),
    noActivityShare: human ? 0 : round(within(rng, NO_ACTIVITY_SHARE), 2),
  };
}

export function refundBin(rate: number): "none" | "low" | "high" {
  return rate === 0 ? "none" : rate < 0.4 ? "low" : "high";
}

function targetSkus(rng: Rng, roomId: string, shop: Shop, p: OrderParams): Shop["skus"] {
  if (p.amount === "sku_price") {
    const first = rng.int(0, shop.skus.length - 1);
    return Array.from({ length: p.skus }, (_, k) => shop.skus[(first + k) % shop.skus.length]!);
  }
  // A rank item the room lists for the boost, numbered like the room's other SKUs.
  return Array.from({ length: p.skus }, (_, k) => ({ skuId: `sku-${roomId}-${shop.skus.length + k}`, amountCents: p.amountCents }));
}

interface Tally { orders: number; paid: number; cancelled: number; refundedInStream: number }

function order(input: KindInput, p: OrderParams, mule: Actor, wallet: { paymentAccountId: string; shippingAddressHash: string }, sku: Shop["skus"][number], t: number, tally: Tally): void {
  const { rng, room } = input.ctx;
  const o = { orderId: `o-${room.roomId}-${mule.userId}-${Math.round(t)}`, skuId: sku.skuId, amountCents: sku.amountCents, ...wallet };
  room.transaction(t, mule, TransactionKind.TRANSACTION_KIND_ORDER, o);
  tally.orders++;
  if (rng.chance(p.cancelRate)) {
    tally.cancelled++;
    return;
  }
  const paidMs = t + rng.uniform(3_000, 30_000);
  room.transaction(paidMs, mule, TransactionKind.TRANSACTION_KIND_PAYMENT, o);
  tally.paid++;
  if (!rng.chance(p.refundRate)) return;
  const refundMs = paidMs + p.refundDelayMin * 60_000 * rng.uniform(0.8, 1.2);
  room.transaction(refundMs, mule, TransactionKind.TRANSACTION_KIND_REFUND, o);
  // Refunds after the room ends happen days later as far as the stream can tell.
  if (refundMs <= room.endMs) tally.refundedInStream++;
}

export function fakeOrders(input: KindInput): KindOutcome {
  const { ctx, window: w, volume } = input;
  const { rng, room } = ctx;
  if (ctx.shop === null) throw new RangeError("FAKE_ORDERS needs a room with a shop");
  const p = drawOrderParams(rng);
  const common = p.orderCrew === "real_person" ? asHumans(rng, input.common) : input.common;
  const size = clamp(Math.ceil(volume / p.ordersPerMule), MULES);
  const crew = buildCrew(rng, ctx.accounts, size, common, w.startMs);
  const gap = gapSampler(rng, common.timingCv);
  const offsets = startOffsets(size, effectiveRampMs(common, w), common.ramp, gap);
  const skus = targetSkus(rng, room.roomId, ctx.shop, p);
  const tally: Tally = { orders: 0, paid: 0, cancelled: 0, refundedInStream: 0 };
  crew.members.forEach((mule, i) => {
    const payer = crew.members[i - (i % p.buyersPerPayKey)]!;
    const receiver = crew.members[i - (i % p.buyersPerAddress)]!;
    const wallet = { paymentAccountId: `pay-${payer.userId}`, shippingAddressHash: `addr-${receiver.userId}` };
    const joinMs = w.startMs + offsets[i]!;
    const watches = !rng.chance(p.noActivityShare);
    let t = watches ? Math.min(joinMs + rng.uniform(10_000, 180_000), w.endMs - 1_000) : joinMs;
    const meanGapMs = Math.max(5_000, (w.endMs - t) / p.ordersPerMule);
    if (watches) room.join(joinMs, mule);
    for (let k = 0; k < p.ordersPerMule && t < w.endMs; k++, t += gap(meanGapMs)) order(input, p, mule, wallet, skus[k % skus.length]!, t, tally);
    if (watches && rng.chance(common.chatterShare)) chatter(room, rng, mule, joinMs + 500, t);
    if (watches) room.leave(Math.min(t, w.endMs) + rng.uniform(10_000, 60_000), mule);
  });
  return { style: p.orderCrew, common, crew, ramp: common.ramp, actions: tally.orders, params: orderParams(p, tally), tells: orderTells(p, tally, size) };
}

function orderParams(p: OrderParams, tally: Tally): KindOutcome["params"] {
  const { amountCents, ...rest } = p;
  return {
    ...rest,
    ...(p.amount === "low_value" ? { amountCents } : {}),
    refundBin: refundBin(p.refundRate),
    realisedCancelRate: round(tally.cancelled / Math.max(1, tally.orders)),
    realisedRefundRate: round(tally.refundedInStream / Math.max(1, tally.paid)),
  };
}

function orderTells(p: OrderParams, tally: Tally, mules: number): string[] {
  const tells: string[] = [];
  if (Math.min(p.buyersPerPayKey, mules) >= 3) tells.push("shared_payment");
  if (Math.min(p.buyersPerAddress, mules) >= 3) tells.push("shared_address");
  const refunds = tally.refundedInStream / Math.max(1, tally.paid);
  const cancels = tally.cancelled / Math.max(1, tally.orders);
  // §3: cancels count at >= 0.4 only "with refunds"; flash sales leave 10-30 % unpaid too.
  if (refunds >= 0.4 || (cancels >= 0.4 && tally.refundedInStream > 0)) tells.push("refund_cancel");
  if (p.noActivityShare >= 0.7) tells.push("no_other_activity");
  if (p.amount === "low_value" && p.skus === 1) tells.push("low_value_single_sku");
  return tells;
}
