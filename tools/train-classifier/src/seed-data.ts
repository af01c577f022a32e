import { readFileSync } from "node:fs";
import { SeedDataError } from "./errors";
import { isTextLabel, TEXT_LABELS, type TextLabel } from "@redline/text-classifier";
import { targetsOf, type Example } from "./example";
import { pick, type Random } from "./rng";

/**
 * Hand-written seed data for the labels without a public dataset, and hard
 * negatives for all labels. One example per line:
 *
 *     LABEL[,LABEL...]<TAB>zh|en<TAB>text        ("-" for no label)
 *
 * Lines starting with `#` are comments. In training files, placeholders such
 * as `{wx}` or `{item}` are filled with fresh random values for every variant,
 * so the model learns the shape of a contact id rather than one id.
 */
export interface SeedLine {
  labels: TextLabel[];
  lang: "zh" | "en";
  text: string;
  lineNumber: number;
}

export function parseSeedFile(content: string, fileName: string): SeedLine[] {
  const lines: SeedLine[] = [];
  content.split(/\r?\n/).forEach((raw, index) => {
    const lineNumber = index + 1;
    if (raw.trim() === "" || raw.startsWith("#")) return;
    const parts = raw.split("\t");
    if (parts.length !== 3) {
      throw new SeedDataError(`${fileName}:${lineNumber}: expected labels<TAB>lang<TAB>text, got ${parts.length} fields`, { fileName, lineNumber });
    }
    const [labelField, lang, text] = parts as [string, string, string];
    const labels = labelField === "-" ? [] : labelField.split(",").map((l) => l.trim());
    for (const label of labels) {
      if (!isTextLabel(label)) throw new SeedDataError(`${fileName}:${lineNumber}: unknown label ${label}`, { fileName, lineNumber });
    }
    if (lang !== "zh" && lang !== "en") throw new SeedDataError(`${fileName}:${lineNumber}: lang must be zh or en`, { fileName, lineNumber });
    lines.push({ labels: labels as TextLabel[], lang, text, lineNumber });
  });
  return lines;
}

export function readSeedFile(path: string): SeedLine[] {
  return parseSeedFile(readFileSync(path, "utf8"), path);
}

export function seedTargets(labels: readonly TextLabel[]): Int8Array {
  return targetsOf(Object.fromEntries(TEXT_LABELS.map((l) => [l, labels.includes(l) ? 1 : 0])) as Record<TextLabel, 0 | 1>);
}

const ITEMS_ZH = ["衣服", "口红", "面膜", "手机壳", "耳机", "零食", "鞋子", "包包", "洗发水", "充电宝", "茶叶", "水果", "玩具", "书", "裙子", "护肤品", "锅", "床单", "手表", "项链", "猫粮", "牛奶", "外套", "眼霜", "数据线"];
const ITEMS_EN = ["dress", "lipstick", "phone case", "headphones", "snacks", "shoes", "bag", "shampoo", "charger", "tea", "toy", "book", "jacket", "watch", "necklace", "cat food", "blender", "sneakers", "serum", "hoodie", "power bank", "mug", "skirt", "perfume", "cable"];
const CN_DIGITS = ["零", "一", "二", "三", "四", "五", "六", "七", "八", "九"];
const CN_DIGITS_FORMAL = ["零", "壹", "贰", "叁", "肆", "伍", "陆", "柒", "捌", "玖"];
const TLDS = ["com", "cn", "net", "top", "xyz", "vip", "cc", "me", "io", "shop"];
const LOWER = "abcdefghijklmnopqrstuvwxyz";

function digits(count: number, random: Random, firstNonZero = true): string {
  let s = "";
  for (let i = 0; i < count; i++) s += String(Math.floor(random() * (i === 0 && firstNonZero ? 9 : 10)) + (i === 0 && firstNonZero ? 1 : 0));
  return s;
}

function letters(count: number, random: Random): string {
  let s = "";
  for (let i = 0; i < count; i++) s += pick(Array.from(LOWER), random);
  return s;
}

function spaced(value: string, random: Random): string {
  const style = random();
  if (style < 0.5) return value;
  if (style < 0.7) return value.split("").join(" ");
  if (style < 0.85) return value.replace(/(\d{3})(\d{4})(\d+)/, "$1-$2-$3");
  return value.replace(/(\d{3})(\d{4})(\d+)/, "$1 $2 $3");
}

function spelled(value: string, random: Random): string {
  const table = random() < 0.7 ? CN_DIGITS : CN_DIGITS_FORMAL;
  const out = value.split("").map((d) => (/\d/.test(d) && random() < 0.9 ? (table[Number(d)] as string) : d));
  return random() < 0.3 ? out.join(" ") : out.join("");
}

