import { extractFeatures, MAX_FEATURE_CHARS, MAX_FEATURES_PER_TEXT } from "./features";
import { normalizeText } from "./normalize";

const BITS = 18;

function featureSet(text: string): Set<number> {
  const out = new Int32Array(MAX_FEATURES_PER_TEXT);
  const n = extractFeatures(normalizeText(text), BITS, out);
  return new Set(out.subarray(0, n));
}

function shared(a: string, b: string): number {
  const fa = featureSet(a);
  let count = 0;
  for (const f of featureSet(b)) if (fa.has(f)) count++;
  return count;
}

describe("extractFeatures", () => {
  it("produces nothing for empty text", () => {
    expect(extractFeatures("", BITS, new Int32Array(MAX_FEATURES_PER_TEXT))).toBe(0);
  });

  it("keeps every index inside the hash space", () => {
    const out = new Int32Array(MAX_FEATURES_PER_TEXT);
    const n = extractFeatures(normalizeText("加我 V 信 abc123 http://x.cn 薇❤ 一二三四五六七"), BITS, out);
    for (const f of out.subarray(0, n)) {
      expect(f).toBeGreaterThanOrEqual(0);
      expect(f).toBeLessThan(1 << BITS);
    }
  });

  it("bounds the work on very long texts", () => {
    const out = new Int32Array(MAX_FEATURES_PER_TEXT);
    const n = extractFeatures("长".repeat(MAX_FEATURE_CHARS * 10), BITS, out);
    expect(n).toBeLessThanOrEqual(MAX_FEATURES_PER_TEXT);
  });

  it("lets a spaced or decorated contact word share the squeezed bigram of the plain one", () => {
    const plain = featureSet("v信");
    const spacedOnly = [...featureSet("v 信")].filter((f) => plain.has(f));
    const decorated = [...featureSet("v❤信")].filter((f) => plain.has(f));
    expect(spacedOnly.length).toBeGreaterThan(0);
    expect(decorated.length).toBeGreaterThan(0);
  });

  it("makes two different phone numbers look alike but not like a price", () => {
    expect(shared("13812345678", "15998765432")).toBeGreaterThan(shared("13812345678", "99"));
  });

  it("fires a spelled-digit feature for Chinese numerals that an ASCII run lacks", () => {
    const spelled = featureSet("一二三四五六七");
    const ascii = featureSet("1234567");
    const onlySpelled = [...spelled].filter((f) => !ascii.has(f));
    expect(onlySpelled.length).toBeGreaterThan(0);
  });
});
