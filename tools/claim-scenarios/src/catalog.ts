import type { CertificationCode, Named, Origin } from "./types";

/**
 * Kinds of product live rooms sell, with what can truthfully be said of them
 * and what streamers over-claim. Brands are invented; origins are real places.
 */
export interface ProductTemplate {
  category: string;
  name: Named;
  /** The ingredient claims are about (燕窝 in the bird's-nest drink). */
  key: { ingredientId: string; name: Named };
  /** Its share when the product is not pure: log-uniform between these percents. */
  keyPercentRange: [number, number];
  pureChance: number;
  otherIngredients: { ingredientId: string; name: Named }[];
  origins: Origin[];
  /** Places streamers claim it comes from (a country, or a region at level "region"). */
  prestigeOrigins: Origin[];
  originLevel: "country" | "region";
  certifications: CertificationCode[];
  unit: "ml" | "g";
  unitName: Named;
  unitCounts: number[];
  perUnitAmounts: number[];
  priceYuanRange: [number, number];
}

const o = (country: string, countryZh: string, countryEn: string, region: string, regionZh: string): Origin => ({
  country,
  countryName: { zh: countryZh, en: countryEn },
  region,
  regionName: { zh: regionZh, en: region },
});
const n = (zh: string, en: string): Named => ({ zh, en });
const i = (ingredientId: string, zh: string, en: string) => ({ ingredientId, name: n(zh, en) });

const WATER = i("water", "水", "water");
const SUGAR = i("sugar", "白砂糖", "sugar");

