import { hash32, hashHex64 } from "./hash";

describe("hash32", () => {
  it("is stable and spreads near-identical keys", () => {
    expect(hash32("user-1")).toBe(hash32("user-1"));
    expect(hash32("user-1")).not.toBe(hash32("user-2"));
    expect(hash32("user-1", 1)).not.toBe(hash32("user-1", 2));
    expect(hashHex64("x")).toMatch(/^[0-9a-f]{16}$/);
  });
});
