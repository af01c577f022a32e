/** Short neutral or positive comments; comments are not the subject of this traffic. */
export const COMMENT_TEXTS: readonly string[] = [
  "好看", "主播好美", "已下单", "什么时候发货", "有优惠吗", "支持主播", "来了来了", "这个颜色好看",
  "求链接", "质量怎么样", "买过了很好用", "尺码怎么选", "主播辛苦了", "太划算了", "谢谢主播", "晚上好",
  "hello", "nice", "love it", "how much?", "which size?", "great deal", "hi from Shanghai", "thanks!",
  "good quality", "ordered one", "666", "哈哈哈", "想要", "加油",
];

/** The password comment of a lucky-bag draw: the same text from many viewers is the mechanic. */
export const LUCKY_BAG_TEXTS: readonly string[] = ["主播最棒", "好物推荐", "我要福袋", "lucky me"];

export const ROOM_TITLES: Readonly<Record<string, readonly string[]>> = {
  beauty: ["新品口红试色", "护肤好物分享", "beauty haul"],
  food: ["家乡特产直播", "零食大礼包", "snack time"],
  electronics: ["手机数码专场", "耳机测评", "gadget night"],
  fashion: ["秋冬新款上新", "穿搭分享", "outfit live"],
  home: ["家居好物", "厨房神器", "home picks"],
};
