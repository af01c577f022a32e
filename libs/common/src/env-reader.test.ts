import { EnvReader } from "./env-reader";
import { ConfigError } from "./errors";

describe("EnvReader", () => {
  it("reads typed values with fallbacks", () => {
    const r = new EnvReader({ A: "42", B: " yes ", C: "x, y,,z", D: "" });
    expect(r.int("A", 1)).toBe(42);
    expect(r.bool("B", false)).toBe(true);
    expect(r.list("C", [])).toEqual(["x", "y", "z"]);
    expect(r.string("D", "fallback")).toBe("fallback");
    expect(r.int("MISSING", 7)).toBe(7);
  });

  it("names the variable when a value is bad or missing", () => {
    const r = new EnvReader({ PORT: "80x", RATIO: "2", MODE: "fast" });
    expect(() => r.int("PORT", 1)).toThrow(/PORT must be an integer, got '80x'/);
    expect(() => r.number("RATIO", 0, { max: 1 })).toThrow(/RATIO must be ≤ 1/);
    expect(() => r.string("BROKERS")).toThrow(ConfigError);
    expect(() => r.oneOf("MODE", ["slow", "safe"] as const, "safe")).toThrow(/one of slow, safe/);
  });
});
