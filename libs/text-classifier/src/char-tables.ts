/**
 * Small character tables for normalisation. Full traditional→simplified
 * conversion needs a phrase dictionary; this table covers the characters that
 * matter for the labels (commerce, contact, insults, gambling, minors) and is
 * cheap enough to run on every comment.
 */

/** Traditional characters → simplified, as pairs of equal-length strings. */
const TRADITIONAL =
  "個們這裡來時說還買賣價錢貨發號聯係絡詐騙賭兒學與為網請樣東會對過麼運費貴質壞爛評點實際書讀電腦機樂長門問題關開單務態辦難廢滾殺媽幹豬騷雞們給現沒見從讓聽體覺當後裏覺應該處據種產總嗎啊嘆氣錯誤換貨退款罵傻筆垃圾殘廢蠢蛋滅種傳銷詐騙貸彩票博澳門賽馬莊輸贏註冊碼帳戶私聊紅包線鏈結連載號碼薇僞偽幣稅務藥槍彈毒品麻醉處方優惠專業隊員歲孩童學生級嬰帶養親愛寶貝脫衣視頻約見繫";
const SIMPLIFIED =
  "个们这里来时说还买卖价钱货发号联系络诈骗赌儿学与为网请样东会对过么运费贵质坏烂评点实际书读电脑机乐长门问题关开单务态办难废滚杀妈干猪骚鸡们给现没见从让听体觉当后里觉应该处据种产总吗啊叹气错误换货退款骂傻笔垃圾残废蠢蛋灭种传销诈骗贷彩票博澳门赛马庄输赢注册码账户私聊红包线链结连载号码薇伪伪币税务药枪弹毒品麻醉处方优惠专业队员岁孩童学生级婴带养亲爱宝贝脱衣视频约见系";

/**
 * Look-alike letters from other scripts (Cyrillic, Greek) that spammers swap
 * into Latin words such as "vх" or "whаtsapp" to dodge keyword filters.
 * Lower-case only: normalisation lower-cases before mapping.
 */
const HOMOGLYPH_FROM = "аеорсухкмтвнізјԁɡοαρτυινκχεϲӏ";
const HOMOGLYPH_TO = "aeopcyxkmtbhisjdgoaptuivkxecl";

function buildMap(from: string, to: string): Map<string, string> {
  const fromChars = Array.from(from);
  const toChars = Array.from(to);
  if (fromChars.length !== toChars.length) {
    throw new Error(`character table mismatch: ${fromChars.length} vs ${toChars.length}`);
  }
  const map = new Map<string, string>();
  fromChars.forEach((c, i) => {
    const target = toChars[i] as string;
    if (c !== target) map.set(c, target);
  });
  return map;
}

/** One map for both tables, applied in a single regex pass. */
export const CHAR_REPLACEMENTS: ReadonlyMap<string, string> = new Map([
  ...buildMap(TRADITIONAL, SIMPLIFIED),
  ...buildMap(HOMOGLYPH_FROM, HOMOGLYPH_TO),
]);
