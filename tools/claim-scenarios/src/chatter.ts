import { CERTIFICATION_NAMES } from "./catalog";
import { fullWidth, sayPercent, zhInteger } from "./numbers";
import type { Rng } from "./rng";
import type { Claim, SkuFacts } from "./types";

/**
 * What streamers say that is not a product claim but sounds like one: jokes,
 * numbers that count stock or seconds, customers' questions read aloud, and
 * the filler between.
 */

const NICKS = ["小鱼", "momo", "阿杰", "Lily", "糖糖", "大白", "Kevin", "橙子", "shan", "七七"];

export function fillerText(rng: Rng, lang: "zh" | "en"): string {
  const name = rng.pick(NICKS);
  return lang === "zh"
    ? rng.pick([
        "家人们晚上好，欢迎来到直播间！", "点点关注不迷路，主播带你上高速～", `欢迎${name}进入直播间！`, "扣1的宝宝我都看到了哈",
        "喝口水，嗓子都喊哑了", "还没点关注的宝宝点一下左上角", `${name}说想看颜色，我拿给大家看一下`, "好好好，下一个下一个",
        "助理把样品拿过来一下", "我们这边都是现货，拍了马上发",
      ])
    : rng.pick([
        "Hey everyone, welcome to the stream!", `Welcome in, ${name}!`, "Drop a 1 in the chat if you can hear me", "Give me a sec, grabbing some water",
        "Don't forget to hit follow, guys", "Okay okay, next one", "Let me show you the color up close", "Everything ships within 48 hours",
      ]);
}

export function jokeText(rng: Rng, lang: "zh" | "en"): string {
  return lang === "zh"
    ? rng.pick([
        "我今天纯纯是个打工人，老板都不给我加鸡腿", "这个颜色纯纯的少女心啊", "我百分百是这个的头号粉丝哈哈哈",
        "你们再不拍我真的要原地去世了", "老板说卖不完就把我发配到原产地去放羊哈哈", "我妈说我是她百分之百的正品女儿",
        "这价格老板得哭晕在厕所", "我纯属路过来给大家送福利的", "我对它的爱是百分之两百", "我这嗓子纯天然烟嗓，不是装的哈",
        "全网最low的就是我这个发型了哈哈", "我今天有机会就要把库房搬空",
      ])
    : rng.pick([
        "I'm 100% obsessed with this color", "my boss is gonna cry when he sees this price lol", "I'm genuinely about to lose my mind, chat",
        "this chat is pure chaos tonight haha", "I'm the original snack goblin, don't judge me", "I'd sell my cat for this — kidding, kidding",
        "my voice is one hundred percent gone tonight", "certified couch potato over here, organically grown lol",
      ]);
}

export function mixedJokeText(rng: Rng): string {
  return rng.pick(["我纯纯 obsessed 好吗", "OMG 这个颜色 100% 是我的菜", "我 genuinely 要疯了哈哈", "老板 cry 了家人们，这价格 pure crazy"]);
}

export function nonClaimNumberText(rng: Rng, lang: "zh" | "en", linkNumber: number): string {
  const n = rng.pick([20, 30, 50, 100, 200, 500]);
  const say = (value: number) => rng.pick([String(value), zhInteger(value), fullWidth(String(value))]);
  if (lang === "zh") {
    return rng.pick([
      `倒计时${say(rng.pick([10, 5, 3]))}秒，三、二、一，上链接！`, `库存只剩最后${say(n)}单了`, `还有最后${say(n)}件，拍完就没了`,
      `${say(linkNumber)}号链接已经上了`, `前${say(n)}名下单送小礼品`, `已经卖出${say(n * 10)}单了，谢谢家人们`,
      `满${say(300)}减${say(30)}，可以叠券`, "第二件半价，两件更划算", `今天打${rng.pick(["七", "八", "九"])}折`,
      `直播间现在${say(rng.pick([1, 2, 3]))}万人了`, `${sayPercent(rng, rng.pick([10, 20, 30]), "zh")}的宝宝已经下单了`,
    ]);
  }
  return rng.pick([
    `${n} seconds left!`, `only ${n} left in stock`, `link ${linkNumber} is live now`, `first ${n} orders get a free gift`,
    `${rng.pick([10, 20, 30, 50])}% off today only`, `we've sold ${n * 10} already, thank you`, "3, 2, 1 — go go go!",
    `${rng.pick(["thirty", "twenty", "fifty"])} percent off if you order in the next ${n} seconds`,
  ]);
}

