/**
 * Hashed features of a normalised text. Everything is computed from char
 * codes in one pass, without substrings, because the risk engine calls the
 * classifier once per comment (issue 3: ≥ 50k texts/s per core).
 *
 * Four families, each with its own hash seed:
 * - char 1–3-grams of the text padded with spaces (generalise across shops and
 *   spellings better than words);
 * - "squeezed" char bigrams over letters, digits and CJK only, with every ASCII
 *   digit folded to 0, so `v 信`, `v-信` and `v❤信` meet `v信`, and every
 *   phone number looks alike;
 * - Latin word unigrams (digits folded to 0), for English;
 * - shape features: length of the longest run of digit-like characters
 *   (ASCII digits and Chinese numerals, separators skipped) and ids that mix
 *   letters and digits, which is what contact ids look like in any language;
 * - a length bucket (letters, digits and CJK counted), so one-word comments
 *   get their own learned bias instead of inheriting that of long reviews.
 */

/** Bump when the extraction below changes; the artifact records the version it was trained with. */
export const FEATURE_SPEC_VERSION = 2;

/** Longer texts are cut: the opening of a long review carries its polarity and it bounds cost. */
export const MAX_FEATURE_CHARS = 400;

/** Upper bound of features one text can produce, for sizing the output buffer. */
export const MAX_FEATURES_PER_TEXT = MAX_FEATURE_CHARS * 5 + 32;

const SEED_CHAR = 0x1b873593;
const SEED_SQUEEZED = 0x2545f491;
const SEED_WORD = 0x68e31da4;
const SEED_SHAPE = 0x7fb5d329;
const FNV_PRIME = 0x01000193;
const GOLDEN = 0x9e3779b1 | 0;

const KIND_NONE = 0;
const KIND_LETTER = 1; // Latin letters, kana, CJK ideographs and other scripts' letters
const KIND_DIGIT = 2; // ASCII digits
const KIND_CN_NUMERAL = 3; // CJK characters that also spell digits

const CN_NUMERALS = "零〇一二三四五六七八九幺两壹贰叁肆伍陆柒捌玖";

/** Character kind per BMP code unit; surrogates (emoji) and symbols are KIND_NONE. */
const CHAR_KIND: Uint8Array = (() => {
  const kind = new Uint8Array(0x10000);
  for (let c = 0x30; c <= 0x39; c++) kind[c] = KIND_DIGIT;
  for (let c = 0x61; c <= 0x7a; c++) kind[c] = KIND_LETTER;
  for (let c = 0xc0; c <= 0x24f; c++) if (c !== 0xd7 && c !== 0xf7) kind[c] = KIND_LETTER;
  for (let c = 0x370; c <= 0x52f; c++) kind[c] = KIND_LETTER;
  for (let c = 0x3040; c <= 0x30ff; c++) kind[c] = KIND_LETTER;
  for (let c = 0x3400; c <= 0x9fff; c++) kind[c] = KIND_LETTER;
  for (let c = 0xac00; c <= 0xd7a3; c++) kind[c] = KIND_LETTER;
  for (let c = 0xf900; c <= 0xfaff; c++) kind[c] = KIND_LETTER;
  for (const ch of CN_NUMERALS) kind[ch.charCodeAt(0)] = KIND_CN_NUMERAL;
  return kind;
})();

/** Digit-run lengths at which a shape feature fires (a price has 2–4, a QQ id 5–11, a phone 11). */
const DIGIT_RUN_BUCKETS = [4, 6, 8, 10] as const;

/** Upper bounds of the length buckets, in squeezed characters. */
const LENGTH_BUCKETS = [1, 2, 4, 8, 16, 32] as const;

function bucketIndex(hash: number, shift: number): number {
  return Math.imul(hash, GOLDEN) >>> shift;
}

/**
 * Writes the feature indices of `normalized` into `out` and returns how many
 * were written. Indices repeat when an n-gram repeats (term frequency).
 * `out` must hold at least MAX_FEATURES_PER_TEXT entries.
 */
