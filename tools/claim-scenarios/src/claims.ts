import { PRODUCT_TEMPLATES } from "./catalog";
import type { Rng } from "./rng";
import type { CertificationCode, Claim, ClaimKind, MisleadingKind, Origin, SkuFacts } from "./types";

/**
 * Claims built from a SKU's facts: false ones the way streamers over-claim,
 * true ones the way honest streamers say the same things. Each builder returns
 * null when the SKU's facts leave no such claim (a pure honey cannot be called
 * pure falsely). The labels come from how a claim was built; check-claim.ts is
 * the independent judge the tests hold them to.
 */

const DAY_MS = 86_400_000;

function template(facts: SkuFacts) {
  const t = PRODUCT_TEMPLATES.find((p) => p.category === facts.category);
  if (!t) throw new RangeError(`no template for ${facts.category}`);
  return t;
}

const keyOf = (f: SkuFacts) => f.composition[0] as { ingredientId: string; percent: number };

function nowPrice(f: SkuFacts, atMs: number): number {
  let price = 0;
  for (const p of f.priceHistory) if (p.channel === "LIVE_ROOM" && p.fromMs <= atMs) price = p.priceCents;
  return price;
}

function ownPrices(f: SkuFacts, sinceMs: number): number[] {
  return f.priceHistory
    .filter((p, i, all) => {
      if (p.channel === "OTHER_PLATFORM") return false;
      const next = all.slice(i + 1).find((q) => q.channel === p.channel);
      return (next?.fromMs ?? Number.POSITIVE_INFINITY) > sinceMs;
    })
    .map((p) => p.priceCents);
}

/** The store's own prices in effect at some moment since `sinceMs` (the live room's price excluded). */
function storePrices(f: SkuFacts, sinceMs: number): number[] {
  const store = f.priceHistory.filter((p) => p.channel === "OWN_STORE");
  return store.filter((_, i) => (store[i + 1]?.fromMs ?? Number.POSITIVE_INFINITY) > sinceMs).map((p) => p.priceCents);
}

function placeClaim(f: SkuFacts, place: Origin, level: "country" | "region"): Claim {
  return level === "country"
    ? { kind: "ORIGIN", skuId: f.skuId, level, place: place.country, placeName: place.countryName }
    : { kind: "ORIGIN", skuId: f.skuId, level, place: place.region, placeName: place.regionName };
}

function heldCodes(f: SkuFacts, atMs: number): CertificationCode[] {
  return f.certifications.filter((c) => c.validUntilMs >= atMs).map((c) => c.code);
}

function authorized(f: SkuFacts, atMs: number): boolean {
  const a = f.brandAuthorization;
  return a.status === "OWN_BRAND" || (a.status === "AUTHORIZED" && (a.validUntilMs ?? 0) >= atMs);
}

function cheaperElsewhere(f: SkuFacts, atMs: number): boolean {
  const now = nowPrice(f, atMs);
  const current = new Map<string, number>();
  for (const p of f.priceHistory) if (p.fromMs <= atMs) current.set(p.channel, p.priceCents);
  return [...current.entries()].some(([channel, price]) => channel !== "LIVE_ROOM" && price < now);
}

/** A round number that overstates: at least twice the fact, the kind streamers say (30, 50, 8.8). */
function overstatedPercent(rng: Rng, fact: number): number | null {
  const nice = [1, 2, 3, 5, 8, 10, 15, 20, 25, 30, 40, 50, 60, 70, 80, 88, 90, 95].filter((p) => p >= fact * 2 && p < 100);
  return nice.length === 0 ? null : rng.pick(nice.slice(0, 6));
}

