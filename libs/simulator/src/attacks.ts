/**
 * Data-falsification attacks as they are bought and run: bots join the room
 * like anyone, act, and leave. Each function emits the attack and returns
 * its ground-truth label with the intensity knobs it drew.
 */
import { TransactionKind } from "@redline/proto";
import type { Actor } from "@redline/proto";
import { botAccount, carrierPrefix, DAY_MS, ipPrefix } from "./accounts";
import type { Rng } from "./rng";
import type { RoomEvents } from "./room-events";
import type { Subcategory, TruthLabel } from "./truth";

export interface AttackContext {
  room: RoomEvents;
  rng: Rng;
  startMs: number;
  durationMs: number;
  /** Organic arrivals per minute, for sizing attacks to the room and for room share. */
  organicPerMinute: number;
  /** 0 = weakest, 1 = strongest; the default scenario draws from [0.3, 1]. */
  strength: number;
}

function label(ctx: AttackContext, subcategory: Subcategory, style: string, bots: number, actions: number, params: Record<string, number>): TruthLabel {
  const concurrentOrganic = ctx.organicPerMinute * 3.6;
  return {
    category: "RISK_CATEGORY_DATA_FALSIFICATION",
    subcategory,
    style,
    attackStartMs: ctx.startMs,
    attackEndMs: ctx.startMs + ctx.durationMs,
    intensity: {
      bots,
      actionsPerMinute: Math.round((actions / ctx.durationMs) * 60_000 * 10) / 10,
      roomShare: Math.round((bots / (bots + concurrentOrganic)) * 1000) / 1000,
      params,
    },
  };
}

function lerp(ctx: AttackContext, weak: number, strong: number): number {
  return weak + (strong - weak) * ctx.strength;
}

function freshCreated(rng: Rng, t: number): number {
  return t - rng.uniform(0.1, 6) * DAY_MS;
}

/** A few phones, each carrying many new accounts, all liking at ordinary per-account rates. */
export function deviceFarmLikes(ctx: AttackContext): TruthLabel {
  const { rng, room } = ctx;
  const phones = rng.int(2, 5);
  const perPhone = Math.round(lerp(ctx, 5, 20) * rng.uniform(0.8, 1.2));
  let actions = 0;
  for (let p = 0; p < phones; p++) {
    const device = `farm-${room.roomId}-${p}`;
    const prefix = carrierPrefix(rng);
    for (let a = 0; a < perPhone; a++) {
      const bot = botAccount(`fl-${room.roomId}-${p}-${a}`, freshCreated(rng, ctx.startMs), device, prefix);
      const join = ctx.startMs + rng.uniform(0, 15_000);
      room.join(join - 2_000, bot);
      for (let t = join + rng.uniform(0, 3_000); t < ctx.startMs + ctx.durationMs; t += rng.uniform(1_500, 5_000)) {
        room.like(t, bot, rng.int(2, 8));
        actions++;
      }
      room.leave(ctx.startMs + ctx.durationMs + rng.uniform(0, 10_000), bot);
    }
  }
  return label(ctx, "FAKE_LIKES", "device_farm", phones * perPhone, actions, { phones, accountsPerPhone: perPhone });
}

/** Emulators: unique device ids behind many prefixes, all liking in the same second every few seconds. */
export function emulatorWaveLikes(ctx: AttackContext): TruthLabel {
  const { rng, room } = ctx;
  const bots = Math.round(lerp(ctx, 12, 80) * rng.uniform(0.8, 1.2));
  const periodMs = rng.int(4, 15) * 1_000;
  const participation = rng.uniform(0.7, 0.95);
  // How tightly the emulators' clocks line up: some farms fire within half a second, others drift over a few.
  const spreadMs = rng.uniform(400, 2_500);
  const accounts: Actor[] = [];
  for (let b = 0; b < bots; b++) {
    const bot = botAccount(`ew-${room.roomId}-${b}`, ctx.startMs - rng.uniform(2, 400) * DAY_MS, `emu-${room.roomId}-${b}-${rng.int(0, 1e9)}`, ipPrefix(rng.int(0, 60_000)));
    accounts.push(bot);
    room.join(ctx.startMs - rng.uniform(1_000, 30_000), bot);
  }
  let actions = 0;
  for (let wave = ctx.startMs; wave < ctx.startMs + ctx.durationMs; wave += periodMs * rng.uniform(0.9, 1.1)) {
    for (const bot of accounts) {
      if (!rng.chance(participation)) continue;
      room.like(wave + rng.uniform(0, spreadMs), bot, rng.int(1, 5));
      actions++;
    }
  }
  for (const bot of accounts) room.leave(ctx.startMs + ctx.durationMs + rng.uniform(0, 20_000), bot);
  return label(ctx, "FAKE_LIKES", "emulator_waves", bots, actions, { periodS: periodMs / 1000, participation: Math.round(participation * 100) / 100, spreadMs: Math.round(spreadMs) });
}

