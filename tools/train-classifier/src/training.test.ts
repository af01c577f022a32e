import { readFileSync } from "node:fs";
import { join } from "node:path";
import { SeedDataError } from "./errors";
import { fitPlatt } from "./calibration";
import { parseCsv, parseCsvRecords } from "./csv";
import { cleanTweet } from "./datasets";
import { binaryMetrics } from "./metrics";
import { createRandom } from "./rng";
import { expandSeedLines, fillPlaceholders, parseSeedFile } from "./seed-data";

describe("parseCsv", () => {
  it("handles quoted commas, doubled quotes, newlines inside quotes and a BOM", () => {
    const rows = parseCsv('\ufeffa,b\r\n1,"x, ""y""\nz"\n2,w');
    expect(rows).toEqual([
      ["a", "b"],
      ["1", 'x, "y"\nz'],
      ["2", "w"],
    ]);
  });

  it("keys records by header", () => {
    expect(parseCsvRecords("cat,label,review\n书籍,1,好\n")).toEqual([{ cat: "书籍", label: "1", review: "好" }]);
  });
});

describe("cleanTweet", () => {
  it("drops retweet markers, mentions, links and HTML entities", () => {
    expect(cleanTweet("RT @bob: you &amp; me http://t.co/x &#128512;")).toBe("you & me");
  });
});

describe("seed data", () => {
  it("parses labels, language and text, skipping comments", () => {
    const lines = parseSeedFile("# c\nDIVERSION,PROHIBITED\tzh\t加我\n-\ten\thi\n", "x.tsv");
    expect(lines.map((l) => [l.labels, l.lang, l.text])).toEqual([
      [["DIVERSION", "PROHIBITED"], "zh", "加我"],
      [[], "en", "hi"],
    ]);
  });

  it("rejects unknown labels and malformed lines with their line number", () => {
    expect(() => parseSeedFile("SPAM\tzh\tx", "x.tsv")).toThrow(SeedDataError);
    expect(() => parseSeedFile("-\tzh", "x.tsv")).toThrow(/x\.tsv:1/);
  });

  it("fills placeholders deterministically for a seed and differently for another", () => {
    const a = fillPlaceholders("加我 {wx} 电话 {phone}", "zh", createRandom(1));
    expect(fillPlaceholders("加我 {wx} 电话 {phone}", "zh", createRandom(1))).toBe(a);
    expect(fillPlaceholders("加我 {wx} 电话 {phone}", "zh", createRandom(2))).not.toBe(a);
    expect(a).not.toMatch(/[{}]/);
  });

  it("expands each line into the requested number of variants with the line's targets", () => {
    const lines = parseSeedFile("DIVERSION\tzh\t加我 {wx}\n", "x.tsv");
    const examples = expandSeedLines(lines, 5, createRandom(3), "seed");
    expect(examples).toHaveLength(5);
    expect(Array.from(examples[0]!.targets)).toEqual([0, 0, 1, 0, 0]);
  });

  it("keeps the committed held-out files disjoint from the training seed", () => {
    const dir = join(__dirname, "..", "data");
    const train = new Set(parseSeedFile(readFileSync(join(dir, "seed-train.tsv"), "utf8"), "train").map((l) => l.text));
    for (const file of ["seed-dev.tsv", "seed-test.tsv"]) {
      const heldOut = parseSeedFile(readFileSync(join(dir, file), "utf8"), file);
      expect(heldOut.length).toBeGreaterThan(50);
      expect(heldOut.filter((l) => train.has(l.text))).toEqual([]);
    }
  });
});

describe("fitPlatt", () => {
  it("recovers a shift: scores centred on 2 become centred on 0.5", () => {
    const raw = [1, 1.5, 2, 2, 2.5, 3, 1, 1.5, 2, 2, 2.5, 3];
    const targets = [0, 0, 0, 1, 1, 1, 0, 0, 1, 0, 1, 1];
    const { a, b } = fitPlatt(raw, targets);
    expect(1 / (1 + Math.exp(-(a * 2 + b)))).toBeCloseTo(0.5, 1);
    expect(a).toBeGreaterThan(0);
  });

  it("stays finite on separable data", () => {
    const { a, b } = fitPlatt([-3, -2, -1, 1, 2, 3], [0, 0, 0, 1, 1, 1]);
    expect(Number.isFinite(a) && Number.isFinite(b)).toBe(true);
    expect(a).toBeLessThan(50);
  });
});

describe("binaryMetrics", () => {
  it("computes accuracy, precision, recall and AUC", () => {
    const m = binaryMetrics([0.9, 0.8, 0.3, 0.6, 0.1], [1, 1, 1, 0, 0]);
    expect(m.accuracy).toBe(0.6);
    expect(m.precision).toBeCloseTo(2 / 3, 3);
    expect(m.recall).toBeCloseTo(2 / 3, 3);
    // 5 of the 6 positive/negative pairs are ordered correctly (0.3 < 0.6 is not).
    expect(m.auc).toBeCloseTo(5 / 6, 3);
  });
});
