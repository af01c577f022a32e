import { normalizeText, normalizeTextSlow } from "./normalize";

describe("normalizeText", () => {
  it("folds full-width letters, digits and punctuation to ASCII (NFKC)", () => {
    expect(normalizeText("ＶＸ：ａｂｃ１２３")).toBe("vx:abc123");
  });

  it("maps circled and mathematical letters to plain letters", () => {
    expect(normalizeText("ⓥⓧ 𝐰𝐱")).toBe("vx wx");
  });

  it("removes zero-width and other invisible characters", () => {
    expect(normalizeText("微\u200b信\u200d号\ufeff")).toBe("微信号");
    expect(normalizeText("v\u2060x")).toBe("vx");
  });

  it("lower-cases", () => {
    expect(normalizeText("DM Me NOW")).toBe("dm me now");
  });

  it("maps common traditional characters to simplified", () => {
    expect(normalizeText("這個價錢太貴了")).toBe("这个价钱太贵了");
    expect(normalizeText("加我微信號 聯繫")).toBe("加我微信号 联系");
    expect(normalizeText("賭博 詐騙")).toBe("赌博 诈骗");
  });

  it("replaces Cyrillic and Greek look-alikes inside Latin words", () => {
    expect(normalizeText("whаtsаpp")).toBe("whatsapp"); // Cyrillic а
    expect(normalizeText("Теlеgrаm")).toBe("telegram"); // Cyrillic Т, е, а
  });

  it("collapses whitespace, including ideographic spaces, and trims", () => {
    expect(normalizeText("  加我\u3000\u3000微信 \n\t 谢谢 ")).toBe("加我 微信 谢谢");
  });

  it("keeps emoji and CJK punctuation that carry meaning", () => {
    expect(normalizeText("薇❤ 好看！")).toBe("薇❤ 好看!");
  });

  it("is idempotent", () => {
    const inputs = ["ＶＸ：ａｂｃ", "這個 價錢", "whаtsаpp", "plain ascii"];
    for (const s of inputs) expect(normalizeText(normalizeText(s))).toBe(normalizeText(s));
  });

  it("returns an empty string for whitespace or invisible-only input", () => {
    expect(normalizeText(" \u200b \ufeff ")).toBe("");
  });
});

describe("normalizeText fast path", () => {
  // The table-driven pass must agree with the regex + NFKC reference on every
  // BMP code unit, alone and between letters and spaces.
  it("agrees with the reference implementation on every BMP character", () => {
    const mismatches: string[] = [];
    for (let c = 1; c < 0x10000; c++) {
      const ch = String.fromCharCode(c);
      for (const probe of [`A${ch}b`, ` ${ch} ${ch}  x`]) {
        if (normalizeText(probe) !== normalizeTextSlow(probe)) mismatches.push(c.toString(16));
      }
    }
    expect(mismatches).toEqual([]);
  });

  it("agrees with the reference on emoji and on long text", () => {
    for (let cp = 0x1f300; cp <= 0x1faff; cp++) {
      const probe = `好${String.fromCodePoint(cp)} X`;
      expect(normalizeText(probe)).toBe(normalizeTextSlow(probe));
    }
    const long = "這個 ＡＢＣ\u200b 好  ".repeat(5000);
    expect(normalizeText(long)).toBe(normalizeTextSlow(long));
  });

  it("still applies NFKC to compatibility characters mixed into Chinese text", () => {
    expect(normalizeText("加我⑦⑧⑨ 𝐯𝐱 ㊙")).toBe("加我789 vx 秘");
    expect(normalizeText("好…")).toBe("好...");
  });
});
