import { CERTIFICATION_NAMES } from "./catalog";
import { productRef, singular } from "./frames";
import { sayAmount, sayCount, sayPercent, sayYuan } from "./numbers";
import type { Rng } from "./rng";
import type { Claim, SkuFacts } from "./types";

/** The words of a claim, without opener or closer: "这款燕窝含量百分之三十", "this one is 100% pure honey". */

function ingredientName(f: SkuFacts, ingredientId: string, lang: "zh" | "en"): string {
  const ing = f.composition.find((i) => i.ingredientId === ingredientId);
  if (!ing) throw new RangeError(`${f.skuId} has no ${ingredientId}`);
  return ing.name[lang];
}

/** 咱们的橙汁含量八成, not 咱们的橙汁橙汁含量: a named product whose name is its ingredient's says it once. */
function zhIngredient(f: SkuFacts, ingredientId: string, ref: string): string {
  const ing = ingredientName(f, ingredientId, "zh");
  return ref.endsWith(ing) ? "" : ing;
}

function countWord(f: SkuFacts, n: number, lang: "zh" | "en"): string {
  const word = f.netQuantity.unitName[lang];
  return lang === "en" && n === 1 ? singular(word) : word;
}

function zhCore(rng: Rng, c: Claim, f: SkuFacts, ref: string): string {
  switch (c.kind) {
    case "PERCENT": {
      const ing = zhIngredient(f, c.ingredientId, ref);
      const pct = sayPercent(rng, c.percent, "zh");
      if (ing === "") return rng.pick([`${ref}含量${pct}`, `配料表写着呢，${ref}含量是${pct}`]);
      return rng.pick([`${ref}${ing}含量${pct}`, `${ref}里面${ing}占了${pct}`, `${ref}的${ing}有${pct}`, `配料表写着呢，${ref}${ing}是${pct}`]);
    }
    case "RICH_IN": {
      const ing = ingredientName(f, c.ingredientId, "zh");
      const after = zhIngredient(f, c.ingredientId, ref);
      return rng.pick([`${ref}满满的都是${ing}`, `${ref}${after}含量超高的`, `${ref}富含${ing}`, `${ref}每一口都是${ing}`]);
    }
    case "PURE": {
      const ing = ingredientName(f, c.ingredientId, "zh");
      const after = zhIngredient(f, c.ingredientId, ref);
      return rng.pick([`${ref}是纯${ing}，没有任何添加`, `${ref}百分之百纯${ing}`, `${ref}是100%${ing}的`, `纯${ing}！${ref}一点别的都没加`, `${ref}${after}含量百分之百`]);
    }
    case "ORIGIN": {
      const place = c.placeName.zh;
      if (c.level === "region") return rng.pick([`${ref}是正宗${place}产的`, `${ref}原产地${place}`, `${ref}产地就在${place}`]);
      if (c.place === "CN") return rng.pick([`${ref}是国产的，原产地中国`, `${ref}产地中国`]);
      return rng.pick([`${ref}是${place}原装进口的`, `${ref}原产地${place}`, `${ref}${place}直采，正宗进口`, `${ref}产地是${place}`]);
    }
    case "CERTIFICATION": {
      const cert = CERTIFICATION_NAMES[c.code].zh;
      return rng.pick([`${ref}有${cert}认证`, `${ref}通过了${cert}认证的`, `${ref}是${cert}认证产品，放心买`]);
    }
    case "AUTHORIZED_GENUINE": {
      const brand = f.brandAuthorization.brand.zh;
      return rng.pick([`${ref}是${brand}品牌方官方授权的，保证正品`, `官方授权，${ref}假一赔十`, `${ref}正品，有${brand}的授权书`]);
    }
    case "WAS_PRICE": {
      const was = sayYuan(rng, c.wasCents, "zh");
      const now = sayYuan(rng, c.nowCents, "zh");
      return rng.pick([`${ref}原价${was}，今天直播间只要${now}`, `${ref}专柜价${was}，咱们今天${now}`, `${ref}平时卖${was}的，今天${now}到手`]);
    }
    case "LOWEST_ANYWHERE":
      return rng.pick([`${ref}全网最低价`, `${ref}全网最低，找不到比这更便宜的`, `${ref}全网比价了，我们最低`]);
    case "LOWEST_EVER":
      return rng.pick([`${ref}今天是历史最低价`, `${ref}史低价`, `${ref}从来没卖过这么便宜`]);
    case "UNIT_COUNT": {
      const count = sayCount(rng, c.unitCount, countWord(f, c.unitCount, "zh"), "zh");
      const box = f.netQuantity.unitName.zh === "瓶" ? [`${ref}一箱${count}`] : [];
      return rng.pick([...box, `${ref}一共${count}`, `${ref}拍一单就是${count}`]);
    }
    case "PER_UNIT_AMOUNT": {
      const amount = sayAmount(rng, c.amount, f.netQuantity.unit, "zh");
      const word = f.netQuantity.unitName.zh;
      return rng.pick([`${ref}每${word}${amount}`, `${ref}一${word}足足${amount}`]);
    }
  }
}

