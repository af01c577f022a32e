import { round3, type RoomContext } from "./attack-common";
import { organicActor } from "./identity";
import { emitSession, organicDwellMs } from "./organic-audience";
import { emitPurchase } from "./purchase";
import type { Sku } from "./room-plan";
import { episodeStartMs, momentIn, viewerThrough, viewersPresent } from "./episode";
import { ORGANIC_PROPENSITY } from "./viewer-activity";

const DAY_MS = 24 * 3600 * 1000;

function discounted(ctx: RoomContext, sku: Sku, minOff: number, maxOff: number): Sku {
  const price = Math.round((sku.priceCents * (1 - ctx.rng.between(minOff, maxOff))) / 10) * 10;
  return { skuId: sku.skuId, priceCents: Math.max(10, price) };
}

/** 秒杀: 40–400 orders in 1–3 min at a cut price, 10–30 % never paid, from viewers who were watching. */
export function flashSale(ctx: RoomContext): void {
  const { rng } = ctx;
  const t0 = episodeStartMs(ctx);
  const spanMs = rng.between(1, 3) * 60_000;
  const orders = rng.int(40, 400);
  const unpaid = rng.between(0.1, 0.3);
  const skus = rng.shuffle([...ctx.plan.skus]).slice(0, rng.int(1, 3)).map((s) => discounted(ctx, s, 0.3, 0.7));
  Object.assign(ctx.params, { crowdSize: orders, spanSec: round3(spanMs / 1000), unpaidRate: round3(unpaid) });
  for (const s of viewersPresent(ctx, t0, orders)) {
    const at = momentIn(ctx, s, t0, t0 + spanMs) ?? t0 + rng.float() * spanMs;
    const sku = rng.pick(skus);
    emitPurchase(ctx.log, {
      buyer: s.actor, wallet: s.wallet, sku, amountCents: sku.priceCents, orderAtMs: at,
      payDelayMs: rng.chance(unpaid) ? null : rng.between(5_000, 60_000),
      refundDelayMs: rng.chance(0.02) ? rng.between(60_000, 600_000) : null,
    });
  }
}

/** A countdown drop: 100–800 join in the 2 min before, 30–300 order within 10–40 s of the drop. */
export function countdownDrop(ctx: RoomContext): void {
  const { rng } = ctx;
  const t0 = episodeStartMs(ctx);
  const joiners = rng.int(100, 800);
  const orders = Math.min(joiners, rng.int(30, 300));
  const rushMs = rng.between(10, 40) * 1000;
  const sku = discounted(ctx, rng.pick(ctx.plan.skus), 0.2, 0.5);
  Object.assign(ctx.params, { crowdSize: joiners, orders, rushSec: round3(rushMs / 1000) });
  const crowd = Array.from({ length: joiners }, () => viewerThrough(ctx, t0 - rng.between(0, 120_000), t0 + rushMs));
  for (const s of rng.shuffle(crowd).slice(0, orders)) {
    emitPurchase(ctx.log, {
      buyer: s.actor, wallet: s.wallet, sku, amountCents: sku.priceCents, orderAtMs: t0 + rng.float() * rushMs,
      payDelayMs: rng.chance(rng.between(0.1, 0.3)) ? null : rng.between(3_000, 45_000),
      refundDelayMs: null,
    });
  }
}

/**
 * A new-user campaign: 30–60 % of joiners registered 0–3 days ago (spread, not a
 * batch); 5–15 % of them buy the ¥0.99–9.90 new-user item.
 */
export function newUserCampaign(ctx: RoomContext): void {
  const { rng, plan } = ctx;
  const newShare = rng.between(0.3, 0.6);
  const crowd = Math.min(2000, Math.max(30, Math.round((plan.viewerCount * newShare) / (1 - newShare))));
  const buyShare = rng.between(0.05, 0.15);
  const sku = { skuId: `sku-${rng.hex(10)}`, priceCents: rng.pick([99, 190, 490, 690, 990]) };
  Object.assign(ctx.params, { crowdSize: crowd, newShare: round3(newShare), buyShare: round3(buyShare), episodeStartOffsetMin: 0 });
  const durationMs = plan.endMs - plan.startMs;
  for (let i = 0; i < crowd; i++) {
    const actor = organicActor(rng, plan.startMs, { accountAgeMs: rng.between(0.05, 3) * DAY_MS });
    const joinMs = plan.startMs + 1_000 + (durationMs - 30_000) * Math.pow(rng.float(), 1.4);
    const buys = rng.chance(buyShare);
    const dwellMs = buys ? Math.max(120_000, organicDwellMs(rng, plan.endMs - joinMs)) : undefined;
    const s = emitSession(rng, ctx.log, plan, joinMs, { actor, ...(dwellMs === undefined ? {} : { dwellMs }) });
    const at = buys ? momentIn(ctx, s, joinMs + 60_000, s.leaveMs) : null;
    if (at === null) continue;
    emitPurchase(ctx.log, {
      buyer: s.actor, wallet: s.wallet, sku, amountCents: sku.priceCents, orderAtMs: at,
      payDelayMs: rng.chance(0.95) ? rng.between(5_000, 40_000) : null,
      refundDelayMs: rng.chance(0.02) ? rng.between(60_000, 600_000) : null,
    });
  }
}

/** The price is cut mid-stream: 20–60 % of earlier buyers refund and re-order at the new price. */
export function priceDropRefunds(ctx: RoomContext): void {
  const { rng, plan } = ctx;
  const t0 = Math.max(episodeStartMs(ctx), plan.startMs + 8 * 60_000);
  const earlyBuyers = rng.int(20, 150);
  const refundShare = rng.between(0.2, 0.6);
  const oldSku = rng.pick(plan.skus);
  const newSku = discounted(ctx, oldSku, 0.1, 0.4);
  Object.assign(ctx.params, { crowdSize: earlyBuyers, refundShare: round3(refundShare) });
  for (let i = 0; i < earlyBuyers; i++) {
    const boughtMs = rng.between(plan.startMs + 120_000, t0 - 60_000);
    const s = viewerThrough(ctx, boughtMs - rng.between(30_000, 300_000), t0 + 6 * 60_000, {
      propensity: { ...ORGANIC_PROPENSITY, buy: 0 },
    });
    const regrets = rng.chance(refundShare);
    const refundMs = t0 + rng.between(30_000, 300_000);
    emitPurchase(ctx.log, {
      buyer: s.actor, wallet: s.wallet, sku: oldSku, amountCents: oldSku.priceCents, orderAtMs: boughtMs,
      payDelayMs: rng.between(5_000, 40_000), refundDelayMs: regrets ? refundMs - boughtMs - 40_000 : null,
    });
    if (!regrets) continue;
    emitPurchase(ctx.log, {
      buyer: s.actor, wallet: s.wallet, sku: newSku, amountCents: newSku.priceCents,
      orderAtMs: refundMs + rng.between(10_000, 60_000), payDelayMs: rng.between(5_000, 30_000), refundDelayMs: null,
    });
  }
}

