import { enDecimal, enInteger, fullWidth, plain, zhDecimal, zhInteger } from "./numbers";

describe("numbers as streamers say them", () => {
  it("writes Chinese numerals", () => {
    expect([0, 3, 10, 15, 30, 105, 110, 599, 1000, 1079, 12000, 10015].map(zhInteger)).toEqual([
      "零", "三", "十", "十五", "三十", "一百零五", "一百一十", "五百九十九", "一千", "一千零七十九", "一万二千", "一万零一十五",
    ]);
    expect(zhDecimal(0.014)).toBe("零点零一四");
    expect(zhDecimal(12.5)).toBe("十二点五");
  });

  it("writes English number words", () => {
    expect([0, 12, 30, 45, 599, 1079].map(enInteger)).toEqual(["zero", "twelve", "thirty", "forty-five", "five hundred ninety-nine", "one thousand seventy-nine"]);
    expect(enDecimal(0.014)).toBe("zero point zero one four");
  });

  it("writes full-width digits and plain decimals", () => {
    expect(fullWidth("30%")).toBe("３０％");
    expect(fullWidth("0.5")).toBe("０．５");
    expect(plain(0.1 + 0.2)).toBe("0.3");
    expect(plain(0.0143)).toBe("0.0143");
  });
});
