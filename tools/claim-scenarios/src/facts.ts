import type { ProductTemplate } from "./catalog";
import { BRANDS } from "./catalog";
import type { Rng } from "./rng";
import type { BrandAuthorization, Certification, Ingredient, PricePoint, SkuFacts } from "./types";

const DAY_MS = 86_400_000;

/** Three significant digits: 0.0143, 12.7, 64.2. */
function roundPercent(value: number): number {
  return Number(value.toPrecision(3));
}

function composition(rng: Rng, t: ProductTemplate): Ingredient[] {
  const pure = rng.chance(t.pureChance) || t.otherIngredients.length === 0;
  const keyPercent = pure ? 100 : roundPercent(rng.logUniform(t.keyPercentRange[0], t.keyPercentRange[1]));
  const out: Ingredient[] = [{ ...t.key, percent: keyPercent }];
  if (pure) return out;
  let left = 100 - keyPercent;
  t.otherIngredients.forEach((ing, idx) => {
    const last = idx === t.otherIngredients.length - 1;
    const share = last ? left : Math.round(left * rng.between(0.5, 0.9) * 10) / 10;
    out.push({ ...ing, percent: Number(share.toFixed(3)) });
    left -= share;
  });
  return out;
}

function certifications(rng: Rng, t: ProductTemplate, streamStartMs: number): Certification[] {
  return t.certifications
    .filter(() => rng.chance(0.5))
    .map((code) => ({
      code,
      certificateId: `${code}-${rng.hex(8).toUpperCase()}`,
      // One in six has lapsed before the stream: the paper exists but no longer covers the goods.
      validUntilMs: streamStartMs + (rng.chance(1 / 6) ? -rng.int(5, 200) : rng.int(30, 700)) * DAY_MS,
    }));
}

function authorization(rng: Rng, streamStartMs: number): BrandAuthorization {
  const brand = rng.pick(BRANDS);
  const roll = rng.float();
  if (roll < 0.3) return { brand, status: "OWN_BRAND", validUntilMs: null };
  if (roll < 0.75) {
    const lapsed = rng.chance(0.2);
    return { brand, status: "AUTHORIZED", validUntilMs: streamStartMs + (lapsed ? -rng.int(3, 120) : rng.int(20, 365)) * DAY_MS };
  }
  return { brand, status: "NONE", validUntilMs: null };
}

/** Prices end in 9 as shops set them. */
function shopPrice(yuan: number): number {
  return Math.max(9, Math.round(yuan / 10) * 10 - 1) * 100;
}

/**
 * The seller's store prices over the last 90 days, the live room's price from
 * an hour before the stream, and sometimes the same SKU on another platform:
 * cheaper in about half the SKUs (so 全网最低价 is false there), and the store
 * once cheaper than today in about a third (so 历史最低价 is false).
 */
function priceHistory(rng: Rng, t: ProductTemplate, streamStartMs: number): PricePoint[] {
  const live = shopPrice(rng.between(t.priceYuanRange[0], t.priceYuanRange[1]));
  const points: PricePoint[] = [];
  const dipIndex = rng.chance(0.33) ? rng.int(0, 3) : -1;
  [90, 60, 30, 14].forEach((daysAgo, idx) => {
    const factor = idx === dipIndex ? rng.between(0.7, 0.9) : rng.between(1.1, 1.6);
    points.push({ channel: "OWN_STORE", fromMs: streamStartMs - daysAgo * DAY_MS, priceCents: shopPrice((live / 100) * factor) });
  });
  // The store is back at a regular price on the day of the stream.
  points.push({ channel: "OWN_STORE", fromMs: streamStartMs - 2 * DAY_MS, priceCents: shopPrice((live / 100) * rng.between(1.05, 1.3)) });
  points.push({ channel: "LIVE_ROOM", fromMs: streamStartMs - 3_600_000, priceCents: live });
  if (rng.chance(0.8)) {
    const cheaper = rng.chance(0.5);
    const factor = cheaper ? rng.between(0.75, 0.92) : rng.between(1.1, 1.4);
    points.push({ channel: "OTHER_PLATFORM", fromMs: streamStartMs - rng.int(1, 20) * DAY_MS, priceCents: shopPrice((live / 100) * factor) });
  }
  return points.sort((a, b) => a.fromMs - b.fromMs || a.channel.localeCompare(b.channel));
}

export function makeSkuFacts(rng: Rng, t: ProductTemplate, ids: { skuId: string; roomId: string; linkNumber: number }, streamStartMs: number): SkuFacts {
  return {
    ...ids,
    category: t.category,
    name: t.name,
    composition: composition(rng, t),
    netQuantity: { unitCount: rng.pick(t.unitCounts), unitName: t.unitName, perUnitAmount: rng.pick(t.perUnitAmounts), unit: t.unit },
    origin: rng.pick(t.origins),
    certifications: certifications(rng, t, streamStartMs),
    brandAuthorization: authorization(rng, streamStartMs),
    priceHistory: priceHistory(rng, t, streamStartMs),
  };
}
