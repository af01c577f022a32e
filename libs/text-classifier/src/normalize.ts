import { CHAR_REPLACEMENTS } from "./char-tables";

/**
 * Text normalisation, in two implementations that must agree (a unit test
 * checks every BMP character): a table-driven single pass for the common case
 * and a regex + NFKC path for everything else. The fast path exists because
 * the regex path costs more than the rest of classification (issue 3:
 * ≥ 50k texts/s per core).
 */

/**
 * Invisible and formatting characters people insert between letters to dodge
 * keyword filters ("微\u200b信"), plus emoji variation selectors.
 */
const INVISIBLE_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0xad, 0xad], [0x34f, 0x34f], [0x61c, 0x61c], [0x115f, 0x1160], [0x17b4, 0x17b5], [0x180b, 0x180e], [0x200b, 0x200f],
  [0x202a, 0x202e], [0x2060, 0x206f], [0x3164, 0x3164], [0xfe00, 0xfe0f], [0xfeff, 0xfeff], [0xffa0, 0xffa0],
];

const hex = (c: number): string => `\\u${c.toString(16).padStart(4, "0")}`;
const charClass = (ranges: ReadonlyArray<readonly [number, number]>): string => ranges.map(([from, to]) => `${hex(from)}-${hex(to)}`).join("");

const INVISIBLE = new RegExp(`[${charClass(INVISIBLE_RANGES)}]`, "g");

/** Full-width ASCII (U+FF01–FF5E): NFKC maps each to ASCII by a fixed offset. */
const FULL_WIDTH_ASCII = /[\uFF01-\uFF5E]/g;
const toHalfWidth = (c: string): string => String.fromCharCode(c.charCodeAt(0) - 0xfee0);

/**
 * Code units that NFKC provably leaves alone: ASCII, CJK ideographs, kana,
 * Hangul syllables, CJK and general punctuation, arrows, box drawing,
 * dingbats and the emoji plane (high surrogate D83D, any low surrogate).
 * Anything else (compatibility ideographs, enclosed or mathematical letters,
 * "…", combining marks, other scripts) takes the NFKC path.
 */
const NFKC_STABLE_RANGES: ReadonlyArray<readonly [number, number]> = [
  [0x09, 0x0a], [0x0d, 0x0d], [0x20, 0x7e], [0xb7, 0xb7], [0x2010, 0x2010], [0x2012, 0x2016], [0x2018, 0x2023],
  [0x2027, 0x2027], [0x2030, 0x2032], [0x2190, 0x21ff], [0x2500, 0x27bf], [0x3000, 0x3035], [0x3041, 0x3096],
  [0x30a1, 0x30fa], [0x30fc, 0x30fc], [0x3400, 0x4dbf], [0x4e00, 0x9fff], [0xac00, 0xd7a3], [0xd83d, 0xd83d], [0xdc00, 0xdfff],
];
const NEEDS_NFKC = new RegExp(`[^${charClass(NFKC_STABLE_RANGES)}]`);

const REPLACEABLE = new RegExp(`[${Array.from(CHAR_REPLACEMENTS.keys()).join("")}]`, "g");
const replaceChar = (c: string): string => CHAR_REPLACEMENTS.get(c) ?? c;
const WHITESPACE_RUN = /\s+/g;

/** The reference implementation; also the path for text the fast table cannot handle. */
export function normalizeTextSlow(text: string): string {
  let s = text.replace(INVISIBLE, "").replace(FULL_WIDTH_ASCII, toHalfWidth);
  if (NEEDS_NFKC.test(s)) s = s.normalize("NFKC");
  return s.toLowerCase().replace(REPLACEABLE, replaceChar).replace(WHITESPACE_RUN, " ").trim();
}

const SLOW = 0xffff;
const DELETE = 0;
const SPACE = 0x20;

/** Per code unit: the output code unit, DELETE, or SLOW (fall back to normalizeTextSlow). */
const FAST_MAP: Uint16Array = (() => {
  const map = new Uint16Array(0x10000).fill(SLOW);
  for (const [from, to] of NFKC_STABLE_RANGES) for (let c = from; c <= to; c++) map[c] = c;
  for (let c = 0x41; c <= 0x5a; c++) map[c] = c + 0x20;
  for (let c = 0xff01; c <= 0xff5e; c++) {
    const ascii = c - 0xfee0;
    map[c] = ascii >= 0x41 && ascii <= 0x5a ? ascii + 0x20 : ascii;
  }
  for (const [from, to] of CHAR_REPLACEMENTS) {
    const c = from.charCodeAt(0);
    // Only CJK entries are on the fast path; look-alike letters of other scripts take the slow one.
    if (from.length === 1 && to.length === 1 && c >= 0x3400 && c <= 0x9fff) map[c] = to.charCodeAt(0);
  }
  for (const ws of "\t\n\v\f\r\u00a0\u1680\u2000\u2001\u2002\u2003\u2004\u2005\u2006\u2007\u2008\u2009\u200a\u2028\u2029\u202f\u205f\u3000") {
    map[ws.charCodeAt(0)] = SPACE;
  }
  for (const [from, to] of INVISIBLE_RANGES) for (let c = from; c <= to; c++) map[c] = DELETE;
  map[0] = SLOW;
  return map;
})();

let buffer = new Uint16Array(1024);
const CHUNK = 8192;

/**
 * The canonical form every feature is computed from: invisible characters
 * removed, NFKC (full-width → ASCII, circled and math letters → letters),
 * lower case, homoglyphs and common traditional characters mapped, whitespace
 * collapsed to single spaces and trimmed.
 */
export function normalizeText(text: string): string {
  const n = text.length;
  if (buffer.length < n) buffer = new Uint16Array(n * 2);
  const out = buffer;
  let length = 0;
  for (let i = 0; i < n; i++) {
    const mapped = FAST_MAP[text.charCodeAt(i)] as number;
    if (mapped === SLOW) return normalizeTextSlow(text);
    if (mapped === DELETE) continue;
    // Collapse runs of spaces and drop leading ones as we go.
    if (mapped === SPACE && (length === 0 || out[length - 1] === SPACE)) continue;
    out[length++] = mapped;
  }
  if (length > 0 && out[length - 1] === SPACE) length--;
  if (length <= CHUNK) return String.fromCharCode.apply(null, out.subarray(0, length) as unknown as number[]);
  let s = "";
  for (let start = 0; start < length; start += CHUNK) {
    s += String.fromCharCode.apply(null, out.subarray(start, Math.min(length, start + CHUNK)) as unknown as number[]);
  }
  return s;
}
