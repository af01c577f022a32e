import { loadDefaultClassifier } from "./index";

/*
 * Probes for the weakness batch 7 of seed-train.tsv was written against:
 * adult "dm me" / customer-service chat scored MINOR_RISK at the detectors'
 * 0.9 because grooming lines in the seed say "dm me". Written after the final
 * batch-7 data and guiding none of it; none is in the training seed. Of these
 * 33 checks the model before batch 7 (1.0.0+73298269d0c6) fails 5, all adult
 * lines ("hey can u dm me" 0.82, "dm me your order number ..." 0.83).
 */
const classifier = loadDefaultClassifier();
const minorRisk = (text: string): number => classifier.classify(text).MINOR_RISK;
const DETECTOR_THRESHOLD = 0.9;

describe("batch 7: adult dm / private-message chat is not minor risk", () => {
  it.each([
    "hey can u dm me",
    "pm me real quick",
    "msg me when you can",
    "inbox me pls",
    "private message me, thanks",
    "dm me your order number and i'll look into it",
    "please send me a private message with the tracking code",
    "dm me your new delivery address before friday",
    "can you pm me which size fits a 32 waist",
    "check ur dms i replied about the refund",
    "message me privately with the invoice number",
    "dm me if you want the link to the black pair",
    "i sent you a dm with my order details",
    "pm me the return address please",
    "dm me for the price list of the wholesale packs",
    "our support team will private message you about the exchange",
    "dm me im a blogger and would love to review the kettle",
    "dm me when the mustard colour is back",
    "pls inbox me, the parcel came without the receipt",
    "私信我订单编号 帮你核对",
    "尺码问题 私信客服",
    "物流单号发私信给我",
  ])("does not flag %s", (text) => {
    expect(minorRisk(text)).toBeLessThan(0.5);
  });
});

describe("batch 7: grooming that asks for a private message keeps its signal from the child words", () => {
  it.each([
    "kids under 12, dm me a photo and i'll send you robux, don't tell your parents",
    "what grade are you in sweetie? private message me a selfie",
    "little girls inbox me when your mom is out, it's our secret",
    "any 9 year olds watching? msg me your address for a free toy",
    "boys in middle school, pm me pics without your shirt for gift cards",
    "kids use your dad's card to tip me then dm me the code",
    "little kids who feel sad, dm me and i'll show you how to hurt yourself",
    "10 year olds, inbox me your school and i'll send a surprise, keep it secret from mum",
    "小学生 私信我 发张照片 给你红包 别让爸妈知道",
    "小妹妹今年几岁 私信发自拍给叔叔",
    "初中生 偷偷用妈妈手机给我刷礼物 私信我",
  ])("flags %s", (text) => {
    expect(minorRisk(text)).toBeGreaterThanOrEqual(DETECTOR_THRESHOLD);
  });
});