/** Bought aged accounts on their own phones, each tapping far faster than a thumb can. */
export function superhumanLikes(ctx: AttackContext): TruthLabel {
  const { rng, room } = ctx;
  const bots = Math.round(lerp(ctx, 2, 12) * rng.uniform(0.8, 1.2));
  const tapsPerSecond = lerp(ctx, 13, 40) * rng.uniform(0.9, 1.1);
  let actions = 0;
  for (let b = 0; b < bots; b++) {
    const bot = botAccount(`sh-${room.roomId}-${b}`, ctx.startMs - rng.uniform(365, 2_000) * DAY_MS, `d-sh-${room.roomId}-${b}`, carrierPrefix(rng));
    const join = ctx.startMs + rng.uniform(0, 20_000);
    room.join(join - 3_000, bot);
    for (let t = join; t < ctx.startMs + ctx.durationMs; t += rng.uniform(600, 1_400)) {
      room.like(t, bot, tapsPerSecond * rng.uniform(0.6, 1.4));
      actions++;
    }
    room.leave(ctx.startMs + ctx.durationMs + 5_000, bot);
  }
  return label(ctx, "FAKE_LIKES", "aged_superhuman", bots, actions, { tapsPerSecond: Math.round(tapsPerSecond) });
}

const VIEW_VARIANTS = ["farm_fresh", "emulator_aged", "scheduled"] as const;

/** Viewer bots: join and leave within seconds, over and over, to pump the view count. */
export function viewerBots(ctx: AttackContext, variant = ctx.rng.pick(VIEW_VARIANTS)): TruthLabel {
  const { rng, room } = ctx;
  const organicJoinsPerS = ctx.organicPerMinute / 60;
  const joinsPerS = (organicJoinsPerS * lerp(ctx, 0.6, 3) + lerp(ctx, 0.4, 2)) * rng.uniform(0.85, 1.15);
  const pool = Math.max(20, Math.round(rng.uniform(80, 400)));
  const devices = variant === "farm_fresh" ? rng.int(4, 12) : pool;
  const bots: Actor[] = [];
  for (let b = 0; b < pool; b++) {
    const created = variant === "farm_fresh" ? freshCreated(rng, ctx.startMs) : ctx.startMs - rng.uniform(20, 700) * DAY_MS;
    bots.push(botAccount(`vb-${room.roomId}-${b}`, created, `vb-dev-${room.roomId}-${b % devices}`, variant === "farm_fresh" ? ipPrefix(1_000 + (b % devices)) : ipPrefix(rng.int(0, 60_000))));
  }
  let joins = 0;
  const gapMs = 1000 / joinsPerS;
  for (let t = ctx.startMs; t < ctx.startMs + ctx.durationMs; t += variant === "scheduled" ? gapMs * rng.uniform(0.9, 1.1) : rng.exp(gapMs)) {
    const bot = bots[joins % pool]!;
    room.join(t, bot);
    room.leave(t + rng.uniform(500, 4_000), bot);
    joins++;
  }
  return label(ctx, "FAKE_VIEWS", `viewer_bots_${variant}`, Math.min(pool, joins), joins, { joinsPerSecond: Math.round(joinsPerS * 100) / 100, devices });
}

/** A burst of follows from new accounts, on their own phones or on a few farm phones. */
export function freshFollowBurst(ctx: AttackContext, onFarm = ctx.rng.chance(0.4)): TruthLabel {
  const { rng, room } = ctx;
  const bots = Math.round(lerp(ctx, 10, 90) * rng.uniform(0.8, 1.2));
  const spreadMs = rng.uniform(40_000, 200_000);
  const phones = Math.max(1, Math.round(bots / rng.int(8, 20)));
  for (let b = 0; b < bots; b++) {
    const device = onFarm ? `ff-farm-${room.roomId}-${b % phones}` : `ff-dev-${room.roomId}-${b}`;
    const bot = botAccount(`ff-${room.roomId}-${b}`, freshCreated(rng, ctx.startMs), device, carrierPrefix(rng));
    const t = ctx.startMs + rng.uniform(0, spreadMs);
    room.join(t, bot);
    room.follow(t + rng.uniform(1_500, 12_000), bot);
    if (rng.chance(0.3)) room.like(t + rng.uniform(2_000, 15_000), bot, rng.int(1, 5));
    room.leave(t + rng.uniform(15_000, 90_000), bot);
  }
  return label(ctx, "FAKE_FOLLOWS", onFarm ? "fresh_follow_burst_farm" : "fresh_follow_burst", bots, bots, { spreadS: Math.round(spreadMs / 1000), phones: onFarm ? phones : bots });
}

