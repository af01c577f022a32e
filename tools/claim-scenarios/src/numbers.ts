import type { Rng } from "./rng";

/**
 * Numbers the way streamers say them and speech-to-text writes them down:
 * 30%, ３０％, 百分之三十, 三成, "thirty percent", 0.014 %, 五百九十九块.
 */

const ZH_DIGITS = "零一二三四五六七八九";
const EN_ONES = ["zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten", "eleven", "twelve",
  "thirteen", "fourteen", "fifteen", "sixteen", "seventeen", "eighteen", "nineteen"];
const EN_TENS = ["", "", "twenty", "thirty", "forty", "fifty", "sixty", "seventy", "eighty", "ninety"];

function zhBelow10k(n: number): string {
  const units = ["千", "百", "十", ""];
  const digits = String(n).padStart(4, "0").split("").map(Number);
  let out = "";
  let pendingZero = false;
  digits.forEach((d, i) => {
    if (d === 0) {
      if (out !== "") pendingZero = true;
      return;
    }
    if (pendingZero) out += "零";
    pendingZero = false;
    out += ZH_DIGITS[d] + (units[i] as string);
  });
  return out;
}

/** Non-negative integers below 100 000 000 in Chinese numerals (十五, 一百零五, 一万二千). */
export function zhInteger(n: number): string {
  if (!Number.isSafeInteger(n) || n < 0 || n >= 1e8) throw new RangeError(`zhInteger: ${n}`);
  if (n === 0) return "零";
  const high = Math.floor(n / 10000);
  const low = n % 10000;
  let out = high > 0 ? zhBelow10k(high) + "万" : "";
  if (low > 0) out += (high > 0 && low < 1000 ? "零" : "") + zhBelow10k(low);
  // 一十五 is written 十五 when it leads.
  return out.startsWith("一十") ? out.slice(1) : out;
}

/** The digits after the point are read one by one: 0.014 -> 零点零一四. */
export function zhDecimal(value: number): string {
  const [whole, fraction] = plain(value).split(".");
  const head = zhInteger(Number(whole));
  return fraction === undefined ? head : `${head}点${[...fraction].map((d) => ZH_DIGITS[Number(d)]).join("")}`;
}

function enBelow1000(n: number): string {
  const parts: string[] = [];
  if (n >= 100) parts.push(`${EN_ONES[Math.floor(n / 100)]} hundred`);
  const rest = n % 100;
  if (rest > 0 && rest < 20) parts.push(EN_ONES[rest] as string);
  else if (rest >= 20) parts.push(EN_TENS[Math.floor(rest / 10)] + (rest % 10 ? `-${EN_ONES[rest % 10]}` : ""));
  return parts.join(" ");
}

export function enInteger(n: number): string {
  if (!Number.isSafeInteger(n) || n < 0 || n >= 1e6) throw new RangeError(`enInteger: ${n}`);
  if (n === 0) return "zero";
  const thousands = Math.floor(n / 1000);
  const rest = n % 1000;
  return [thousands > 0 ? `${enBelow1000(thousands)} thousand` : "", rest > 0 ? enBelow1000(rest) : ""].filter(Boolean).join(" ");
}

export function enDecimal(value: number): string {
  const [whole, fraction] = plain(value).split(".");
  const head = enInteger(Number(whole));
  return fraction === undefined ? head : `${head} point ${[...fraction].map((d) => EN_ONES[Number(d)]).join(" ")}`;
}

/** Full-width forms, as Chinese input methods and some captioners produce them (３０％). */
export function fullWidth(text: string): string {
  return text.replace(/[0-9.%]/g, (c) => (c === "%" ? "％" : c === "." ? "．" : String.fromCharCode(c.charCodeAt(0) + 0xfee0)));
}

/** A number without exponent or float noise: 0.014, 30, 12.5. */
export function plain(value: number): string {
  return String(Number(value.toPrecision(6)));
}

export function sayPercent(rng: Rng, value: number, lang: "zh" | "en"): string {
  const digits = plain(value);
  if (lang === "en") return rng.pick([`${digits}%`, `${digits} percent`, `${enDecimal(value)} percent`, `${digits} %`]);
  const forms = [`${digits}%`, `百分之${zhDecimal(value)}`, fullWidth(`${digits}%`), `百分之${digits}`];
  if (Number.isInteger(value / 10) && value >= 10 && value <= 90) forms.push(`${zhInteger(value / 10)}成`);
  return rng.pick(forms);
}

export function sayYuan(rng: Rng, cents: number, lang: "zh" | "en"): string {
  const yuan = plain(cents / 100);
  if (lang === "en") return rng.pick([`${yuan} yuan`, `¥${yuan}`, `${yuan} RMB`, `${Number.isInteger(cents / 100) ? enInteger(cents / 100) : yuan} yuan`]);
  const words = Number.isInteger(cents / 100) ? zhInteger(cents / 100) : zhDecimal(cents / 100);
  return rng.pick([`${yuan}元`, `${yuan}块`, `¥${yuan}`, `${words}块`, fullWidth(yuan) + "元"]);
}

/** A count with its measure word: 12瓶, 十二瓶, １２瓶, "twelve bottles". */
export function sayCount(rng: Rng, n: number, word: string, lang: "zh" | "en"): string {
  if (lang === "en") return rng.pick([`${n} ${word}`, `${enInteger(n)} ${word}`]);
  return rng.pick([`${n}${word}`, `${zhInteger(n)}${word}`, `${fullWidth(String(n))}${word}`]);
}

export function sayAmount(rng: Rng, amount: number, unit: "ml" | "g", lang: "zh" | "en"): string {
  if (lang === "en") {
    const long = unit === "ml" ? "milliliters" : "grams";
    return rng.pick([`${amount} ${unit}`, `${amount}${unit}`, `${amount} ${long}`, `${enInteger(amount)} ${long}`]);
  }
  const zhUnit = unit === "ml" ? "毫升" : "克";
  return rng.pick([`${amount}${zhUnit}`, `${zhInteger(amount)}${zhUnit}`, `${amount}${unit}`, fullWidth(String(amount)) + zhUnit]);
}