export function extractFeatures(normalized: string, hashBits: number, out: Int32Array): number {
  const shift = 32 - hashBits;
  const n = Math.min(normalized.length, MAX_FEATURE_CHARS);
  let count = 0;

  let prev1 = 0x20;
  let prev2 = 0x20;
  let squeezedPrev = -1;
  let digitRun = 0;
  let maxDigitRun = 0;
  let maxAsciiDigitRun = 0;
  let asciiDigitRun = 0;
  let wordHash = SEED_WORD;
  let wordLength = 0;
  let wordDigits = 0;
  let wordLetters = 0;
  let alnumIds = 0;
  let squeezedLength = 0;

  for (let i = 0; i <= n; i++) {
    // One extra step with a trailing space closes the last n-grams and word.
    const c = i < n ? normalized.charCodeAt(i) : 0x20;
    if (c !== 0x20) out[count++] = bucketIndex(Math.imul(SEED_CHAR ^ c, FNV_PRIME), shift);
    if (!(c === 0x20 && prev1 === 0x20)) {
      const bigram = Math.imul(Math.imul(SEED_CHAR ^ prev1, FNV_PRIME) ^ c, FNV_PRIME);
      out[count++] = bucketIndex(bigram + 1, shift);
      out[count++] = bucketIndex(Math.imul(bigram ^ prev2, FNV_PRIME) + 2, shift);
    }

    const kind = CHAR_KIND[c] as number;
    if (kind !== KIND_NONE) {
      const folded = kind === KIND_DIGIT ? 0x30 : c;
      if (squeezedPrev >= 0) {
        out[count++] = bucketIndex(Math.imul(Math.imul(SEED_SQUEEZED ^ squeezedPrev, FNV_PRIME) ^ folded, FNV_PRIME), shift);
      }
      squeezedPrev = folded;
      squeezedLength++;
      if (kind === KIND_DIGIT || kind === KIND_CN_NUMERAL) {
        digitRun++;
        if (digitRun > maxDigitRun) maxDigitRun = digitRun;
      } else {
        digitRun = 0;
      }
      if (kind === KIND_DIGIT) {
        asciiDigitRun++;
        if (asciiDigitRun > maxAsciiDigitRun) maxAsciiDigitRun = asciiDigitRun;
      } else {
        asciiDigitRun = 0;
      }
    }

    const isAsciiWordChar = (c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x27;
    if (isAsciiWordChar) {
      wordHash = Math.imul(wordHash ^ (kind === KIND_DIGIT ? 0x30 : c), FNV_PRIME);
      wordLength++;
      if (kind === KIND_DIGIT) wordDigits++;
      else wordLetters++;
    } else if (wordLength > 0) {
      if (wordLength >= 2) out[count++] = bucketIndex(wordHash, shift);
      if (wordLetters >= 1 && wordDigits >= 2 && wordLength >= 5) alnumIds++;
      wordHash = SEED_WORD;
      wordLength = 0;
      wordDigits = 0;
      wordLetters = 0;
    }

    prev2 = prev1;
    prev1 = c;
  }

  for (let b = 0; b < DIGIT_RUN_BUCKETS.length; b++) {
    const min = DIGIT_RUN_BUCKETS[b] as number;
    if (maxDigitRun >= min) out[count++] = bucketIndex(Math.imul(SEED_SHAPE ^ (b + 1), FNV_PRIME), shift);
    // Spelled-out or mixed digits are obfuscation: a run longer than its ASCII part.
    if (maxDigitRun >= min && maxAsciiDigitRun < min) {
      out[count++] = bucketIndex(Math.imul(SEED_SHAPE ^ (b + 101), FNV_PRIME), shift);
    }
  }
  if (alnumIds > 0) out[count++] = bucketIndex(Math.imul(SEED_SHAPE ^ 201, FNV_PRIME), shift);
  if (count > 0) {
    let bucket = 0;
    while (bucket < LENGTH_BUCKETS.length && squeezedLength > (LENGTH_BUCKETS[bucket] as number)) bucket++;
    out[count++] = bucketIndex(Math.imul(SEED_SHAPE ^ (301 + bucket), FNV_PRIME), shift);
  }
  return count;
}

const shown = (c: number): string => (c === 0x20 ? "␣" : String.fromCharCode(c));

/**
 * A readable name for each feature extractFeatures writes, in the same order
 * (so `names[i]` names `out[i]`), for `redline classify --explain`. A mirror
 * of the loop above kept apart from it so the hot path carries no naming
 * work; a unit test holds the two to the same count on every probe text.
 */
export function describeFeatures(normalized: string): string[] {
  const n = Math.min(normalized.length, MAX_FEATURE_CHARS);
  const names: string[] = [];
  let prev1 = 0x20;
  let prev2 = 0x20;
  let squeezedPrev = -1;
  let digitRun = 0;
  let maxDigitRun = 0;
  let asciiDigitRun = 0;
  let maxAsciiDigitRun = 0;
  let word = "";
  let wordDigits = 0;
  let wordLetters = 0;
  let alnumIds = 0;
  let squeezedLength = 0;
  for (let i = 0; i <= n; i++) {
    const c = i < n ? normalized.charCodeAt(i) : 0x20;
    if (c !== 0x20) names.push(`char "${shown(c)}"`);
    if (!(c === 0x20 && prev1 === 0x20)) {
      names.push(`chars "${shown(prev1)}${shown(c)}"`);
      names.push(`chars "${shown(prev2)}${shown(prev1)}${shown(c)}"`);
    }
    const kind = CHAR_KIND[c] as number;
    if (kind !== KIND_NONE) {
      const folded = kind === KIND_DIGIT ? 0x30 : c;
      if (squeezedPrev >= 0) names.push(`squeezed "${String.fromCharCode(squeezedPrev)}${String.fromCharCode(folded)}"`);
      squeezedPrev = folded;
      squeezedLength++;
      digitRun = kind === KIND_DIGIT || kind === KIND_CN_NUMERAL ? digitRun + 1 : 0;
      maxDigitRun = Math.max(maxDigitRun, digitRun);
      asciiDigitRun = kind === KIND_DIGIT ? asciiDigitRun + 1 : 0;
      maxAsciiDigitRun = Math.max(maxAsciiDigitRun, asciiDigitRun);
    }
    if ((c >= 0x61 && c <= 0x7a) || (c >= 0x30 && c <= 0x39) || c === 0x27) {
      word += kind === KIND_DIGIT ? "0" : String.fromCharCode(c);
      if (kind === KIND_DIGIT) wordDigits++;
      else wordLetters++;
    } else if (word.length > 0) {
      if (word.length >= 2) names.push(`word "${word}"`);
      if (wordLetters >= 1 && wordDigits >= 2 && word.length >= 5) alnumIds++;
      word = "";
      wordDigits = 0;
      wordLetters = 0;
    }
    prev2 = prev1;
    prev1 = c;
  }
  for (const min of DIGIT_RUN_BUCKETS) {
    if (maxDigitRun >= min) names.push(`run of ≥${min} digits`);
    if (maxDigitRun >= min && maxAsciiDigitRun < min) names.push(`run of ≥${min} digits, spelled or mixed`);
  }
  if (alnumIds > 0) names.push("id of letters and digits");
  if (names.length > 0) {
    let bucket = 0;
    while (bucket < LENGTH_BUCKETS.length && squeezedLength > (LENGTH_BUCKETS[bucket] as number)) bucket++;
    names.push(`length bucket ${bucket}`);
  }
  return names;
}
