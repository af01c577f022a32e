import { loadDefaultClassifier } from "./index";

/**
 * Fresh Chinese lure probes for issue 14, written after seed batch 8 and
 * blind to the simulator: none is a training line. They cover the threat
 * description's lures (加微信, 私聊V, 进群, 返现, QR codes, circled and
 * digit-spaced ids) and on-platform look-alikes that must stay quiet. The
 * model before batch 8 and the spam sets flags 10 of the 12 lures.
 */
const LURES = [
  "想要同款的加我微信 zx8827 私发",
  "私聊V拿货 比这便宜二十",
  "进群抢券 群号 58823917",
  "好评返现十元 加微信找我领",
  "扫我头像的二维码 进内部群",
  "ⓦⓧ：lin6651 备注直播",
  "加我 一 三 九 二 二 八 七 六 六 五 零",
  "v❤信 qwe 7 7 8 8 1",
  "卫星号 tt2290 有优惠",
  "下单别在这 加我绿泡泡 便宜发",
  "收到货加v 返现5块",
  "长按识别图中二维码 领红包",
];

const ON_PLATFORM = [
  "进直播间就关注了 主播好美",
  "加购物车了 什么时候发货",
  "平台的满减返现什么时候到账",
  "主播 我微信支付可以吗",
  "粉丝团怎么加 点哪里",
  "二维码印花的T恤还有吗",
  "订单号 4402918837 还没到",
  "主播说的群是平台的粉丝群吗",
];

describe("Chinese lures (issue 14 probes)", () => {
  const classifier = loadDefaultClassifier();

  it("flags at least 11 of the 12 fresh lures as DIVERSION", () => {
    const flagged = LURES.filter((t) => classifier.classify(t).DIVERSION >= 0.5);
    expect(flagged.length).toBeGreaterThanOrEqual(11);
  });

  it("leaves every on-platform look-alike below 0.5", () => {
    expect(ON_PLATFORM.filter((t) => classifier.classify(t).DIVERSION >= 0.5)).toEqual([]);
  });
});

/** Fresh English lures in the register of the spam sets (issue 14): the model before them flagged 2 of 8. */
const ENGLISH_LURES = [
  "check out my channel, new covers every week!",
  "sub to me and i'll sub back",
  "win a free iphone today at bitly.com/freeph0ne",
  "text WIN to 80808 to claim your voucher",
  "follow my insta @kayla.beauty22 for giveaways",
  "visit www.cheapdeals4u.net before it ends",
  "you have been selected for a £500 reward, call 09061234567",
  "earn $300 a day from home, details on my page",
];

const ENGLISH_CHAT = [
  "call me when you get home",
  "this song never gets old",
  "what time does the live start tomorrow?",
  "i texted my mom about the dress",
  "love the colour, ordering two",
  "the link in the cart doesn't work, help",
];

describe("English lures (issue 14 probes)", () => {
  const classifier = loadDefaultClassifier();

  it("flags at least 6 of the 8 fresh lures as DIVERSION", () => {
    expect(ENGLISH_LURES.filter((t) => classifier.classify(t).DIVERSION >= 0.5).length).toBeGreaterThanOrEqual(6);
  });

  it("leaves everyday chat that mentions calls, texts and links below 0.5", () => {
    expect(ENGLISH_CHAT.filter((t) => classifier.classify(t).DIVERSION >= 0.5)).toEqual([]);
  });
});
