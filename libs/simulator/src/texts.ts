/**
 * Live-room texts for the content scenarios, written for this simulator in
 * Chinese and English from phrase templates with slot fillers. Deliberately
 * not drawn from the classifier's training data: the evaluation should see
 * phrasings the model never saw.
 */
import type { Rng } from "./rng";

export type TextKind = "praise" | "question" | "complaint" | "kids_shopping" | "diversion" | "harassment" | "prohibited" | "minor_risk" | "service";

const ITEMS_ZH = ["这件外套", "这个锅", "口红", "面膜", "这双鞋", "耳机", "连衣裙", "保温杯", "床单", "充电宝"];
const ITEMS_EN = ["jacket", "pan", "lipstick", "sneakers", "headphones", "dress", "mug", "blender", "charger", "bed sheets"];

const TEMPLATES: Record<TextKind, { zh: string[]; en: string[] }> = {
  praise: {
    zh: ["{item}好好看", "主播好美", "已下单，期待", "{item}质量真不错", "上次买的{item}很好用", "支持主播", "太划算了", "好喜欢{item}", "主播声音好好听", "回购第三次了"],
    en: ["love this {item}", "you look great today", "just ordered!", "the {item} is really good quality", "bought the {item} last week, works great", "great deal", "so cute", "hi from the other side of town", "best stream", "ordered two"],
  },
  question: {
    zh: ["{item}多少钱", "{item}有优惠吗", "几号链接", "什么时候发货", "{item}有大码吗", "包邮吗", "{item}能退换吗", "有没有别的颜色", "{item}是什么材质", "还有库存吗"],
    en: ["how much is the {item}?", "is there a discount on the {item}?", "which link is it", "when does it ship", "does the {item} come in large?", "is shipping free?", "can I return the {item}?", "other colours?", "what is the {item} made of", "still in stock?"],
  },
  complaint: {
    zh: ["{item}质量太差了，用了两天就坏", "上次买的{item}一股怪味，差评", "发货太慢了，等了半个月", "{item}和图片完全不一样，失望", "客服不理人，退款一直不处理", "{item}掉色严重，不要买", "买了{item}做工粗糙，后悔", "{item}尺码不准，穿不了，退货还要自己出运费", "收到{item}是坏的，包装也破了", "主播说的和实物差太多了，别信"],
    en: ["the {item} broke after two days, terrible quality", "my {item} arrived damaged and nobody answers", "worst purchase ever, the {item} smells awful", "the {item} looks nothing like the pictures, disappointed", "still waiting for my refund, customer service ignores me", "the {item} fell apart after one wash, don't buy", "the {item} runs two sizes small and returns cost me money", "delivery took three weeks, never again", "my {item} stopped working, total waste of money", "the quality of this {item} is awful, I want my money back"],
  },
  kids_shopping: {
    zh: ["给我家小孩买了{item}，她很喜欢", "适合几岁的孩子", "儿子十岁穿什么码", "孩子上学用的话耐用吗", "给女儿买的，有儿童款吗", "宝宝能用吗，安全吗", "小朋友穿会不会太大"],
    en: ["bought the {item} for my kids, they love it", "what age is it for?", "does it come in a kids size?", "is it safe for a five year old?", "my daughter wants one for school", "any children's version of the {item}?", "my son is ten, which size?"],
  },
  diversion: {
    zh: ["加我微信{wx}，私聊更便宜", "想要低价的加V：{wx}", "{item}厂家直销，加qq{qq}拿货", "私下转账打八折，vx {wx}", "进群领券，群号{qq}", "别在这买，加我{wx}便宜一半", "代购找我，薇信{wx}"],
    en: ["add me on whatsapp {phone} for half price", "dm me on telegram @{handle} for a cheaper {item}", "dont buy here, message me at {phone}", "cheaper outside the app, text {phone}", "join my group t.me/{handle} for deals", "pay me directly and save 30%, contact {phone}", "visit {handle}.shop for the same {item} at half price"],
  },
  harassment: {
    zh: ["主播长得真丑，滚出直播间", "你就是个骗子，傻逼", "这种垃圾主播去死吧", "丑八怪还敢开播，恶心", "脑残主播，闭嘴吧", "你这种人就该被骂，废物", "滚吧你个蠢货"],
    en: ["you are so ugly, get off the stream", "shut up you stupid idiot", "what a disgusting loser", "nobody wants to see your ugly face, idiot", "you are a worthless piece of trash", "go away you dumb clown, everyone hates you", "stupid ugly host, shut up"],
  },
  prohibited: {
    zh: ["出售枪支弹药，私聊", "网上赌博稳赚不赔，带你飞", "代开发票，各种证件都能办", "高仿名牌一比一，假货便宜出", "出冰毒和摇头丸", "投资拉人头，月入十万", "办假证，身份证驾照都有"],
    en: ["selling guns and ammo, message me", "online casino, bet now and win guaranteed", "fake passports and ids for sale", "cheap replica designer bags, exact copies", "got weed and pills, hit me up", "join my investment scheme, recruit friends and earn 10k a month", "buy stolen credit card numbers here"],
  },
  // A shop's staff and helpful viewers moving an order question to the platform's own private messages: not diversion, not grooming.
  service: {
    zh: ["私信我订单号，帮你查物流", "有问题私信客服哦", "尺码拿不准的私信我", "地址写错了私信改一下", "退换货请私信客服处理", "私我，帮你看下单子", "已回复你的私信，请查收"],
    en: ["dm me your order number and I'll look into it", "pm me for sizing help", "send us a private message with your address", "message me if your parcel hasn't arrived", "check your dms, I replied about the refund", "dm me", "inbox me the order id please"],
  },
  minor_risk: {
    zh: ["小朋友们快用爸妈手机给主播刷礼物", "未成年也可以打赏，偷偷用家长的卡", "小学生来私聊，给你发红包", "初中生妹妹加我，带你玩", "小孩子不怕，一起挑战从楼上跳下去", "学生党没钱就用爸妈支付密码充值"],
    en: ["kids, take your parents card and send gifts now", "are you under 13? dm me, I will send you presents", "children can tip too, use mom's phone secretly", "little girls send me pictures", "kids try the blackout challenge tonight", "students, use your parents password to buy coins"],
  },
};

function fill(rng: Rng, template: string, zh: boolean): string {
  return template
    .replace("{item}", rng.pick(zh ? ITEMS_ZH : ITEMS_EN))
    .replace("{wx}", `${rng.pick(["abc", "vip", "shop", "lily", "tt"])}${rng.int(100, 99999)}`)
    .replace("{qq}", String(rng.int(10_000_000, 999_999_999)))
    .replace("{phone}", `1${rng.int(30, 89)}${rng.int(1000, 9999)}${rng.int(1000, 9999)}`)
    .replace("{handle}", `${rng.pick(["deal", "best", "cheap", "vip", "real"])}${rng.pick(["shop", "store", "goods", "4u"])}${rng.int(1, 999)}`);
}

/** One text of `kind`, Chinese with probability `zhShare`. */
export function textOf(rng: Rng, kind: TextKind, zhShare = 0.6): string {
  const zh = rng.chance(zhShare);
  const t = TEMPLATES[kind];
  return fill(rng, rng.pick(zh ? t.zh : t.en), zh);
}

/** Every template of `kind`, filled once (for checking what the classifier makes of them). */
export function allTexts(rng: Rng, kind: TextKind): string[] {
  return [...TEMPLATES[kind].zh.map((x) => fill(rng, x, true)), ...TEMPLATES[kind].en.map((x) => fill(rng, x, false))];
}
