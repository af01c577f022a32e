import type { Claim, Contradiction, PriceChannel, SkuFacts } from "./types";

/**
 * The rules a claim is judged by, against the facts as written in facts.json.
 * This is the scenarios' definition of "contradicts" (README, "What counts as
 * a contradiction"); the generator does not call it to make its labels, the
 * tests call it to check them.
 */

const DAY_MS = 86_400_000;
/** A "was" price must have been charged by the seller within this window before the claim. */
export const WAS_PRICE_WINDOW_MS = 30 * DAY_MS;
/** "Rich in" / 满满的 an ingredient that is under this share (percent) is a contradiction. */
export const RICH_IN_MIN_PERCENT = 1;
/** A stated percentage within this relative distance of the fact is a correct one (rounding). */
export const PERCENT_RELATIVE_TOLERANCE = 0.05;

const OWN_CHANNELS: readonly PriceChannel[] = ["LIVE_ROOM", "OWN_STORE"];

export function percentOf(facts: SkuFacts, ingredientId: string): number {
  return facts.composition.find((i) => i.ingredientId === ingredientId)?.percent ?? 0;
}

/** The price a channel charges at `atMs`, or null when it has none yet. */
export function priceInEffect(facts: SkuFacts, channel: PriceChannel, atMs: number): number | null {
  let price: number | null = null;
  for (const p of facts.priceHistory) if (p.channel === channel && p.fromMs <= atMs) price = p.priceCents;
  return price;
}

/** Every price the seller's own channels charged at some moment of [fromMs, toMs). */
export function ownPricesDuring(facts: SkuFacts, fromMs: number, toMs: number): number[] {
  const prices: number[] = [];
  for (const channel of OWN_CHANNELS) {
    const points = facts.priceHistory.filter((p) => p.channel === channel);
    points.forEach((p, i) => {
      const until = points[i + 1]?.fromMs ?? Number.POSITIVE_INFINITY;
      if (p.fromMs < toMs && until > fromMs) prices.push(p.priceCents);
    });
  }
  return prices;
}

function livePrice(facts: SkuFacts, atMs: number): number {
  const price = priceInEffect(facts, "LIVE_ROOM", atMs);
  if (price === null) throw new RangeError(`${facts.skuId} has no LIVE_ROOM price at ${atMs}`);
  return price;
}

function certificationHeld(facts: SkuFacts, code: string, atMs: number): boolean {
  return facts.certifications.some((c) => c.code === code && c.validUntilMs >= atMs);
}

function authorizedAt(facts: SkuFacts, atMs: number): boolean {
  const a = facts.brandAuthorization;
  return a.status === "OWN_BRAND" || (a.status === "AUTHORIZED" && a.validUntilMs !== null && a.validUntilMs >= atMs);
}

function checkPrice(claim: Claim, facts: SkuFacts, atMs: number): Contradiction | null {
  const now = livePrice(facts, atMs);
  switch (claim.kind) {
    case "WAS_PRICE": {
      if (claim.nowCents !== now) return { field: "priceHistory", key: "LIVE_ROOM", factValue: now, claimedValue: claim.nowCents };
      const charged = ownPricesDuring(facts, atMs - WAS_PRICE_WINDOW_MS, atMs);
      const highest = charged.length === 0 ? null : Math.max(...charged);
      return highest !== null && claim.wasCents <= highest
        ? null
        : { field: "priceHistory", key: "was", factValue: highest, claimedValue: claim.wasCents };
    }
    case "LOWEST_ANYWHERE": {
      const others = (["OWN_STORE", "OTHER_PLATFORM"] as const)
        .map((channel) => ({ channel, price: priceInEffect(facts, channel, atMs) }))
        .filter((o): o is { channel: "OWN_STORE" | "OTHER_PLATFORM"; price: number } => o.price !== null && o.price < now);
      const cheapest = others.sort((a, b) => a.price - b.price)[0];
      return cheapest ? { field: "priceHistory", key: cheapest.channel, factValue: cheapest.price, claimedValue: now } : null;
    }
    case "LOWEST_EVER": {
      const ever = ownPricesDuring(facts, Number.NEGATIVE_INFINITY, atMs + 1);
      const lowest = Math.min(...ever);
      return lowest < now ? { field: "priceHistory", key: "lowestEver", factValue: lowest, claimedValue: now } : null;
    }
    default:
      throw new RangeError(`not a price claim: ${claim.kind}`);
  }
}

/** The contradiction between a claim and its SKU's facts at `atMs`, or null when the facts bear it out. */
export function checkClaim(claim: Claim, facts: SkuFacts, atMs: number): Contradiction | null {
  switch (claim.kind) {
    case "PERCENT": {
      const fact = percentOf(facts, claim.ingredientId);
      const ok = Math.abs(claim.percent - fact) <= Math.max(PERCENT_RELATIVE_TOLERANCE * fact, 0.001);
      return ok ? null : { field: "composition", key: claim.ingredientId, factValue: fact, claimedValue: claim.percent };
    }
    case "RICH_IN": {
      const fact = percentOf(facts, claim.ingredientId);
      return fact >= RICH_IN_MIN_PERCENT ? null : { field: "composition", key: claim.ingredientId, factValue: fact, claimedValue: "rich in" };
    }
    case "PURE": {
      const fact = percentOf(facts, claim.ingredientId);
      return fact >= 100 ? null : { field: "composition", key: claim.ingredientId, factValue: fact, claimedValue: 100 };
    }
    case "ORIGIN": {
      const fact = claim.level === "country" ? facts.origin.country : facts.origin.region;
      return fact === claim.place ? null : { field: "origin", key: claim.level, factValue: fact, claimedValue: claim.place };
    }
    case "CERTIFICATION":
      return certificationHeld(facts, claim.code, atMs)
        ? null
        : { field: "certifications", key: claim.code, factValue: null, claimedValue: claim.code };
    case "AUTHORIZED_GENUINE":
      return authorizedAt(facts, atMs)
        ? null
        : {
            field: "brandAuthorization",
            key: null,
            // A lapsed authorisation still reads AUTHORIZED in the record; say why it does not cover the claim.
            factValue: facts.brandAuthorization.status === "AUTHORIZED" ? "EXPIRED" : facts.brandAuthorization.status,
            claimedValue: "AUTHORIZED",
          };
    case "UNIT_COUNT":
      return claim.unitCount === facts.netQuantity.unitCount
        ? null
        : { field: "netQuantity", key: "unitCount", factValue: facts.netQuantity.unitCount, claimedValue: claim.unitCount };
    case "PER_UNIT_AMOUNT":
      return claim.amount === facts.netQuantity.perUnitAmount
        ? null
        : { field: "netQuantity", key: "perUnitAmount", factValue: facts.netQuantity.perUnitAmount, claimedValue: claim.amount };
    default:
      return checkPrice(claim, facts, atMs);
  }
}
