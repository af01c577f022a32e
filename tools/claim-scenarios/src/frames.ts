import type { Rng } from "./rng";
import type { Lang, SkuFacts } from "./types";

/** Openers, closers and the ways a streamer points at a product, in both languages. */

const ZH_OPEN = ["家人们，", "宝宝们，", "姐妹们！", "来来来，", "我跟大家说，", "听我说，", "咱就是说，", "真的，", "", "", "嗯……", "那个，", "好，"];
const ZH_CLOSE = ["！", "，冲冲冲！", "，绝绝子！", "，yyds！", "，闭眼入！", "，放心拍！", "。", "，真的没骗你们。", "，懂的都懂。", "～", "，上车上车！"];
const EN_OPEN = ["Okay guys, ", "Fam, ", "Listen, ", "So, ", "Alright y'all, ", "Honestly, ", "", "Um, ", "Chat, "];
const EN_CLOSE = ["!", ", let's gooo!", ", no cap.", ". Grab it!", ".", ", seriously.", ", trust me.", " 🔥"];

function capitalize(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

/** The language a claim's core is said in: mixed segments put an English core in a Chinese frame or the other way round. */
export function coreLang(rng: Rng, lang: Lang): "zh" | "en" {
  return lang === "mixed" ? rng.pick(["zh", "en"] as const) : lang;
}

/** Opener + core + closer; `lead` replaces the opener (an answer or a correction starts with its own words). */
export function frame(rng: Rng, core: string, lang: Lang, coreIn: "zh" | "en", lead?: string): string {
  const frameIn = lang === "mixed" ? (coreIn === "zh" ? "en" : "zh") : lang;
  if (frameIn === "zh") return (lead ?? rng.pick(ZH_OPEN)) + core + rng.pick(ZH_CLOSE);
  const open = lead ?? rng.pick(EN_OPEN);
  return open + (open === "" ? capitalize(core) : core) + rng.pick(EN_CLOSE);
}

export function pickLang(rng: Rng): Lang {
  const roll = rng.float();
  return roll < 0.55 ? "zh" : roll < 0.8 ? "en" : "mixed";
}

/** "This one" when the product is on screen; its name or link number when it is not. */
export function productRef(rng: Rng, f: SkuFacts, lang: "zh" | "en", named: boolean): string {
  if (lang === "zh") {
    return named
      ? rng.pick([`${f.linkNumber}号链接的${f.name.zh}`, `咱们的${f.name.zh}`, `那个${f.name.zh}`, `${f.linkNumber}号链接那个${f.name.zh}`])
      : rng.pick(["这款", "咱们这款", "这个", "我们家这个"]);
  }
  return named
    ? rng.pick([`the ${f.name.en} on link ${f.linkNumber}`, `our ${f.name.en}`, `link number ${f.linkNumber}, the ${f.name.en},`])
    : rng.pick(["this one", "this", `this ${f.name.en}`]);
}

/** "bottles" -> "bottle", for "per bottle". */
export function singular(word: string): string {
  return word.endsWith("ies") ? `${word.slice(0, -3)}y` : word.endsWith("s") ? word.slice(0, -1) : word;
}
