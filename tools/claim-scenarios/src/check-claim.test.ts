import { checkClaim } from "./check-claim";
import type { SkuFacts } from "./types";

const DAY = 86_400_000;
const T = Date.UTC(2026, 5, 18, 12, 0, 0);

/** The seed's own case: a bird's-nest drink with 0.014 % bird's nest. */
const drink: SkuFacts = {
  skuId: "sku-1",
  roomId: "room-1",
  linkNumber: 1,
  category: "bird_nest_drink",
  name: { zh: "燕窝饮品", en: "bird's nest drink" },
  composition: [
    { ingredientId: "bird_nest", name: { zh: "燕窝", en: "bird's nest" }, percent: 0.014 },
    { ingredientId: "water", name: { zh: "水", en: "water" }, percent: 91.986 },
    { ingredientId: "sugar", name: { zh: "白砂糖", en: "sugar" }, percent: 8 },
  ],
  netQuantity: { unitCount: 6, unitName: { zh: "瓶", en: "bottles" }, perUnitAmount: 250, unit: "ml" },
  origin: { country: "CN", countryName: { zh: "中国", en: "China" }, region: "Fujian", regionName: { zh: "福建", en: "Fujian" } },
  certifications: [
    { code: "GREEN_FOOD", certificateId: "GF-1", validUntilMs: T + 100 * DAY },
    { code: "ISO_9001", certificateId: "ISO-1", validUntilMs: T - 10 * DAY },
  ],
  brandAuthorization: { brand: { zh: "青禾", en: "Qinghe" }, status: "AUTHORIZED", validUntilMs: T - DAY },
  priceHistory: [
    { channel: "OWN_STORE", fromMs: T - 60 * DAY, priceCents: 39900 },
    { channel: "OWN_STORE", fromMs: T - 20 * DAY, priceCents: 15900 },
    { channel: "OTHER_PLATFORM", fromMs: T - 5 * DAY, priceCents: 8900 },
    { channel: "LIVE_ROOM", fromMs: T - 3_600_000, priceCents: 9900 },
  ],
};
const sku = "sku-1";

