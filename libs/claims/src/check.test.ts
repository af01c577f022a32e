import { BrandAuthorisation, ProductFacts } from "@redline/proto";
import { assessSegment } from "./assess";
import type { ClaimCheck } from "./check";

const T = 1_764_000_000_000;
const DAY = 86_400_000;

const drink = ProductFacts.fromPartial({
  skuId: "sku-nest",
  validFromMs: T - DAY,
  brand: "NestCo",
  composition: [
    { name: "bird's nest", aliases: ["燕窝"], percent: 0.014 },
    { name: "water", aliases: ["水"], percent: 89.986 },
    { name: "sugar", aliases: ["糖"], percent: 10 },
  ],
  originCountry: "CN",
  certifications: ["GREEN_FOOD"],
  brandAuthorisation: BrandAuthorisation.BRAND_AUTHORISATION_NOT_AUTHORISED,
  priceCents: 9_900,
  priceHistory: [
    { fromMs: T - 60 * DAY, priceCents: 12_900, channel: "" },
    { fromMs: T - 20 * DAY, priceCents: 9_900, channel: "" },
    { fromMs: T - 10 * DAY, priceCents: 8_900, channel: "jd" },
  ],
});

const shirt = ProductFacts.fromPartial({
  skuId: "sku-shirt",
  validFromMs: T - DAY,
  composition: [{ name: "cotton", percent: 65 }, { name: "polyester", percent: 35 }],
  originCountry: "VN",
  certifications: ["OEKO_TEX_100"],
  brandAuthorisation: BrandAuthorisation.BRAND_AUTHORISATION_AUTHORISED,
  priceCents: 5_900,
  priceHistory: [{ fromMs: T - 5 * DAY, priceCents: 5_900, channel: "" }],
});

const only = (text: string, facts: ProductFacts | undefined): ClaimCheck => {
  const { checks } = assessSegment(text, facts, T);
  expect(checks).toHaveLength(1);
  return checks[0]!;
};

describe("checkClaim against the product's facts", () => {
  it("contradicts a share thousands of times the label's, gravely, citing the label", () => {
    const check = only("燕窝含量高达百分之三十", drink);
    expect(check).toMatchObject({ outcome: "CONTRADICTION", gravity: "HIGH" });
    expect(check.fact).toContain("0.014");
  });

  it("contradicts 'rich in' a trace ingredient, and agrees with a share close to the label's", () => {
    expect(only("富含燕窝", drink)).toMatchObject({ outcome: "CONTRADICTION", gravity: "HIGH" });
    expect(only("燕窝含量百分之零点零一四", drink).outcome).toBe("CONSISTENT");
    expect(only("about 65% cotton", shirt).outcome).toBe("CONSISTENT");
    expect(only("about 80% cotton", shirt).outcome).toBe("CONTRADICTION");
  });

  it("contradicts purity of a blend, and reads an ingredient absent from a complete composition as 0 %", () => {
    expect(only("100%纯棉", shirt)).toMatchObject({ outcome: "CONTRADICTION", gravity: "MEDIUM" });
    expect(only("这件是真丝的，纯真丝", shirt)).toMatchObject({ outcome: "CONTRADICTION", gravity: "HIGH" });
  });

  it("checks origin, import, certifications and the brand's authorisation", () => {
    expect(only("法国进口", drink).outcome).toBe("CONTRADICTION");
    expect(only("这是进口的", drink).outcome).toBe("CONTRADICTION");
    expect(only("made in Vietnam", shirt).outcome).toBe("CONSISTENT");
    expect(only("有机认证的", drink).outcome).toBe("CONTRADICTION");
    expect(only("绿色食品认证", drink).outcome).toBe("CONSISTENT");
    expect(only("保证正品", drink)).toMatchObject({ outcome: "CONTRADICTION", gravity: "HIGH" });
    expect(only("保证正品", shirt).outcome).toBe("CONSISTENT");
  });

  it("checks prices against the history in force at the claim's time", () => {
    expect(only("全网最低价", drink).outcome).toBe("CONTRADICTION");
    expect(only("原价129", drink).outcome).toBe("CONSISTENT");
    expect(only("原价299", drink)).toMatchObject({ outcome: "CONTRADICTION", gravity: "HIGH" });
    expect(only("原价129", ProductFacts.fromPartial({ ...drink, priceHistory: drink.priceHistory.slice(1) })).outcome).toBe("CONTRADICTION");
    expect(only("历史最低价", drink).outcome).toBe("CONSISTENT");
    expect(only("全网最低价", shirt)).toMatchObject({ outcome: "UNVERIFIABLE", gravity: "LOW" });
  });

  it("checks units per purchase and the amount in each against the declared net quantity", () => {
    const jar = ProductFacts.fromPartial({ ...shirt, netQuantity: { unitCount: 2, perUnitAmount: 250, unit: "g" } });
    expect(only("一共四罐", jar).outcome).toBe("CONTRADICTION");
    expect(only("一共两罐", jar).outcome).toBe("CONSISTENT");
    expect(only("每罐足足500克", jar).outcome).toBe("CONTRADICTION");
    expect(only("250 g per jar", jar).outcome).toBe("CONSISTENT");
  });

  it("leaves unverifiable claims without a finding, and superlatives LOW", () => {
    expect(only("燕窝含量30%", undefined)).toMatchObject({ outcome: "UNVERIFIABLE", gravity: "NONE" });
    expect(only("保证正品", ProductFacts.fromPartial({ skuId: "x", validFromMs: T })).gravity).toBe("NONE");
    expect(only("世界第一好用", shirt)).toMatchObject({ outcome: "UNVERIFIABLE", gravity: "LOW" });
  });
});
