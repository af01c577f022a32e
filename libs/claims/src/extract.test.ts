import type { ClaimKind } from "./claim";
import { readSegment } from "./extract";

const kinds = (text: string): ClaimKind[] => readSegment(text).claims.map((c) => c.kind);

describe("readSegment: composition", () => {
  it("reads a share said in Chinese numerals with its ingredient", () => {
    const [claim] = readSegment("这款燕窝饮品，燕窝含量高达百分之三十！").claims;
    expect(claim).toMatchObject({ kind: "COMPOSITION_SHARE", ingredient: "bird's nest", percent: 30, bound: "ABOUT" });
  });

  it("reads full-width digits, 成 as tenths, and English shares with bounds", () => {
    expect(readSegment("羊毛含量５０％").claims[0]).toMatchObject({ ingredient: "wool", percent: 50 });
    expect(readSegment("这件有三成是蚕丝").claims[0]).toMatchObject({ ingredient: "silk", percent: 30 });
    expect(readSegment("It has more than 60 percent cashmere.").claims[0]).toMatchObject({ ingredient: "cashmere", percent: 60, bound: "AT_LEAST" });
  });

  it("reads purity from 纯, 100% and pure, once per ingredient", () => {
    expect(readSegment("百分百纯棉的，100%纯棉！").claims).toEqual([expect.objectContaining({ kind: "COMPOSITION_PURE", ingredient: "cotton" })]);
    expect(kinds("This is pure silk, 100% mulberry silk.")).toEqual(["COMPOSITION_PURE"]);
  });

  it("reads abundance (富含, rich in)", () => {
    expect(readSegment("富含燕窝，营养满分").claims[0]).toMatchObject({ kind: "COMPOSITION_RICH", ingredient: "bird's nest" });
    expect(readSegment("It's packed with collagen").claims[0]).toMatchObject({ kind: "COMPOSITION_RICH", ingredient: "collagen" });
    expect(readSegment("每一口都是燕窝").claims[0]).toMatchObject({ kind: "COMPOSITION_RICH", ingredient: "bird's nest" });
    expect(readSegment("our face cream is loaded with real hyaluronic acid").claims[0]).toMatchObject({ kind: "COMPOSITION_RICH" });
  });

  it("finds an ingredient the lexicon lacks when the listing declares it", () => {
    expect(readSegment("石斛含量20%").claims).toEqual([]);
    expect(readSegment("石斛含量20%", [{ name: "dendrobium", aliases: ["石斛"] }]).claims[0]).toMatchObject({ ingredient: "dendrobium", percent: 20 });
  });

  it("does not read discounts, ratings or odds as shares", () => {
    expect(kinds("羊毛大衣今天打折，优惠50%")).toEqual([]);
    expect(kinds("这款蜂蜜好评率99%")).toEqual([]);
    expect(kinds("Our cotton tees are 30% off today")).toEqual([]);
  });
});

describe("readSegment: product claims", () => {
  it.each<[string, ClaimKind, Record<string, unknown>]>([
    ["法国原装进口的红酒", "ORIGIN", { country: "FR" }],
    ["产自新西兰的蜂蜜", "ORIGIN", { country: "NZ" }],
    ["It's made in Italy.", "ORIGIN", { country: "IT" }],
    ["这是进口的", "IMPORTED", {}],
    ["我们有有机认证", "CERTIFICATION", { certification: "ORGANIC" }],
    ["USDA organic certified", "CERTIFICATION", { certification: "ORGANIC" }],
    ["保证正品，假一赔十", "GENUINE", {}],
    ["100% authentic, guaranteed", "GENUINE", {}],
    ["全网最低价，家人们冲", "LOWEST_PRICE_MARKET", {}],
    ["lowest price online, trust me", "LOWEST_PRICE_MARKET", {}],
    ["这是历史最低价", "LOWEST_PRICE_EVER", {}],
    ["原价九百九十九，今天只要一九九", "ORIGINAL_PRICE", { priceCents: 99_900 }],
    ["It was $120, now only $59", "ORIGINAL_PRICE", { priceCents: 12_000 }],
    ["世界第一好喝", "SUPERLATIVE", {}],
    ["拍一单就是四罐", "UNIT_COUNT", { quantity: 4 }],
    ["this comes with twelve bottles", "UNIT_COUNT", { quantity: 12 }],
    ["一瓶足足二百克", "UNIT_AMOUNT", { quantity: 200, unit: "g" }],
    ["this is three hundred milliliters per bottle", "UNIT_AMOUNT", { quantity: 300, unit: "ml" }],
    ["this retails at 1049 RMB", "ORIGINAL_PRICE", { priceCents: 104_900 }],
    ["咱们这款从来没卖过这么便宜", "LOWEST_PRICE_EVER", {}],
    ["you won't find our face cream cheaper anywhere", "LOWEST_PRICE_MARKET", {}],
    ["best in the world", "SUPERLATIVE", {}],
  ])("%s → %s", (text, kind, fields) => {
    expect(readSegment(text).claims).toEqual(expect.arrayContaining([expect.objectContaining({ kind, ...fields })]));
  });

  it("does not take 有机会 (a chance) or genuine leather for claims of certification or genuineness", () => {
    expect(kinds("今天有机会抽奖")).toEqual([]);
    expect(kinds("made of genuine leather")).toEqual([]);
  });
});

describe("readSegment: what is not the streamer's claim", () => {
  it("skips questions and a customer's question read out, keeping the answer", () => {
    expect(kinds("是不是纯棉的？")).toEqual([]);
    expect(kinds("Is it real silk?")).toEqual([]);
    expect(kinds("有宝宝问这个是不是100%纯棉")).toEqual([]);
    expect(readSegment("有人问是不是纯羊毛，我告诉你，羊毛含量60%").claims).toEqual([expect.objectContaining({ kind: "COMPOSITION_SHARE", percent: 60 })]);
    expect(kinds("Someone asked if it's 100% cashmere. Well, it's 30% cashmere.")).toEqual(["COMPOSITION_SHARE"]);
  });

  it("skips negated claims", () => {
    expect(kinds("我们不是纯棉的，是混纺")).toEqual([]);
    expect(kinds("It's not 100% silk")).toEqual([]);
    expect(kinds("我不敢说全网最低价")).toEqual([]);
    expect(kinds("不含添加剂的纯蜂蜜")).toEqual(["COMPOSITION_PURE"]);
  });

  it("sets aside claims about another product", () => {
    const reading = readSegment("上一款是纯羊毛的，这款是混纺");
    expect(reading.claims).toEqual([]);
    expect(reading.otherProductClaims).toEqual([expect.objectContaining({ kind: "COMPOSITION_PURE", ingredient: "wool" })]);
    expect(readSegment("Link 3 is 100% cashmere").otherProductClaims).toHaveLength(1);
  });

  it("takes back what came before a correction, keeps what follows, and says it retracts", () => {
    const reading = readSegment("燕窝含量30%，哎说错了，是0.014%");
    expect(reading.retractsEarlier).toBe(true);
    expect(reading.claims).toEqual([expect.objectContaining({ percent: 0.014 })]);
    expect(readSegment("Sorry, I meant it's 20% wool").retractsEarlier).toBe(true);
  });

  it("drops a whole segment owned up to as a joke", () => {
    const reading = readSegment("这个是世界第一的纯金，开玩笑的哈哈");
    expect(reading).toEqual({ claims: [], otherProductClaims: [], retractsEarlier: true });
  });
});
