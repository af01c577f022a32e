import { chineseNumeralValue, normalizeNumbers } from "./numbers";

describe("chineseNumeralValue", () => {
  it.each<[string, number]>([
    ["三十", 30],
    ["十五", 15],
    ["一百", 100],
    ["一百二十九", 129],
    ["两千", 2000],
    ["三万五千", 35_000],
    ["零点零一四", 0.014],
    ["九十九点九", 99.9],
    ["一九九", 199],
    ["一千零八", 1008],
  ])("%s is %d", (run, value) => {
    expect(chineseNumeralValue(run)).toBeCloseTo(value, 6);
  });
});

describe("normalizeNumbers", () => {
  it.each<[string, string]>([
    ["燕窝含量百分之三十", "燕窝含量30%"],
    ["含量百分之零点零一四", "含量0.014%"],
    ["５０％羊毛", "50%羊毛"],
    ["三成是蚕丝", "30%是蚕丝"],
    ["一半是棉", "50%是棉"],
    ["百分百纯棉", "100%纯棉"],
    ["It is Fifty Percent wool", "it is 50% wool"],
    ["one thousand four hundred ninety-nine yuan", "1499 yuan"],
    ["seventy-one point five percent beef", "71.5% beef"],
    ["this one has one percent", "this one has 1%"],
    ["原价一千二百九十九元", "原价1299元"],
    ["成分表", "成分表"],
    ["¥1,299", "¥1299"],
  ])("%s → %s", (text, expected) => {
    expect(normalizeNumbers(text)).toBe(expected);
  });
});