export const PRODUCT_TEMPLATES: readonly ProductTemplate[] = [
  {
    category: "bird_nest_drink", name: n("燕窝饮品", "bird's nest drink"), key: i("bird_nest", "燕窝", "bird's nest"),
    keyPercentRange: [0.01, 0.5], pureChance: 0, otherIngredients: [WATER, SUGAR, i("white_fungus", "银耳", "white fungus")],
    origins: [o("CN", "中国", "China", "Fujian", "福建"), o("CN", "中国", "China", "Guangdong", "广东")],
    prestigeOrigins: [o("MY", "马来西亚", "Malaysia", "Sarawak", "沙捞越"), o("ID", "印度尼西亚", "Indonesia", "Java", "爪哇")],
    originLevel: "country", certifications: ["GREEN_FOOD", "ISO_9001"], unit: "ml", unitName: n("瓶", "bottles"),
    unitCounts: [6, 8, 12], perUnitAmounts: [180, 200, 250], priceYuanRange: [59, 199],
  },
  {
    category: "honey", name: n("蜂蜜", "honey"), key: i("honey", "蜂蜜", "honey"),
    keyPercentRange: [40, 90], pureChance: 0.5, otherIngredients: [i("syrup", "果葡糖浆", "glucose syrup"), WATER],
    origins: [o("CN", "中国", "China", "Yunnan", "云南"), o("NZ", "新西兰", "New Zealand", "Waikato", "怀卡托")],
    prestigeOrigins: [o("NZ", "新西兰", "New Zealand", "Waikato", "怀卡托"), o("AU", "澳大利亚", "Australia", "Tasmania", "塔斯马尼亚")],
    originLevel: "country", certifications: ["ORGANIC", "GREEN_FOOD"], unit: "g", unitName: n("罐", "jars"),
    unitCounts: [1, 2, 3], perUnitAmounts: [250, 500], priceYuanRange: [39, 299],
  },
  {
    category: "tshirt", name: n("T恤", "T-shirt"), key: i("cotton", "棉", "cotton"),
    keyPercentRange: [35, 80], pureChance: 0.5, otherIngredients: [i("polyester", "聚酯纤维", "polyester"), i("spandex", "氨纶", "spandex")],
    origins: [o("CN", "中国", "China", "Jiangsu", "江苏"), o("BD", "孟加拉国", "Bangladesh", "Dhaka", "达卡")],
    prestigeOrigins: [o("EG", "埃及", "Egypt", "Giza", "吉萨"), o("JP", "日本", "Japan", "Osaka", "大阪")],
    originLevel: "country", certifications: ["ISO_9001"], unit: "g", unitName: n("件", "pieces"),
    unitCounts: [1, 2, 3], perUnitAmounts: [180, 200, 220], priceYuanRange: [49, 159],
  },
  {
    category: "orange_juice", name: n("橙汁", "orange juice"), key: i("orange_juice", "橙汁", "orange juice"),
    keyPercentRange: [10, 50], pureChance: 0.5, otherIngredients: [WATER, SUGAR, i("citric_acid", "柠檬酸", "citric acid")],
    origins: [o("CN", "中国", "China", "Ganzhou", "赣南"), o("CN", "中国", "China", "Yichang", "宜昌")],
    prestigeOrigins: [o("CN", "中国", "China", "Ganzhou", "赣南"), o("CN", "中国", "China", "Fengjie", "奉节")],
    originLevel: "region", certifications: ["GREEN_FOOD", "ORGANIC", "FDA"], unit: "ml", unitName: n("瓶", "bottles"),
    unitCounts: [6, 12, 24], perUnitAmounts: [250, 300, 1000], priceYuanRange: [29, 99],
  },
  {
    category: "cashmere_sweater", name: n("羊绒衫", "cashmere sweater"), key: i("cashmere", "羊绒", "cashmere"),
    keyPercentRange: [5, 50], pureChance: 0.4, otherIngredients: [i("wool", "羊毛", "wool"), i("nylon", "锦纶", "nylon")],
    origins: [o("CN", "中国", "China", "Inner Mongolia", "内蒙古"), o("CN", "中国", "China", "Hebei", "河北")],
    prestigeOrigins: [o("IT", "意大利", "Italy", "Biella", "比耶拉"), o("MN", "蒙古国", "Mongolia", "Ulaanbaatar", "乌兰巴托")],
    originLevel: "country", certifications: ["ISO_9001"], unit: "g", unitName: n("件", "pieces"),
    unitCounts: [1], perUnitAmounts: [250, 300, 350], priceYuanRange: [199, 999],
  },
  {
    category: "olive_oil", name: n("橄榄油", "olive oil"), key: i("olive_oil", "橄榄油", "olive oil"),
    keyPercentRange: [10, 40], pureChance: 0.5, otherIngredients: [i("soybean_oil", "大豆油", "soybean oil"), i("sunflower_oil", "葵花籽油", "sunflower oil")],
    origins: [o("ES", "西班牙", "Spain", "Andalusia", "安达卢西亚"), o("CN", "中国", "China", "Longnan", "陇南")],
    prestigeOrigins: [o("ES", "西班牙", "Spain", "Andalusia", "安达卢西亚"), o("IT", "意大利", "Italy", "Puglia", "普利亚"), o("GR", "希腊", "Greece", "Crete", "克里特")],
    originLevel: "country", certifications: ["ORGANIC", "ISO_9001"], unit: "ml", unitName: n("瓶", "bottles"),
    unitCounts: [1, 2], perUnitAmounts: [500, 750, 1000], priceYuanRange: [69, 299],
  },
  {
    category: "face_cream", name: n("面霜", "face cream"), key: i("hyaluronic_acid", "玻尿酸", "hyaluronic acid"),
    keyPercentRange: [0.05, 0.9], pureChance: 0, otherIngredients: [WATER, i("glycerin", "甘油", "glycerin")],
    origins: [o("CN", "中国", "China", "Shanghai", "上海"), o("CN", "中国", "China", "Guangzhou", "广州")],
    prestigeOrigins: [o("FR", "法国", "France", "Provence", "普罗旺斯"), o("JP", "日本", "Japan", "Tokyo", "东京"), o("KR", "韩国", "South Korea", "Seoul", "首尔")],
    originLevel: "country", certifications: ["FDA", "CE", "ISO_9001"], unit: "g", unitName: n("瓶", "jars"),
    unitCounts: [1, 2], perUnitAmounts: [30, 50, 100], priceYuanRange: [99, 599],
  },
  {
    category: "milk_powder", name: n("奶粉", "milk powder"), key: i("whole_milk_powder", "全脂乳粉", "whole milk powder"),
    keyPercentRange: [50, 90], pureChance: 0.3, otherIngredients: [i("whey", "乳清粉", "whey powder"), i("vegetable_oil", "植物油", "vegetable oil")],
    origins: [o("NZ", "新西兰", "New Zealand", "Canterbury", "坎特伯雷"), o("CN", "中国", "China", "Heilongjiang", "黑龙江")],
    prestigeOrigins: [o("NZ", "新西兰", "New Zealand", "Canterbury", "坎特伯雷"), o("NL", "荷兰", "Netherlands", "Friesland", "弗里斯兰"), o("AU", "澳大利亚", "Australia", "Victoria", "维多利亚")],
    originLevel: "country", certifications: ["ORGANIC", "ISO_9001", "FDA"], unit: "g", unitName: n("罐", "cans"),
    unitCounts: [1, 2, 3], perUnitAmounts: [800, 900], priceYuanRange: [199, 499],
  },
  {
    category: "longjing_tea", name: n("龙井茶", "Longjing tea"), key: i("tea_leaves", "茶叶", "tea leaves"),
    keyPercentRange: [100, 100], pureChance: 1, otherIngredients: [],
    origins: [o("CN", "中国", "China", "West Lake", "西湖"), o("CN", "中国", "China", "Xinchang", "新昌")],
    prestigeOrigins: [o("CN", "中国", "China", "West Lake", "西湖"), o("CN", "中国", "China", "Meijiawu", "梅家坞")],
    originLevel: "region", certifications: ["ORGANIC", "GREEN_FOOD"], unit: "g", unitName: n("罐", "tins"),
    unitCounts: [1, 2], perUnitAmounts: [100, 250], priceYuanRange: [99, 699],
  },
  {
    category: "protein_powder", name: n("蛋白粉", "protein powder"), key: i("whey_protein", "乳清蛋白", "whey protein"),
    keyPercentRange: [30, 80], pureChance: 0, otherIngredients: [i("maltodextrin", "麦芽糊精", "maltodextrin"), i("cocoa", "可可粉", "cocoa powder")],
    origins: [o("US", "美国", "USA", "Wisconsin", "威斯康星"), o("CN", "中国", "China", "Shandong", "山东")],
    prestigeOrigins: [o("US", "美国", "USA", "Wisconsin", "威斯康星"), o("NZ", "新西兰", "New Zealand", "Waikato", "怀卡托")],
    originLevel: "country", certifications: ["FDA", "ISO_9001"], unit: "g", unitName: n("桶", "tubs"),
    unitCounts: [1, 2], perUnitAmounts: [900, 2270], priceYuanRange: [149, 499],
  },
  {
    category: "beef_steak", name: n("牛排", "beef steak"), key: i("beef", "牛肉", "beef"),
    keyPercentRange: [70, 95], pureChance: 0.5, otherIngredients: [i("soy_protein", "大豆蛋白", "soy protein"), i("carrageenan", "卡拉胶", "carrageenan")],
    origins: [o("CN", "中国", "China", "Inner Mongolia", "内蒙古"), o("AU", "澳大利亚", "Australia", "Queensland", "昆士兰")],
    prestigeOrigins: [o("AU", "澳大利亚", "Australia", "Queensland", "昆士兰"), o("NZ", "新西兰", "New Zealand", "Canterbury", "坎特伯雷"), o("JP", "日本", "Japan", "Kobe", "神户")],
    originLevel: "country", certifications: ["GREEN_FOOD", "ISO_9001"], unit: "g", unitName: n("片", "steaks"),
    unitCounts: [5, 10], perUnitAmounts: [130, 150], priceYuanRange: [99, 299],
  },
  {
    category: "coconut_water", name: n("椰子水", "coconut water"), key: i("coconut_water", "椰子水", "coconut water"),
    keyPercentRange: [20, 90], pureChance: 0.5, otherIngredients: [WATER, SUGAR],
    origins: [o("TH", "泰国", "Thailand", "Ratchaburi", "叻丕"), o("CN", "中国", "China", "Hainan", "海南")],
    prestigeOrigins: [o("TH", "泰国", "Thailand", "Ratchaburi", "叻丕"), o("VN", "越南", "Vietnam", "Ben Tre", "槟知")],
    originLevel: "country", certifications: ["ORGANIC", "FDA"], unit: "ml", unitName: n("瓶", "bottles"),
    unitCounts: [6, 12], perUnitAmounts: [330, 1000], priceYuanRange: [49, 129],
  },
];

export const CERTIFICATION_NAMES: Readonly<Record<CertificationCode, Named>> = {
  ORGANIC: n("有机", "certified organic"),
  GREEN_FOOD: n("绿色食品", "Green Food certified"),
  ISO_9001: n("ISO9001", "ISO 9001 certified"),
  FDA: n("美国FDA", "FDA approved"),
  CE: n("欧盟CE", "CE certified"),
};

export const BRANDS: readonly Named[] = [
  n("青禾", "Qinghe"), n("澳野", "Ozwild"), n("北纬", "Latitude North"), n("MIRA", "MIRA"), n("云栖", "Yunqi"),
  n("岚山", "Lanshan"), n("Aurelle", "Aurelle"), n("暖阳", "Sunwarm"), n("海角", "Capeline"), n("禾木", "Hemu"),
];
