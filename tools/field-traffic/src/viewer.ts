import { Rng } from "./random";
import { Person, Role, RoomBuilder } from "./room";

export interface Sku {
  id: string;
  priceCents: number;
}

export interface Session {
  person: Person;
  fromMs: number;
  toMs: number;
}

export interface Purchase {
  person: Person;
  orderId: string;
  sku: Sku;
  atMs: number;
  paid: boolean;
}

/** How an ordinary person behaves while watching; episodes raise one rate or another. */
export interface Habits {
  likeProb: number;
  commentProb: number;
  followProb: number;
  buyProb: number;
  tipProb: number;
}

export const ORDINARY: Habits = { likeProb: 0.35, commentProb: 0.15, followProb: 0.08, buyProb: 0.04, tipProb: 0.01 };

const CHAT = [
  "主播好", "这个多少钱", "有没有大码", "已拍", "支持主播", "好看", "上链接", "求讲解一下3号",
  "发货快吗", "来了来了", "哈哈哈", "怎么洗", "这个颜色显白吗", "还有库存吗", "hello from Shenzhen",
  "is this available in blue", "nice", "我妈也想要", "第二次买了", "包邮吗", "什么时候抽奖", "666",
];

export const say = (rng: Rng): string => rng.pick(CHAT);

/**
 * One visit as the platform records it: a JOIN, sometimes a dropped connection (a LEAVE then a
 * JOIN a few seconds later, or a second JOIN with no LEAVE at all), and a LEAVE unless the stream
 * ends first. Returns the time the person actually left.
 */
export function visit(b: RoomBuilder, rng: Rng, p: Person, joinMs: number, dwellMs: number, role: Role): number {
  const end = Math.min(joinMs + dwellMs, b.meta.endMs);
  b.join(p, joinMs, role);
  if (end - joinMs > 120_000 && rng.chance(0.12)) {
    const drops = rng.chance(0.3) ? 2 : 1;
    for (let i = 0; i < drops; i++) {
      const at = rng.uniform(joinMs + 30_000, end - 30_000);
      if (rng.chance(0.5)) b.leave(p, at, role);
      b.join(p, at + rng.uniform(2_000, 25_000), role);
    }
  }
  if (end < b.meta.endMs) b.leave(p, end, role);
  return end;
}

/** Taps in client batches of about a second; a human sustains 2–8 taps/s, briefly up to 15. */
export function tapBurst(b: RoomBuilder, rng: Rng, p: Person, atMs: number, seconds: number, rate: number, role: Role): void {
  let t = atMs;
  const stop = atMs + seconds * 1000;
  while (t < stop && t < b.meta.endMs) {
    const gap = rng.gap(1000, 0.25);
    const count = Math.min(15, Math.max(1, Math.round(rate * (gap / 1000) * rng.uniform(0.7, 1.3))));
    b.like(p, t, count, role);
    t += gap;
  }
}

/** What an ordinary viewer does between fromMs and toMs: bursts of likes, chat, a follow, maybe a purchase. */
export function interact(
  b: RoomBuilder,
  rng: Rng,
  p: Person,
  fromMs: number,
  toMs: number,
  habits: Habits,
  skus: readonly Sku[],
  role: Role,
  purchases?: Purchase[],
): void {
  const span = toMs - fromMs;
  if (span < 5_000) return;
  const at = (): number => rng.uniform(fromMs + Math.min(3_000, span / 4), toMs);
  if (rng.chance(habits.likeProb)) {
    const bursts = 1 + Math.floor(rng.uniform(0, span / 180_000));
    for (let i = 0; i < bursts; i++) {
      const enthusiast = rng.chance(0.03);
      tapBurst(b, rng, p, at(), enthusiast ? rng.uniform(1, 2) : rng.uniform(3, 25), enthusiast ? rng.uniform(12, 15) : rng.uniform(2, 8), role);
    }
  }
  if (rng.chance(habits.commentProb)) {
    for (let i = rng.int(1, 4); i > 0; i--) b.comment(p, at(), say(rng), role);
  }
  if (rng.chance(habits.followProb) && span > 30_000) b.follow(p, rng.uniform(fromMs + 30_000, Math.min(toMs, fromMs + 600_000)), role);
  if (rng.chance(habits.tipProb)) b.tip(p, at(), rng.pick([100, 660, 1000, 5200, 52000]), role);
  if (skus.length > 0 && rng.chance(habits.buyProb)) {
    // A shop buying for resale places several separate orders; most people place one.
    const orders = rng.chance(0.1) ? rng.int(2, 4) : 1;
    for (let i = 0; i < orders; i++) buy(b, rng, p, rng.pick(skus), at(), role, purchases, 0.9);
  }
}

/** An ORDER, a PAYMENT a few seconds to a minute and a half later (or never), rarely a refund. */
export function buy(
  b: RoomBuilder,
  rng: Rng,
  p: Person,
  sku: Sku,
  atMs: number,
  role: Role,
  purchases: Purchase[] | undefined,
  payProb: number,
): void {
  const orderId = b.order(p, atMs, sku.id, sku.priceCents, role);
  const paid = rng.chance(payProb);
  if (paid) {
    const paidAt = atMs + rng.uniform(5_000, 90_000);
    b.pay(p, paidAt, orderId, sku.id, sku.priceCents, role);
    if (rng.chance(0.01)) b.refund(p, paidAt + rng.uniform(60_000, 1_200_000), orderId, sku.id, sku.priceCents, role);
  }
  purchases?.push({ person: p, orderId, sku, atMs, paid });
}
