import { BrandAuthorisation, ProductFacts } from "@redline/proto";
import type { InvalidEventReason } from "./errors";
import { DEFAULT_LIMITS } from "./limits";
import { decodeProductFacts } from "./product-facts";
import { reasonOf } from "./testing/reason-of";

const T = 1_764_000_000_000;

const factsJson = {
  skuId: "sku-1",
  platform: "douyin",
  validFromMs: String(T),
  name: "燕窝饮品",
  composition: [{ name: "bird's nest", aliases: ["燕窝"], percent: 0.014 }, { name: "water", percent: 90 }],
  originCountry: "MY",
  certifications: ["GREEN_FOOD"],
  brandAuthorisation: "BRAND_AUTHORISATION_AUTHORISED",
  priceHistory: [{ fromMs: String(T - 86_400_000), priceCents: "19900" }],
  priceCents: "9900",
};

const record = (value: unknown, key = "sku-1") => ({ key, value: Buffer.from(JSON.stringify(value)), contentType: "application/json" });


describe("decodeProductFacts", () => {
  it("decodes a JSON version of the facts with its composition, origin and prices", () => {
    const update = decodeProductFacts(record(factsJson), DEFAULT_LIMITS);
    expect(update.skuId).toBe("sku-1");
    expect(update.facts?.composition[0]).toEqual({ name: "bird's nest", aliases: ["燕窝"], percent: 0.014 });
    expect(update.facts?.composition[1]?.aliases).toEqual([]);
    expect(update.facts?.brandAuthorisation).toBe(BrandAuthorisation.BRAND_AUTHORISATION_AUTHORISED);
    expect(update.facts?.priceHistory[0]?.priceCents).toBe(19_900);
  });

  it("round-trips protobuf, and keeps an absent percent absent (unknown, not zero)", () => {
    const facts = ProductFacts.fromJSON({ ...factsJson, composition: [{ name: "cotton" }] });
    const update = decodeProductFacts({ key: "sku-1", value: ProductFacts.encode(facts).finish(), contentType: undefined }, DEFAULT_LIMITS);
    expect(update.facts?.composition[0]?.percent).toBeUndefined();
  });

  it("reads an empty value as the SKU's withdrawal", () => {
    expect(decodeProductFacts({ key: "sku-9", value: null, contentType: undefined }, DEFAULT_LIMITS)).toEqual({ skuId: "sku-9", facts: null });
    expect(reasonOf(() => decodeProductFacts({ key: undefined, value: null, contentType: undefined }, DEFAULT_LIMITS))).toBe("MISSING_FIELD");
  });

  it.each<[string, unknown, InvalidEventReason, string]>([
    ["bytes that are not JSON", "{", "UNDECODABLE", "sku-1"],
    ["a missing skuId", { ...factsJson, skuId: "" }, "MISSING_FIELD", ""],
    ["no validFromMs", { ...factsJson, validFromMs: "0" }, "MISSING_FIELD", "sku-1"],
    ["a key that is not the skuId", factsJson, "INVALID_FIELD", "sku-2"],
    ["a share above 100 %", { ...factsJson, composition: [{ name: "cotton", percent: 120 }] }, "INVALID_FIELD", "sku-1"],
    ["a composition adding up past 100 %", { ...factsJson, composition: [{ name: "a", percent: 60 }, { name: "b", percent: 60 }] }, "INVALID_FIELD", "sku-1"],
    ["an ingredient without a name", { ...factsJson, composition: [{ percent: 5 }] }, "MISSING_FIELD", "sku-1"],
    ["a negative price", { ...factsJson, priceCents: "-1" }, "NEGATIVE_AMOUNT", "sku-1"],
    ["a negative price in the history", { ...factsJson, priceHistory: [{ fromMs: String(T), priceCents: "-5" }] }, "NEGATIVE_AMOUNT", "sku-1"],
  ])("refuses %s", (_name, value, reason, key) => {
    const bytes = typeof value === "string" ? Buffer.from(value) : Buffer.from(JSON.stringify(value));
    expect(reasonOf(() => decodeProductFacts({ key, value: bytes, contentType: "application/json" }, DEFAULT_LIMITS))).toBe(reason);
  });
});
