/**
 * Numbers as streamers say them, turned into digits before any pattern looks
 * at the text: full-width digits and signs (NFKC folds them), Chinese
 * numerals (三十, 零点零一四, 一百二十九, 两千), 百分之N, N成 (tenths),
 * 一半/半 and a few English number words.
 */

const DIGITS: Readonly<Record<string, number>> = { 零: 0, 〇: 0, 一: 1, 二: 2, 两: 2, 三: 3, 四: 4, 五: 5, 六: 6, 七: 7, 八: 8, 九: 9 };
const UNITS: Readonly<Record<string, number>> = { 十: 10, 百: 100, 千: 1000, 万: 10_000 };
const NUMERAL_RUN = /[零〇一二两三四五六七八九十百千万]+(?:点[零〇一二三四五六七八九]+)?/g;

/** The value of a run of Chinese numerals ("一百二十九", "零点零一四"); undefined when it is not one. */
export function chineseNumeralValue(run: string): number | undefined {
  const [whole, fraction] = run.split("点") as [string, string | undefined];
  let total = 0;
  let section = 0;
  let digit: number | undefined;
  let sawAny = false;
  for (const ch of whole) {
    if (ch in DIGITS) {
      digit = DIGITS[ch]!;
      sawAny = true;
    } else if (ch === "万") {
      section += digit ?? 0;
      total += (section === 0 ? 1 : section) * 10_000;
      section = 0;
      digit = undefined;
    } else if (ch in UNITS) {
      // 十 alone or leading means one ten (十五 = 15).
      section += (digit ?? 1) * UNITS[ch]!;
      digit = undefined;
      sawAny = true;
    } else {
      return undefined;
    }
  }
  // 一二三 read digit by digit when no unit appears (价格一九九 → 199).
  if (!/[十百千万]/.test(whole) && whole.length > 1) {
    const spelled = [...whole].map((ch) => DIGITS[ch]);
    if (spelled.some((d) => d === undefined)) return undefined;
    total = Number(spelled.join(""));
  } else {
    total += section + (digit ?? 0);
  }
  if (!sawAny && fraction === undefined) return undefined;
  if (fraction === undefined) return total;
  const decimals = [...fraction].map((ch) => DIGITS[ch]);
  if (decimals.some((d) => d === undefined)) return undefined;
  return Number(`${total}.${decimals.join("")}`);
}

/** Renders a number the way the patterns expect it (no exponent, no trailing zeros). */
function digitsOf(value: number): string {
  return String(Number(value.toFixed(6)));
}

const EN_SMALL: Readonly<Record<string, number>> = {
  zero: 0, one: 1, two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
  twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90,
};
const EN_SCALE: Readonly<Record<string, number>> = { hundred: 100, thousand: 1000 };
const EN_WORD = `(?:${[...Object.keys(EN_SMALL), ...Object.keys(EN_SCALE)].join("|")})`;
/** A run of English number words ("one thousand four hundred ninety-nine", "seventy-one point five"). */
const EN_RUN = new RegExp(`\\b${EN_WORD}(?:(?:[\\s-]+|\\s+and\\s+)${EN_WORD})*(?:\\s+point(?:\\s+${EN_WORD})+)?\\b`, "g");

const ONE_AS_NUMBER_BEFORE = /^\s*(?:%|percent|per cent|pct|g\b|grams?|kg|ml|milliliters?|millilitres?|liters?|bottles?|jars?|pieces?|packs?|bags?|cans?|boxes?|steaks?|sachets?|yuan|rmb|dollars?)/;

function englishNumberValue(run: string): number | undefined {
  const [whole, fraction] = run.split(/\s+point\s+/) as [string, string | undefined];
  let total = 0;
  let current = 0;
  for (const word of whole.split(/[\s-]+/).filter((w) => w !== "and")) {
    if (word in EN_SMALL) current += EN_SMALL[word]!;
    else if (word === "hundred") current = (current === 0 ? 1 : current) * 100;
    else if (word === "thousand") {
      total += (current === 0 ? 1 : current) * 1000;
      current = 0;
    } else return undefined;
  }
  total += current;
  if (fraction === undefined) return total;
  const digits = fraction.split(/\s+/).map((w) => EN_SMALL[w]);
  if (digits.some((d) => d === undefined || d > 9)) return undefined;
  return Number(`${total}.${digits.join("")}`);
}

/**
 * Normalises a segment for extraction: NFKC (full-width ５０％ → 50%), lower
 * case, Chinese numerals and percent phrasings to digits with `%`
 * (百分之三十 → 30%, 三成 → 30%, 一半 → 50%), English "percent" to `%`.
 */
export function normalizeNumbers(text: string): string {
  let s = text.normalize("NFKC").toLowerCase();
  s = s.replace(/百分之([零〇一二两三四五六七八九十百千万点]+|\d+(?:\.\d+)?)/g, (m, n: string) => {
    const v = /\d/.test(n) ? Number(n) : chineseNumeralValue(n);
    return v === undefined ? m : `${digitsOf(v)}%`;
  });
  s = s.replace(/百分百/g, "100%");
  s = s.replace(/一半/g, "50%");
  s = s.replace(NUMERAL_RUN, (m) => {
    const v = chineseNumeralValue(m);
    return v === undefined ? m : digitsOf(v);
  });
  // N成 is tenths (三成 = 30 %); only after a digit so 成分 / 成本 stay words.
  s = s.replace(/(\d+(?:\.\d+)?)成(?![分本功为])/g, (_m, n: string) => `${digitsOf(Number(n) * 10)}%`);
  s = s.replace(/\bhalf\b/g, "50%");
  s = s.replace(EN_RUN, (m: string, offset: number, whole: string) => {
    // "one" alone is as often a pronoun ("this one") as a number: only before a unit or percent.
    if (m === "one" && !ONE_AS_NUMBER_BEFORE.test(whole.slice(offset + m.length, offset + m.length + 16))) return m;
    const v = englishNumberValue(m);
    return v === undefined ? m : digitsOf(v);
  });
  s = s.replace(/(\d)\s*(?:percent|per cent|pct)\b/g, "$1%");
  s = s.replace(/(\d),(\d{3})/g, "$1$2");
  return s;
}