function enCore(rng: Rng, c: Claim, f: SkuFacts, ref: string): string {
  switch (c.kind) {
    case "PERCENT": {
      const ing = ingredientName(f, c.ingredientId, "en");
      const pct = sayPercent(rng, c.percent, "en");
      return rng.pick([`${ref} is ${pct} ${ing}`, `${ref} has ${pct} ${ing} in it`, `${ing} content in ${ref}: ${pct}`]);
    }
    case "RICH_IN": {
      const ing = ingredientName(f, c.ingredientId, "en");
      return rng.pick([`${ref} is packed with ${ing}`, `${ref} is rich in ${ing}`, `${ref} is loaded with real ${ing}`]);
    }
    case "PURE": {
      const ing = ingredientName(f, c.ingredientId, "en");
      return rng.pick([`${ref} is 100% pure ${ing}`, `${ref} is pure ${ing}, nothing added`, `${ref} is one hundred percent ${ing}`]);
    }
    case "ORIGIN": {
      const place = c.placeName.en;
      if (c.level === "region" || c.place === "CN") return rng.pick([`${ref} comes from ${place}`, `${ref} is made in ${place}`, `origin of ${ref}: ${place}`]);
      return rng.pick([`${ref} is imported straight from ${place}`, `${ref} comes from ${place}`, `${ref} is made in ${place}`]);
    }
    case "CERTIFICATION":
      return rng.pick([`${ref} is ${CERTIFICATION_NAMES[c.code].en}`, `${ref} is ${CERTIFICATION_NAMES[c.code].en}, we have the certificate`]);
    case "AUTHORIZED_GENUINE": {
      const brand = f.brandAuthorization.brand.en;
      return rng.pick([`${ref} is officially authorised by ${brand}, genuine guaranteed`, `we're an authorised ${brand} reseller, ${ref} is authentic`]);
    }
    case "WAS_PRICE": {
      const was = sayYuan(rng, c.wasCents, "en");
      const now = sayYuan(rng, c.nowCents, "en");
      return rng.pick([`${ref} was ${was}, today only ${now}`, `${ref} retails at ${was}, in this live just ${now}`]);
    }
    case "LOWEST_ANYWHERE":
      return rng.pick([`${ref} is the lowest price anywhere`, `you won't find ${ref} cheaper anywhere online`]);
    case "LOWEST_EVER":
      return rng.pick([`${ref} is at its lowest price ever`, `all-time low for ${ref}`]);
    case "UNIT_COUNT": {
      const count = sayCount(rng, c.unitCount, countWord(f, c.unitCount, "en"), "en");
      return rng.pick([`${ref} comes with ${count}`, `one order of ${ref} gets you ${count}`]);
    }
    case "PER_UNIT_AMOUNT": {
      const amount = sayAmount(rng, c.amount, f.netQuantity.unit, "en");
      return `${ref} is ${amount} per ${singular(f.netQuantity.unitName.en)}`;
    }
  }
}

/** The claim's words about `f`; `named` when the product must be named because it is not the one on screen. */
export function claimCore(rng: Rng, c: Claim, f: SkuFacts, lang: "zh" | "en", named: boolean): string {
  const ref = productRef(rng, f, lang, named);
  return lang === "zh" ? zhCore(rng, c, f, ref) : enCore(rng, c, f, ref);
}
