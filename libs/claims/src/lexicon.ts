/**
 * Words the extractor knows, in zh and en. Every entry is normalised with
 * `normalizeNumbers` before use, so 第一 is matched as the text reads after
 * normalisation (第1).
 */

/** Ingredients and materials a listing commonly declares, with names a streamer may use for each. */
export const INGREDIENTS: ReadonlyArray<{ name: string; names: readonly string[] }> = [
  { name: "bird's nest", names: ["燕窝", "bird's nest", "birds nest", "bird nest"] },
  { name: "cotton", names: ["棉", "全棉", "棉花", "cotton"] },
  { name: "silk", names: ["真丝", "蚕丝", "桑蚕丝", "丝绸", "silk", "mulberry silk"] },
  { name: "wool", names: ["羊毛", "wool", "merino"] },
  { name: "cashmere", names: ["羊绒", "山羊绒", "cashmere"] },
  { name: "leather", names: ["真皮", "牛皮", "头层牛皮", "leather", "genuine leather", "cowhide"] },
  { name: "down", names: ["鹅绒", "鸭绒", "羽绒", "白鹅绒", "goose down", "duck down", "down"] },
  { name: "linen", names: ["亚麻", "linen"] },
  { name: "polyester", names: ["涤纶", "聚酯纤维", "polyester"] },
  { name: "latex", names: ["乳胶", "天然乳胶", "latex"] },
  { name: "honey", names: ["蜂蜜", "honey", "manuka honey"] },
  { name: "juice", names: ["果汁", "原汁", "juice", "fruit juice"] },
  { name: "collagen", names: ["胶原蛋白", "collagen"] },
  { name: "beef", names: ["牛肉", "beef"] },
  { name: "milk", names: ["牛奶", "生牛乳", "奶", "milk"] },
  { name: "cocoa", names: ["可可", "可可脂", "cocoa", "cocoa butter"] },
  { name: "ginseng", names: ["人参", "西洋参", "ginseng"] },
  { name: "gold", names: ["黄金", "足金", "gold"] },
  { name: "silver", names: ["白银", "纯银", "silver", "sterling silver"] },
  { name: "sea cucumber", names: ["海参", "sea cucumber"] },
  { name: "aloe", names: ["芦荟", "aloe", "aloe vera"] },
  { name: "hyaluronic acid", names: ["玻尿酸", "透明质酸", "hyaluronic acid"] },
  { name: "vitamin c", names: ["维生素c", "维c", "vitamin c"] },
  { name: "olive oil", names: ["橄榄油", "olive oil"] },
  { name: "cane sugar", names: ["蔗糖", "cane sugar"] },
  { name: "tea", names: ["茶叶", "茶", "tea"] },
  { name: "coffee", names: ["咖啡", "coffee", "arabica"] },
];

/** Countries by ISO 3166-1 alpha-2 code with their names in zh and en. */
export const COUNTRIES: ReadonlyArray<{ code: string; names: readonly string[] }> = [
  { code: "CN", names: ["中国", "国产", "china", "chinese"] },
  { code: "FR", names: ["法国", "france", "french"] },
  { code: "IT", names: ["意大利", "italy", "italian"] },
  { code: "JP", names: ["日本", "japan", "japanese"] },
  { code: "KR", names: ["韩国", "korea", "south korea", "korean"] },
  { code: "US", names: ["美国", "usa", "u.s.", "united states", "america", "american"] },
  { code: "GB", names: ["英国", "uk", "britain", "united kingdom", "england", "british"] },
  { code: "DE", names: ["德国", "germany", "german"] },
  { code: "AU", names: ["澳大利亚", "澳洲", "australia", "australian"] },
  { code: "NZ", names: ["新西兰", "new zealand"] },
  { code: "MY", names: ["马来西亚", "malaysia", "malaysian"] },
  { code: "ID", names: ["印度尼西亚", "印尼", "indonesia", "indonesian"] },
  { code: "TH", names: ["泰国", "thailand", "thai"] },
  { code: "VN", names: ["越南", "vietnam", "vietnamese"] },
  { code: "CH", names: ["瑞士", "switzerland", "swiss"] },
  { code: "ES", names: ["西班牙", "spain", "spanish"] },
  { code: "CA", names: ["加拿大", "canada", "canadian"] },
  { code: "CL", names: ["智利", "chile", "chilean"] },
  { code: "MN", names: ["蒙古", "mongolia", "mongolian"] },
  { code: "IN", names: ["印度", "india", "indian"] },
  { code: "BR", names: ["巴西", "brazil", "brazilian"] },
  { code: "NL", names: ["荷兰", "netherlands", "holland", "dutch"] },
  { code: "BE", names: ["比利时", "belgium", "belgian"] },
  { code: "DK", names: ["丹麦", "denmark", "danish"] },
  { code: "IE", names: ["爱尔兰", "ireland", "irish"] },
];

/**
 * Certifications: the code family a listing's certification codes are matched by (a code
 * containing the family, so USDA_ORGANIC and ORGANIC_CN both hold ORGANIC), and the words.
 */
export const CERTIFICATIONS: ReadonlyArray<{ family: string; names: readonly string[] }> = [
  { family: "ORGANIC", names: ["有机认证", "有机食品认证", "有机产品认证", "有机", "certified organic", "organic certified", "organic certification", "usda organic", "organic"] },
  { family: "GREEN_FOOD", names: ["绿色食品认证", "绿色食品", "green food"] },
  { family: "CE", names: ["ce认证", "欧盟ce", "ce certified", "ce mark"] },
  { family: "FDA", names: ["fda认证", "美国fda", "fda approved", "fda certified", "fda"] },
  { family: "ISO_9001", names: ["iso9001", "iso 9001"] },
  { family: "CCC", names: ["3c认证", "ccc认证", "ccc certified"] },
  { family: "HALAL", names: ["清真认证", "halal certified", "halal"] },
  { family: "GOTS", names: ["gots认证", "gots"] },
  { family: "OEKO_TEX", names: ["oeko-tex", "oeko tex", "婴儿级a类"] },
  { family: "GMP", names: ["gmp认证", "gmp"] },
];
