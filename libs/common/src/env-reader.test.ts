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

  it("refuses a timer's milliseconds past what a Node timer waits (it would fire after 1 ms), keeping the caller's minimum", () => {
    const r = new EnvReader({ T_MS: "2147483648", OK_MS: "2147483647", LOW_MS: "5" });
    expect(() => r.timerMs("T_MS", 1000)).toThrow(/T_MS must be ≤ 2147483647/);
    expect(r.timerMs("OK_MS", 1000)).toBe(2_147_483_647);
    expect(() => r.timerMs("LOW_MS", 1000, { min: 10 })).toThrow(/LOW_MS must be ≥ 10/);
    expect(r.timerMs("UNSET_MS", 1000)).toBe(1000);
  });
});
