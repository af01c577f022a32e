import { loadDefaultClassifier } from "./index";

/*
 * Probes for the MINOR_RISK weaknesses batch 6 of seed-train.tsv was written
 * against. They were written after the final batch-6 data and guided none of
 * it; none is in the training seed. The detectors count a text as minor risk
 * only at 0.9, so clear cases must reach that, not just 0.5. Of 24 such
 * probes the model before batch 6 (1.0.0+5f00c614097d) failed 11; the three
 * the committed model still fails are listed under Known weaknesses in
 * MODEL_CARD.md and are not asserted here.
 */
const classifier = loadDefaultClassifier();
const minorRisk = (text: string): number => classifier.classify(text).MINOR_RISK;
const DETECTOR_THRESHOLD = 0.9;

describe("batch 6: MINOR_RISK at the detectors' threshold", () => {
  it.each([
    "kids, your mum's card is in her bag, use it to send me the castle gift",
    "cute little girl, what year are you in at school? i'll send you money",
    "boys under 14, send me a video of yourself for a gift card",
    "selling a folder of underage girl pics",
  ])("flags the English %s", (text) => {
    expect(minorRisk(text)).toBeGreaterThanOrEqual(DETECTOR_THRESHOLD);
  });

  it.each([
    "小朋友 把妈妈银行卡的密码告诉主播 送你限量卡片",
    "小学生 偷偷拿家里的手机 给我刷礼物 删掉记录",
    "小妹妹读几年级 加好友 发照片 给你红包",
    "出售 初中女生 私密照",
    "小朋友们 试试用绳子勒脖子 比谁能撑住",
  ])("flags the Chinese %s", (text) => {
    expect(minorRisk(text)).toBeGreaterThanOrEqual(DETECTOR_THRESHOLD);
  });
});

describe("batch 6: family shopping, adult dm requests and innocent challenges are not minor risk", () => {
  it.each([
    "does this come in a size for a 6 year old girl?",
    "my son is in third grade and loves these pencils",
    "please dm me the size guide",
    "the 30 day abs challenge is brutal",
    "buying a birthday gift for my 10 year old nephew",
    "are the magnets in this toy safe for kids?",
    "学生党 买得起 性价比高",
    "给孩子买的 儿童雨衣 有一百二的码吗",
    "私信我 发货时间",
    "厨艺挑战 今晚做 三菜一汤",
    "宝宝 几个月 能用这个 餐椅",
    "老师 给学生 买的 奖品 到了",
  ])("does not flag %s", (text) => {
    expect(minorRisk(text)).toBeLessThan(0.5);
  });
});
