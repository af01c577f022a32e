/** Short neutral or positive comments; comment text is not the subject of this traffic. */
export const COMMENT_TEXTS: readonly string[] = [
  "好看", "主播好美", "已下单", "什么时候发货", "有优惠吗", "支持主播", "来了来了", "这个颜色好看",
  "求链接", "质量怎么样", "买过了很好用", "尺码怎么选", "主播辛苦了", "太划算了", "谢谢主播", "晚上好",
  "hello", "nice", "love it", "how much?", "which size?", "great deal", "hi from Shanghai", "thanks!",
  "good quality", "ordered one", "666", "哈哈哈", "想要", "加油",
];

/** What a shop's staff write in its rooms: answers, links, reminders. */
export const STAFF_TEXTS: readonly string[] = [
  "链接已上架", "库存还有", "下单备注尺码", "今天包邮", "客服在线", "点关注不迷路", "left link is up",
  "ships tomorrow", "size chart in the pinned post", "拍下立减", "老粉福利", "有问题私信客服",
];

/** Fans greeting their streamer at the start of each session. */
export const FAN_TEXTS: readonly string[] = ["来了", "打卡", "老粉报到", "又见面了", "主播晚上好", "here again", "第一", "等好久了"];

export const ROOM_TITLES: Readonly<Record<string, readonly string[]>> = {
  beauty: ["新品口红试色", "护肤好物分享", "beauty haul"],
  food: ["家乡特产直播", "零食大礼包", "snack time"],
  electronics: ["手机数码专场", "耳机测评", "gadget night"],
  fashion: ["秋冬新款上新", "穿搭分享", "outfit live"],
  home: ["家居好物", "厨房神器", "home picks"],
};