describe("checkClaim", () => {
  it("holds percentages to the composition, with room for rounding only", () => {
    expect(checkClaim({ kind: "PERCENT", skuId: sku, ingredientId: "bird_nest", percent: 30 }, drink, T)).toEqual({
      field: "composition", key: "bird_nest", factValue: 0.014, claimedValue: 30,
    });
    expect(checkClaim({ kind: "PERCENT", skuId: sku, ingredientId: "bird_nest", percent: 0.014 }, drink, T)).toBeNull();
    expect(checkClaim({ kind: "PERCENT", skuId: sku, ingredientId: "sugar", percent: 8.3 }, drink, T)).toBeNull();
    expect(checkClaim({ kind: "PERCENT", skuId: sku, ingredientId: "sugar", percent: 9 }, drink, T)).not.toBeNull();
  });

  it("calls 'rich in' a trace ingredient and 'pure' anything under 100 % false", () => {
    expect(checkClaim({ kind: "RICH_IN", skuId: sku, ingredientId: "bird_nest" }, drink, T)?.field).toBe("composition");
    expect(checkClaim({ kind: "RICH_IN", skuId: sku, ingredientId: "water" }, drink, T)).toBeNull();
    expect(checkClaim({ kind: "PURE", skuId: sku, ingredientId: "water" }, drink, T)?.factValue).toBe(91.986);
    expect(checkClaim({ kind: "PURE", skuId: sku, ingredientId: "honey" }, drink, T)?.factValue).toBe(0);
  });

  it("checks origin at the level claimed", () => {
    const place = (level: "country" | "region", code: string) =>
      checkClaim({ kind: "ORIGIN", skuId: sku, level, place: code, placeName: { zh: code, en: code } }, drink, T);
    expect(place("country", "CN")).toBeNull();
    expect(place("region", "Fujian")).toBeNull();
    expect(place("country", "MY")).toEqual({ field: "origin", key: "country", factValue: "CN", claimedValue: "MY" });
    expect(place("region", "Sarawak")?.field).toBe("origin");
  });

  it("takes a lapsed certificate or authorisation as none", () => {
    expect(checkClaim({ kind: "CERTIFICATION", skuId: sku, code: "GREEN_FOOD" }, drink, T)).toBeNull();
    expect(checkClaim({ kind: "CERTIFICATION", skuId: sku, code: "ISO_9001" }, drink, T)?.key).toBe("ISO_9001");
    expect(checkClaim({ kind: "CERTIFICATION", skuId: sku, code: "ORGANIC" }, drink, T)?.field).toBe("certifications");
    expect(checkClaim({ kind: "AUTHORIZED_GENUINE", skuId: sku }, drink, T)?.factValue).toBe("EXPIRED");
    expect(checkClaim({ kind: "AUTHORIZED_GENUINE", skuId: sku }, drink, T - 2 * DAY)).toBeNull();
    const own = { ...drink, brandAuthorization: { ...drink.brandAuthorization, status: "OWN_BRAND" as const, validUntilMs: null } };
    expect(checkClaim({ kind: "AUTHORIZED_GENUINE", skuId: sku }, own, T)).toBeNull();
  });

  it("accepts a 'was' price only if the seller charged it within the 30 days before", () => {
    // 399 was charged until 20 days ago, so inside the window; 499 never was.
    expect(checkClaim({ kind: "WAS_PRICE", skuId: sku, wasCents: 39900, nowCents: 9900 }, drink, T)).toBeNull();
    expect(checkClaim({ kind: "WAS_PRICE", skuId: sku, wasCents: 49900, nowCents: 9900 }, drink, T)?.factValue).toBe(39900);
    // Fifty days on, 399 is out of the window.
    expect(checkClaim({ kind: "WAS_PRICE", skuId: sku, wasCents: 39900, nowCents: 9900 }, drink, T + 50 * DAY)?.factValue).toBe(15900);
    expect(checkClaim({ kind: "WAS_PRICE", skuId: sku, wasCents: 15900, nowCents: 7900 }, drink, T)?.key).toBe("LIVE_ROOM");
  });

  it("finds 全网最低价 false when any other channel is cheaper now, and 历史最低价 against the seller's own history", () => {
    expect(checkClaim({ kind: "LOWEST_ANYWHERE", skuId: sku }, drink, T)).toEqual({
      field: "priceHistory", key: "OTHER_PLATFORM", factValue: 8900, claimedValue: 9900,
    });
    const dearer = { ...drink, priceHistory: drink.priceHistory.map((p) => (p.channel === "OTHER_PLATFORM" ? { ...p, priceCents: 10900 } : p)) };
    expect(checkClaim({ kind: "LOWEST_ANYWHERE", skuId: sku }, dearer, T)).toBeNull();
    expect(checkClaim({ kind: "LOWEST_EVER", skuId: sku }, drink, T)).toBeNull();
    const dip = { ...drink, priceHistory: [...drink.priceHistory, { channel: "OWN_STORE" as const, fromMs: T - 90 * DAY, priceCents: 6900 }] };
    dip.priceHistory.sort((a, b) => a.fromMs - b.fromMs);
    expect(checkClaim({ kind: "LOWEST_EVER", skuId: sku }, dip, T)?.factValue).toBe(6900);
  });

  it("holds counts and amounts to the net quantity exactly", () => {
    expect(checkClaim({ kind: "UNIT_COUNT", skuId: sku, unitCount: 6 }, drink, T)).toBeNull();
    expect(checkClaim({ kind: "UNIT_COUNT", skuId: sku, unitCount: 12 }, drink, T)?.key).toBe("unitCount");
    expect(checkClaim({ kind: "PER_UNIT_AMOUNT", skuId: sku, amount: 500 }, drink, T)?.factValue).toBe(250);
  });
});