/** The streamer reading a customer's question aloud: the claim is asked, not made. */
export function quotedQuestionText(rng: Rng, asked: Claim, f: SkuFacts, lang: "zh" | "en"): string {
  const who = rng.pick(NICKS);
  const ing = (id: string, l: "zh" | "en") => f.composition.find((i) => i.ingredientId === id)?.name[l] ?? f.name[l];
  if (lang === "zh") {
    const lead = rng.pick(["有人问", "有宝宝问", `${who}问`, "弹幕里问", "有姐妹在问"]);
    switch (asked.kind) {
      case "PURE": return `${lead}是不是纯${ing(asked.ingredientId, "zh")}的？`;
      case "PERCENT": return `${lead}${ing(asked.ingredientId, "zh")}含量是不是有${sayPercent(rng, asked.percent, "zh")}？`;
      case "RICH_IN": return `${lead}这个${ing(asked.ingredientId, "zh")}是不是满满的？`;
      case "ORIGIN": return `${lead}是不是${asked.placeName.zh}的？`;
      case "CERTIFICATION": return `${lead}有没有${CERTIFICATION_NAMES[asked.code].zh}认证？`;
      case "AUTHORIZED_GENUINE": return `${lead}是不是正品，有没有官方授权？`;
      case "LOWEST_ANYWHERE": return `${lead}是不是全网最低价呀？`;
      case "LOWEST_EVER": return `${lead}今天是不是历史最低价？`;
      case "UNIT_COUNT": return `${lead}是不是一共${asked.unitCount}${f.netQuantity.unitName.zh}？`;
      default: return `${lead}原价到底多少？`;
    }
  }
  const lead = rng.pick(["someone's asking", `${who} asks`, "chat wants to know", "question from the chat"]);
  switch (asked.kind) {
    case "PURE": return `${lead}: is it 100% ${ing(asked.ingredientId, "en")}?`;
    case "PERCENT": return `${lead}: is it really ${sayPercent(rng, asked.percent, "en")} ${ing(asked.ingredientId, "en")}?`;
    case "RICH_IN": return `${lead}: is it packed with ${ing(asked.ingredientId, "en")}?`;
    case "ORIGIN":
      return asked.level === "country" && asked.place !== "CN" ? `${lead}: is this imported from ${asked.placeName.en}?` : `${lead}: is it from ${asked.placeName.en}?`;
    case "CERTIFICATION": return `${lead}: is it ${CERTIFICATION_NAMES[asked.code].en}?`;
    case "AUTHORIZED_GENUINE": return `${lead}: is it genuine, are we authorised?`;
    case "LOWEST_ANYWHERE": return `${lead}: is this the lowest price anywhere?`;
    case "LOWEST_EVER": return `${lead}: is this the lowest price ever?`;
    case "UNIT_COUNT": return `${lead}: do we get ${asked.unitCount} ${f.netQuantity.unitName.en}?`;
    default: return `${lead}: what was the original price?`;
  }
}

export function correctionLead(rng: Rng, lang: "zh" | "en"): string {
  return lang === "zh"
    ? rng.pick(["哦不对不对，说错了，", "口误口误，纠正一下，", "纠正一下刚才说的，", "不好意思我说错了，"])
    : rng.pick(["Sorry, my bad, correction: ", "Wait, I misspoke — ", "Let me correct that: "]);
}

export function answerLead(rng: Rng, lang: "zh" | "en"): string {
  return lang === "zh" ? rng.pick(["不是的哦，", "跟大家说实话，", "这个我说清楚，", "说实话，"]) : rng.pick(["No, to be clear, ", "Honest answer: ", "Let's look at the label: "]);
}

export function superlativeText(rng: Rng, f: SkuFacts, lang: "zh" | "en"): string {
  return lang === "zh"
    ? rng.pick([
        `这是我用过最好的${f.name.zh}`, `全世界最好的${f.name.zh}，没有之一`, `${f.name.zh}界的天花板`, "史上最强，无敌了",
        `我心里第一名的${f.name.zh}`, "这是宇宙最好用的，我说的",
      ])
    : rng.pick([
        `best ${f.name.en} in the world, hands down`, `the best ${f.name.en} you'll ever have`, "nothing on earth beats this",
        `greatest ${f.name.en} of all time, I'm telling you`,
      ]);
}