/** Values for `{placeholder}`s; each call draws fresh ones. */
const PLACEHOLDERS: Record<string, (random: Random, lang: "zh" | "en") => string> = {
  wx: (r) => (r() < 0.8 ? letters(1 + Math.floor(r() * 6), r) + pick(["", "_", "-"], r) + digits(3 + Math.floor(r() * 6), r) : digits(6 + Math.floor(r() * 5), r)),
  qq: (r) => spaced(digits(5 + Math.floor(r() * 7), r), r),
  phone: (r) => spaced(`1${pick(["3", "5", "7", "8", "9"], r)}${digits(9, r, false)}`, r),
  enphone: (r) => pick(["+1 ", "", "+44 ", "+65 "], r) + `${digits(3, r)}-${digits(3, r, false)}-${digits(4, r, false)}`,
  cnnum: (r) => spelled(`1${pick(["3", "5", "7", "8", "9"], r)}${digits(5 + Math.floor(r() * 5), r, false)}`, r),
  num: (r) => spaced(digits(5 + Math.floor(r() * 6), r), r),
  url: (r) => `${pick(["", "", "http://", "https://", "www."], r)}${letters(3 + Math.floor(r() * 6), r)}${r() < 0.3 ? digits(2, r) : ""}.${pick(TLDS, r)}${r() < 0.3 ? "/" + letters(4, r) : ""}`,
  handle: (r) => `@${letters(3 + Math.floor(r() * 6), r)}${r() < 0.5 ? digits(2 + Math.floor(r() * 3), r) : ""}`,
  item: (r, lang) => pick(lang === "zh" ? ITEMS_ZH : ITEMS_EN, r),
  price: (r) => String(Math.floor(r() * 990) + 9),
  age: (r) => String(Math.floor(r() * 8) + 8),
};

export function fillPlaceholders(text: string, lang: "zh" | "en", random: Random): string {
  return text.replace(/\{([a-z]+)\}/g, (whole, name: string) => {
    const fill = PLACEHOLDERS[name];
    return fill === undefined ? whole : fill(random, lang);
  });
}

const ZERO_WIDTH = ["\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"];
const DECORATIONS = ["❤", "💕", "★", "✨", "🌹", "~", ".", "-", "_", "*", "|", "🔥", "👉", "♡"];
const HOMOGLYPHS: Record<string, string> = { a: "а", e: "е", o: "о", p: "р", c: "с", x: "х", y: "у", k: "к", i: "і" };
const TO_TRADITIONAL: Record<string, string> = {
  个: "個", 们: "們", 这: "這", 来: "來", 说: "說", 买: "買", 卖: "賣", 价: "價", 钱: "錢", 货: "貨", 发: "發", 号: "號", 联: "聯", 系: "係",
  诈: "詐", 骗: "騙", 赌: "賭", 儿: "兒", 学: "學", 网: "網", 请: "請", 会: "會", 质: "質", 烂: "爛", 评: "評", 链: "鏈", 岁: "歲", 视: "視", 频: "頻",
};

function mapChars(text: string, random: Random, probability: number, map: (c: string) => string | undefined): string {
  return Array.from(text)
    .map((c) => {
      const m = map(c);
      return m !== undefined && random() < probability ? m : c;
    })
    .join("");
}

function insertBetween(text: string, random: Random, probability: number, choices: readonly string[]): string {
  const chars = Array.from(text);
  return chars.map((c, i) => (i > 0 && c !== " " && random() < probability ? pick(choices, random) + c : c)).join("");
}

/**
 * The ways people dodge keyword filters. Training applies them to negatives
 * too, so an emoji or a full-width letter is never evidence by itself.
 */
export const OBFUSCATIONS: Record<string, (text: string, random: Random) => string> = {
  fullWidth: (t, r) => mapChars(t, r, 0.8, (c) => (c >= "!" && c <= "~" ? String.fromCharCode(c.charCodeAt(0) + 0xfee0) : undefined)),
  spaces: (t, r) => insertBetween(t, r, 0.35, [" "]),
  zeroWidth: (t, r) => insertBetween(t, r, 0.4, ZERO_WIDTH),
  decorations: (t, r) => insertBetween(t, r, 0.25, DECORATIONS),
  homoglyphs: (t, r) => mapChars(t, r, 0.6, (c) => HOMOGLYPHS[c]),
  upperCase: (t, r) => mapChars(t, r, 0.6, (c) => (c >= "a" && c <= "z" ? c.toUpperCase() : undefined)),
  traditional: (t, r) => mapChars(t, r, 0.9, (c) => TO_TRADITIONAL[c]),
  emojiTail: (t, r) => `${t}${pick(DECORATIONS, r)}${r() < 0.5 ? pick(DECORATIONS, r) : ""}`,
};

const OBFUSCATION_NAMES = Object.keys(OBFUSCATIONS);

/**
 * `variants` examples per seed line: the first with placeholders filled only,
 * the rest each with one or two random obfuscations.
 */
export function expandSeedLines(lines: readonly SeedLine[], variants: number, random: Random, source: string): Example[] {
  const examples: Example[] = [];
  for (const line of lines) {
    const targets = seedTargets(line.labels);
    for (let v = 0; v < variants; v++) {
      let text = fillPlaceholders(line.text, line.lang, random);
      if (v > 0) {
        const rounds = random() < 0.3 ? 2 : 1;
        for (let k = 0; k < rounds; k++) text = (OBFUSCATIONS[pick(OBFUSCATION_NAMES, random)] as (t: string, r: Random) => string)(text, random);
      }
      examples.push({ text, targets, weight: 1, source });
    }
  }
  return examples;
}