function brushOrder(ctx: AttackContext, bot: Actor, t: number, n: number, sku: { skuId: string; amountCents: number }, payment: string, address: string, refundShare: number): void {
  const { rng, room } = ctx;
  const o = { orderId: `bo-${room.roomId}-${bot.userId}-${n}`, skuId: sku.skuId, amountCents: sku.amountCents, paymentAccountId: payment, shippingAddressHash: address };
  room.transaction(t, bot, TransactionKind.TRANSACTION_KIND_ORDER, o);
  room.transaction(t + rng.uniform(3_000, 30_000), bot, TransactionKind.TRANSACTION_KIND_PAYMENT, o);
  if (rng.chance(refundShare)) room.transaction(t + rng.uniform(300_000, 1_200_000), bot, TransactionKind.TRANSACTION_KIND_REFUND, o);
}

/** Order brushing through mules: many buyer accounts, a few payment accounts and drop addresses, one amount, refunds later. */
export function brushingMules(ctx: AttackContext): TruthLabel {
  const { rng, room } = ctx;
  const orders = Math.round(lerp(ctx, 8, 40) * rng.uniform(0.8, 1.2));
  const payments = rng.int(1, 3);
  const addresses = rng.int(1, 3);
  const refundShare = rng.uniform(0.5, 1);
  const sku = { skuId: `sku-${room.roomId}-brush`, amountCents: rng.pick([1990, 2990, 5990]) };
  const spreadMs = rng.uniform(60_000, 300_000);
  const buyers = Math.max(1, Math.round(orders / rng.uniform(1, 1.6)));
  const accounts: Actor[] = [];
  for (let b = 0; b < buyers; b++) {
    const created = rng.chance(0.6) ? freshCreated(rng, ctx.startMs) : ctx.startMs - rng.uniform(30, 900) * DAY_MS;
    accounts.push(botAccount(`bm-${room.roomId}-${b}`, created, `bm-dev-${room.roomId}-${b}`, carrierPrefix(rng)));
  }
  for (let i = 0; i < orders; i++) {
    const bot = accounts[i % buyers]!;
    const t = ctx.startMs + rng.uniform(0, spreadMs);
    room.join(t - rng.uniform(2_000, 20_000), bot);
    brushOrder(ctx, bot, t, i, sku, `mule-pay-${room.roomId}-${i % payments}`, `drop-${room.roomId}-${i % addresses}`, refundShare);
    room.leave(t + rng.uniform(2_000, 30_000), bot);
  }
  return label(ctx, "FAKE_ORDERS", "brushing_mules", buyers, orders, { paymentAccounts: payments, addresses, refundShare: Math.round(refundShare * 100) / 100 });
}

/** Order brushing by a few aged accounts ordering again and again, shipping to drop addresses. */
export function brushingRepeat(ctx: AttackContext): TruthLabel {
  const { rng, room } = ctx;
  const buyers = rng.int(2, 4);
  const perBuyer = Math.round(lerp(ctx, 5, 14) * rng.uniform(0.85, 1.15));
  const addresses = rng.int(1, 2);
  const refundShare = rng.uniform(0.5, 1);
  const sku = { skuId: `sku-${room.roomId}-repeat`, amountCents: rng.pick([990, 3990]) };
  const spreadMs = rng.uniform(120_000, 420_000);
  let orders = 0;
  for (let b = 0; b < buyers; b++) {
    const bot = botAccount(`br-${room.roomId}-${b}`, ctx.startMs - rng.uniform(200, 1_500) * DAY_MS, `br-dev-${room.roomId}-${b}`, carrierPrefix(rng));
    room.join(ctx.startMs - 5_000, bot);
    for (let i = 0; i < perBuyer; i++) {
      brushOrder(ctx, bot, ctx.startMs + (spreadMs * (i + rng.uniform(0, 0.5))) / perBuyer, i, sku, `pay-${bot.userId}`, `drop-${room.roomId}-${(b + i) % addresses}`, refundShare);
      orders++;
    }
    room.leave(ctx.startMs + spreadMs + 10_000, bot);
  }
  return label(ctx, "FAKE_ORDERS", "brushing_repeat", buyers, orders, { ordersPerBuyer: perBuyer, addresses, refundShare: Math.round(refundShare * 100) / 100 });
}
