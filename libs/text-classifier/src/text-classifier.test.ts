import { loadDefaultClassifier, TEXT_LABELS, type TextLabel, type TextScores } from "./index";

const classifier = loadDefaultClassifier();
const score = (text: string, label: TextLabel): number => classifier.classify(text)[label];

describe("loadDefaultClassifier", () => {
  it("loads the committed artifact once and reports its version", () => {
    expect(loadDefaultClassifier()).toBe(classifier);
    expect(classifier.version).toMatch(/^1\.0\.0\+[0-9a-f]{12}$/);
  });

  it("returns a probability for every label", () => {
    const scores: TextScores = classifier.classify("hello");
    expect(Object.keys(scores).sort()).toEqual([...TEXT_LABELS].sort());
    for (const label of TEXT_LABELS) {
      expect(scores[label]).toBeGreaterThanOrEqual(0);
      expect(scores[label]).toBeLessThanOrEqual(1);
    }
  });

  it("scores empty and whitespace text low on every label", () => {
    for (const text of ["", "   ", "\u200b"]) {
      for (const label of TEXT_LABELS) expect(score(text, label)).toBeLessThan(0.5);
    }
  });

  it("is deterministic", () => {
    expect(classifier.classify("加我微信 abc123")).toEqual(classifier.classify("加我微信 abc123"));
  });
});

describe("one-word comments", () => {
  it.each(["好", "嗯", "1", "666", "1111", "ok", "wow", "👍", "❤️", "哈哈哈", "来了"])("scores %s low on every label", (text) => {
    for (const label of TEXT_LABELS) expect(score(text, label)).toBeLessThan(0.5);
  });
});

describe("bare numbers", () => {
  it("may read a phone-like number as DIVERSION but never as PROHIBITED or MINOR_RISK", () => {
    for (const text of ["12345678901", "202311150098765"]) {
      expect(score(text, "PROHIBITED")).toBeLessThan(0.5);
      expect(score(text, "MINOR_RISK")).toBeLessThan(0.5);
    }
  });
});

describe("DIVERSION", () => {
  it.each([
    "加我微信 abc12345 私聊更便宜",
    "V 信 hello888",
    "薇❤ meili_520",
    "加我 一二三四五六七",
    "q q 群 123456789",
    "ＶＸ：ａｂｃ１２３４",
    "DM me for a cheaper price",
    "whatsapp me +1 415 555 0100",
    "buy it at cheapshop.xyz",
  ])("flags %s", (text) => {
    expect(score(text, "DIVERSION")).toBeGreaterThanOrEqual(0.5);
  });

  it.each(["这个价格能便宜点吗", "how much is shipping?", "几号链接", "主播加油", "发货了吗", "is there a discount code?"])(
    "does not flag the ordinary question %s",
    (text) => {
      expect(score(text, "DIVERSION")).toBeLessThan(0.5);
    },
  );

  it("scores an obfuscated contact higher than the same words without an id", () => {
    expect(score("加 V 信 abc8899", "DIVERSION")).toBeGreaterThan(score("加油", "DIVERSION"));
  });
});

describe("PROHIBITED", () => {
  it.each(["网赌平台 充值返水 提现秒到", "刷单返利 日赚三百", "出售仿真枪 钢珠枪", "online casino, deposit now for a bonus", "selling weed, discreet shipping"])(
    "flags %s",
    (text) => {
      expect(score(text, "PROHIBITED")).toBeGreaterThanOrEqual(0.5);
    },
  );

  it.each(["抽奖活动几点开始", "这个口红是正品吗", "toy water gun for the pool", "great quality, love it"])("does not flag %s", (text) => {
    expect(score(text, "PROHIBITED")).toBeLessThan(0.5);
  });
});

describe("MINOR_RISK", () => {
  it.each(["小朋友们快让爸妈给你充值刷礼物", "萝莉 福利 视频 私发", "kids, ask your parents for their card and send me gifts", "小朋友 试试憋气挑战"])(
    "flags %s",
    (text) => {
      expect(score(text, "MINOR_RISK")).toBeGreaterThanOrEqual(0.5);
    },
  );

  it.each(["给孩子买的书包很好", "学生党 平价好用", "kids love this toy, bought two", "宝宝辅食 有推荐吗"])("does not flag the ordinary purchase %s", (text) => {
    expect(score(text, "MINOR_RISK")).toBeLessThan(0.5);
  });
});

describe("HARASSMENT", () => {
  it.each(["你个傻逼", "去死吧 垃圾人", "you're a fucking idiot", "shut up bitch"])("flags %s", (text) => {
    expect(score(text, "HARASSMENT")).toBeGreaterThanOrEqual(0.5);
  });

  it.each(["物流太慢了", "客服态度太差了", "这个价格能便宜点吗", "how much is shipping?", "the delivery is so slow, still waiting", "笑死我了"])(
    "does not flag the complaint or question %s",
    (text) => {
      expect(score(text, "HARASSMENT")).toBeLessThan(0.5);
    },
  );
});

describe("NEGATIVE_REVIEW", () => {
  it.each(["物流太慢了 等了一个星期", "质量太差了，穿一次就坏了", "worst purchase ever, total waste of money", "the zipper broke after two days"])(
    "flags %s",
    (text) => {
      expect(score(text, "NEGATIVE_REVIEW")).toBeGreaterThanOrEqual(0.5);
    },
  );

  it.each(["质量很好，物流也快，好评", "love it, great quality", "how much is shipping?"])("does not flag %s", (text) => {
    expect(score(text, "NEGATIVE_REVIEW")).toBeLessThan(0.5);
  });

  it.each(["书", "衣服", "手机", "热水器", "酒店", "水果", "平板", "洗发水", "蒙牛", "计算机"])(
    "does not score the bare product category %s as a negative review",
    (text) => {
      // Category balancing and short fragments in training keep category words neutral.
      expect(score(text, "NEGATIVE_REVIEW")).toBeLessThan(0.5);
    },
  );
});