export function misleadingClaim(rng: Rng, kind: MisleadingKind, f: SkuFacts, atMs: number): Claim | null {
  const key = keyOf(f);
  const t = template(f);
  switch (kind) {
    case "composition_percent_overstated": {
      const percent = overstatedPercent(rng, key.percent);
      return percent === null ? null : { kind: "PERCENT", skuId: f.skuId, ingredientId: key.ingredientId, percent };
    }
    case "composition_rich_in":
      return key.percent < 1 ? { kind: "RICH_IN", skuId: f.skuId, ingredientId: key.ingredientId } : null;
    case "pure_or_100_percent":
      return key.percent < 100 ? { kind: "PURE", skuId: f.skuId, ingredientId: key.ingredientId } : null;
    case "origin_false": {
      const value = (o: Origin) => (t.originLevel === "country" ? o.country : o.region);
      const wrong = t.prestigeOrigins.filter((o) => value(o) !== value(f.origin));
      return wrong.length === 0 ? null : placeClaim(f, rng.pick(wrong), t.originLevel);
    }
    case "certification_false": {
      const held = heldCodes(f, atMs);
      const missing = t.certifications.filter((c) => !held.includes(c));
      return missing.length === 0 ? null : { kind: "CERTIFICATION", skuId: f.skuId, code: rng.pick(missing) };
    }
    case "authorization_false":
      return authorized(f, atMs) ? null : { kind: "AUTHORIZED_GENUINE", skuId: f.skuId };
    case "fake_was_price": {
      const highest = Math.max(...ownPrices(f, atMs - 30 * DAY_MS));
      const was = Math.round((highest / 100) * rng.between(1.8, 4) / 10) * 1000 - 100;
      return { kind: "WAS_PRICE", skuId: f.skuId, wasCents: Math.max(was, highest + 1000), nowCents: nowPrice(f, atMs) };
    }
    case "lowest_price_false": {
      const options: Claim[] = [];
      if (cheaperElsewhere(f, atMs)) options.push({ kind: "LOWEST_ANYWHERE", skuId: f.skuId });
      if (Math.min(...ownPrices(f, Number.NEGATIVE_INFINITY)) < nowPrice(f, atMs)) options.push({ kind: "LOWEST_EVER", skuId: f.skuId });
      return options.length === 0 ? null : rng.pick(options);
    }
    case "quantity_overstated":
      return rng.chance(0.5)
        ? { kind: "UNIT_COUNT", skuId: f.skuId, unitCount: f.netQuantity.unitCount * 2 }
        : { kind: "PER_UNIT_AMOUNT", skuId: f.skuId, amount: Math.round((f.netQuantity.perUnitAmount * rng.between(1.4, 2)) / 50) * 50 };
  }
}

export const TRUE_CLAIM_KINDS: readonly ClaimKind[] = [
  "PERCENT", "RICH_IN", "PURE", "ORIGIN", "CERTIFICATION", "AUTHORIZED_GENUINE", "WAS_PRICE", "LOWEST_ANYWHERE", "LOWEST_EVER",
  "UNIT_COUNT", "PER_UNIT_AMOUNT",
];

export function trueClaim(kind: ClaimKind, f: SkuFacts, atMs: number, rng: Rng): Claim | null {
  const key = keyOf(f);
  const t = template(f);
  switch (kind) {
    case "PERCENT":
      return { kind, skuId: f.skuId, ingredientId: key.ingredientId, percent: key.percent };
    case "RICH_IN":
      return key.percent >= 50 ? { kind, skuId: f.skuId, ingredientId: key.ingredientId } : null;
    case "PURE":
      return key.percent >= 100 ? { kind, skuId: f.skuId, ingredientId: key.ingredientId } : null;
    case "ORIGIN":
      return placeClaim(f, f.origin, t.originLevel);
    case "CERTIFICATION": {
      const held = heldCodes(f, atMs);
      return held.length === 0 ? null : { kind, skuId: f.skuId, code: rng.pick(held) };
    }
    case "AUTHORIZED_GENUINE":
      return authorized(f, atMs) ? { kind, skuId: f.skuId } : null;
    case "WAS_PRICE": {
      // The strict reading (原价 = the lowest price the store charged in the 7 days before) so that the
      // lenient rule of check-claim.ts and the regulator's agree that this one is true.
      const was = Math.min(...storePrices(f, atMs - 7 * DAY_MS));
      const now = nowPrice(f, atMs);
      return was > now ? { kind, skuId: f.skuId, wasCents: was, nowCents: now } : null;
    }
    case "LOWEST_ANYWHERE":
      return cheaperElsewhere(f, atMs) ? null : { kind, skuId: f.skuId };
    case "LOWEST_EVER":
      return Math.min(...ownPrices(f, Number.NEGATIVE_INFINITY)) < nowPrice(f, atMs) ? null : { kind, skuId: f.skuId };
    case "UNIT_COUNT":
      return { kind, skuId: f.skuId, unitCount: f.netQuantity.unitCount };
    case "PER_UNIT_AMOUNT":
      return { kind, skuId: f.skuId, amount: f.netQuantity.perUnitAmount };
  }
}
