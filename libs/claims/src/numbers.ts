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

const ENGLISH_NUMBERS: ReadonlyArray<[RegExp, string]> = [
  [/\bone hundred\b/g, "100"],
  [/\bhundred percent\b/g, "100 percent"],
  [/\bninety\b/g, "90"],
  [/\beighty\b/g, "80"],
  [/\bseventy\b/g, "70"],
  [/\bsixty\b/g, "60"],
  [/\bfifty\b/g, "50"],
  [/\bforty\b/g, "40"],
  [/\bthirty\b/g, "30"],
  [/\btwenty\b/g, "20"],
  [/\bten\b/g, "10"],
  [/\bfive\b/g, "5"],
  [/\bhalf\b/g, "50 percent"],
];

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
  for (const [pattern, digits] of ENGLISH_NUMBERS) s = s.replace(pattern, digits);
  s = s.replace(/(\d)\s*(?:percent|per cent|pct)\b/g, "$1%");
  s = s.replace(/(\d),(\d{3})/g, "$1$2");
  return s;
}
