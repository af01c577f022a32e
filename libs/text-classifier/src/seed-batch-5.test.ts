import { loadDefaultClassifier, type TextLabel } from "./index";

/*
 * Probes for the weaknesses batch 5 of seed-train.tsv was written against.
 * None of these texts is in the training seed; the model before batch 5
 * (1.0.0+9aa48178efdb) failed 9 of these 27 checks.
 */
const classifier = loadDefaultClassifier();
const score = (text: string, label: TextLabel): number => classifier.classify(text)[label];

describe("batch 5: English negative reviews", () => {
  it.each([
    "the jacket started falling apart after one week",
    "ordered a large, it fits like a small",
    "color washed out after the first wash",
    "box arrived crushed and the mug was in pieces",
  ])("flags %s", (text) => {
    expect(score(text, "NEGATIVE_REVIEW")).toBeGreaterThanOrEqual(0.5);
  });
});

describe("batch 5: neutral shopping questions are not negative reviews", () => {
  it.each(["这件能退吗", "支持换货吗", "是什么材料做的", "蓝色还有货吗", "几天发货", "what fabric is this?"])("does not flag %s", (text) => {
    expect(score(text, "NEGATIVE_REVIEW")).toBeLessThan(0.5);
  });
});

describe("batch 5: PROHIBITED phrasings", () => {
  it.each([
    "selling adderall and xanax, no script",
    "buy a fake degree certificate, any school",
    "stolen card numbers with cvv for sale",
    "recruit five friends and earn commission on all their deposits",
    "办假证 身份证 毕业证",
  ])("flags %s", (text) => {
    expect(score(text, "PROHIBITED")).toBeGreaterThanOrEqual(0.5);
  });

  it.each(["can i get an invoice?", "能开发票吗 报销用", "is this bag authentic?", "这个包是正品吗", "this board game is fun for kids", "the shop lucky draw is tonight"])(
    "does not flag the legitimate %s",
    (text) => {
      expect(score(text, "PROHIBITED")).toBeLessThan(0.5);
    },
  );
});

describe("batch 5: English personal insults", () => {
  it.each(["you're trash, nobody likes you", "shut up, you're annoying and ugly", "host you are so ugly lol", "what an idiot"])("flags %s", (text) => {
    expect(score(text, "HARASSMENT")).toBeGreaterThanOrEqual(0.5);
  });

  it.each(["this hoodie is trash quality", "the case is ugly in person"])("does not flag the complaint about goods %s", (text) => {
    expect(score(text, "HARASSMENT")).toBeLessThan(0.5);
  });
});
