import { describeFeatures, extractFeatures, MAX_FEATURES_PER_TEXT } from "./features";
import { loadDefaultClassifier } from "./load-default";
import { normalizeText } from "./normalize";

const PROBES = [
  "加我 V 信 abc123，私聊更便宜",
  "幺三八 零零 七七 九九 加我",
  "check out my channel http://example.com/x1234",
  "",
  "👍",
  "质量太差了，退货！",
  "call 09050000327 now to claim ur £1000 prize",
  "a".repeat(500),
];

describe("describeFeatures", () => {
  it("names exactly the features extractFeatures writes, one name per index", () => {
    const out = new Int32Array(MAX_FEATURES_PER_TEXT);
    for (const text of PROBES) {
      const normalized = normalizeText(text);
      expect(describeFeatures(normalized)).toHaveLength(extractFeatures(normalized, 18, out));
    }
  });
});

describe("TextClassifier.explain", () => {
  const classifier = loadDefaultClassifier();

  it("adds up: bias plus every contribution is the raw score that calibration maps to the score", () => {
    const text = "加我 V 信 abc123，私聊更便宜";
    const normalized = normalizeText(text);
    const raw = Array.from(classifier.rawScores(normalized));
    const explanation = classifier.explain(text, 1000);
    explanation.forEach((e, l) => {
      expect(e.raw).toBeCloseTo(raw[l]!, 2);
      expect(e.bias + e.top.reduce((s, c) => s + c.contribution, 0)).toBeCloseTo(raw[l]!, 1);
      expect(e.score).toBe(classifier.classify(text)[e.label]);
    });
  });

  it("puts the largest pulls first and keeps topK", () => {
    const diversion = classifier.explain("加我 V 信 abc123，私聊更便宜", 5).find((e) => e.label === "DIVERSION")!;
    expect(diversion.top).toHaveLength(5);
    const sizes = diversion.top.map((c) => Math.abs(c.contribution));
    expect([...sizes].sort((a, b) => b - a)).toEqual(sizes);
  });

  it("explains nothing for a text with nothing left after normalisation", () => {
    expect(classifier.explain("\u200b").every((e) => e.top.length === 0 && e.score === 0)).toBe(true);
  });
});

describe("describeFeatures names", () => {
  it("names characters, n-grams, squeezed pairs, words and shapes in extraction order", () => {
    const names = describeFeatures(normalizeText("ab 12345"));
    expect(names.slice(0, 3)).toEqual(['char "a"', 'chars "␣a"', 'chars "␣␣a"']);
    expect(names).toContain('squeezed "ab"');
    expect(names).toContain('word "00000"');
    expect(names).toContain("run of ≥4 digits");
    expect(names[names.length - 1]).toMatch(/^length bucket/);
  });
});
