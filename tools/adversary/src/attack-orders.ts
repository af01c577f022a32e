import type { Actor } from "@redline/proto";
import {
  buildFarm,
  drawIdentity,
  drawRampMs,
  drawShare,
  drawTiming,
  drawWindow,
  fakeVolume,
  gapMs,
  recordRealisedShare,
  round3,
  startTimes,
  type RoomContext,
  type Timing,
} from "./attack-common";
import { randomAddressHash, randomPaymentAccountId } from "./identity";
import { emitPurchase, type Wallet } from "./purchase";
import { ORDER_RANGES, VOLUME_FLOOR, type Range } from "./ranges";
import type { Rng } from "./rng";
import { countOrders } from "./room-log";
import type { Sku } from "./room-plan";

interface Brushing {
  skus: Sku[];
  ordersPerMule: number;
  cancelRate: number;
  refundRate: number;
  refundDelayMs: number;
  noOtherActivityShare: number;
  timing: Timing;
}

function drawSharing(rng: Rng, human: boolean, bins: Readonly<Record<"single" | "small" | "ring", Range>>): [string, number] {
  const bin = human ? "single" : rng.pick(["single", "small", "ring"] as const);
  return [bin, rng.int(...bins[bin])];
}

/** Mules in groups of `perPayment` share a payment account and, grouped differently, an address. */
function ringWallets(rng: Rng, mules: number, perPayment: number, perAddress: number): Wallet[] {
  const payments = Array.from({ length: Math.ceil(mules / perPayment) }, () => randomPaymentAccountId(rng));
  const addresses = Array.from({ length: Math.ceil(mules / perAddress) }, () => randomAddressHash(rng));
  const addressOrder = rng.shuffle(Array.from({ length: mules }, (_, i) => i));
  return Array.from({ length: mules }, (_, i) => ({
    paymentAccountId: payments[Math.floor(i / perPayment)] as string,
    shippingAddressHash: addresses[Math.floor((addressOrder[i] as number) / perAddress)] as string,
  }));
}

/** The SKUs brushed: a ¥1–9.9 "rank item" made for it, or 1–2 of the room's own at their price. */
function targetSkus(ctx: RoomContext, human: boolean): Sku[] {
  const count = ctx.rng.int(1, 2);
  const lowValue = !human && ctx.rng.chance(0.5);
  const skus = lowValue
    ? Array.from({ length: count }, () => ({
        skuId: `sku-${ctx.rng.hex(10)}`,
        priceCents: Math.round(ctx.rng.between(...ORDER_RANGES.lowValueCents) / 10) * 10,
      }))
    : ctx.rng.shuffle([...ctx.plan.skus]).slice(0, count);
  Object.assign(ctx.params, {
    amountProfile: lowValue ? "low_value" : "sku_price",
    amountCents: (skus[0] as Sku).priceCents,
    targetSkuCount: skus.length,
  });
  return skus;
}

function runMule(ctx: RoomContext, mule: Actor, wallet: Wallet, firstOrderMs: number, b: Brushing): void {
  const { rng, log } = ctx;
  const watches = !rng.chance(b.noOtherActivityShare);
  if (watches) {
    const joinMs = Math.max(ctx.plan.startMs + 1_000, firstOrderMs - rng.between(60_000, 600_000));
    log.join(mule, joinMs);
    if (rng.chance(0.3)) log.like(mule, rng.int(1, 8), rng.between(joinMs, firstOrderMs));
  }
  let t = firstOrderMs;
  for (let k = 0; k < b.ordersPerMule; k++) {
    const sku = rng.pick(b.skus);
    emitPurchase(log, {
      buyer: mule,
      wallet,
      sku,
      amountCents: sku.priceCents,
      orderAtMs: t,
      payDelayMs: rng.chance(b.cancelRate) ? null : gapMs(rng, 15_000, b.timing),
      refundDelayMs: rng.chance(b.refundRate) ? rng.logNormal(b.refundDelayMs, 0.3) : null,
    });
    t += gapMs(rng, rng.between(20_000, 180_000), b.timing);
  }
  if (watches) log.leave(mule, t + rng.between(10_000, 120_000));
}

/** FAKE_ORDERS: order brushing by mule rings, studios or paid real buyers, threat model §2.4. */
export function injectFakeOrders(ctx: RoomContext): void {
  const { rng, params } = ctx;
  const w = drawWindow(ctx);
  const share = drawShare(ctx);
  const crew = rng.pick(["mule_ring", "brushing_studio", "real_person"] as const);
  const human = crew === "real_person";
  const identity = drawIdentity(ctx, human);
  const timing = drawTiming(ctx, human);
  const rampMs = drawRampMs(ctx, w);
  const ordersPerMule = rng.int(...ORDER_RANGES.ordersPerMule);
  const target = fakeVolume(ctx.log.sum(w.startMs, w.endMs, countOrders), share, VOLUME_FLOOR.orders);
  const [minMules, maxMules] = ORDER_RANGES.muleAccounts;
  const mules = Math.min(maxMules, Math.max(minMules, Math.ceil(target / ordersPerMule)));
  const [paymentBin, perPayment] = drawSharing(rng, human, ORDER_RANGES.buyersPerPaymentAccount);
  const [addressBin, perAddress] = drawSharing(rng, human, ORDER_RANGES.buyersPerAddress);
  const b: Brushing = {
    skus: targetSkus(ctx, human),
    ordersPerMule,
    cancelRate: human ? rng.between(0, 0.1) : rng.between(...ORDER_RANGES.cancelRate),
    refundRate: human ? rng.between(0, 0.1) : rng.between(...ORDER_RANGES.refundRate),
    refundDelayMs: rng.between(...ORDER_RANGES.refundDelayMin) * 60_000,
    noOtherActivityShare: human ? rng.between(0, 0.3) : rng.between(...ORDER_RANGES.noOtherActivityShare),
    timing,
  };
  Object.assign(params, {
    crew, ordersPerMule, paymentBin, buyersPerPaymentAccount: perPayment, addressBin, buyersPerAddress: perAddress,
    cancelRate: round3(b.cancelRate), refundRate: round3(b.refundRate), refundDelayMin: round3(b.refundDelayMs / 60_000),
    noOtherActivityShare: round3(b.noOtherActivityShare),
  });

  const actors = buildFarm(ctx, identity, mules);
  const wallets = ringWallets(rng, mules, perPayment, perAddress);
  const starts = startTimes(rng, mules, w.startMs, rampMs, timing);
  const from = ctx.log.size;
  actors.forEach((mule, i) => runMule(ctx, mule, wallets[i] as Wallet, starts[i] as number, b));
  recordRealisedShare(ctx, from, countOrders);
}
