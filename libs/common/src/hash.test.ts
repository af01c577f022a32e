import { hash32, hashHex64 } from "./hash";

describe("hash32", () => {
  it("is stable and spreads near-identical keys", () => {
    expect(hash32("user-1")).toBe(hash32("user-1"));
    expect(hash32("user-1")).not.toBe(hash32("user-1", 2));
    expect(hash32("user-1")).not.toBe(hash32("user-2"));
    expect(hashHex64("x")).toMatch(/^[0-9a-f]{16}$/);
  });

  it("gives the values it gave in libs/engine: alert ids and sketch buckets depend on them across releases", () => {
    expect(hash32("user-1")).toBe(2005895916);
    expect(hash32("")).toBe(2872998923);
    expect(hashHex64("x")).toBe("6ee77a5808f15681");
  });
});
