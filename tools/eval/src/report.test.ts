import { rulesVersion } from "./report";

describe("rulesVersion", () => {
  it("reads the release number, not its first digit (rules-20 is not rules-2)", () => {
    expect(rulesVersion("redline-rules-2")).toBe(2);
    expect(rulesVersion("redline-rules-20+text-1.0.0+88a203378091")).toBe(20);
    expect(rulesVersion("redline-rules-3")).toBeGreaterThan(2);
  });

  it("is NaN for a version of another scheme, which no comparison takes for an old release", () => {
    expect(rulesVersion("text-1.0.0")).toBeNaN();
    expect(rulesVersion("text-1.0.0") <= 2).toBe(false);
  });
});
