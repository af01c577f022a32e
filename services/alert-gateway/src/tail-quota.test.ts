import { TailLimitError } from "./errors";
import { TailQuota } from "./tail-quota";

describe("TailQuota", () => {
  it("refuses a principal's tail beyond the limit, naming the variable, and counts principals apart", () => {
    const quota = new TailQuota(2);
    quota.acquire("alice");
    quota.acquire("alice");
    expect(() => quota.acquire("alice")).toThrow(TailLimitError);
    expect(() => quota.acquire("alice")).toThrow(/'alice' already has 2 Tail streams open \(REDLINE_GATEWAY_MAX_TAILS_PER_CLIENT\)/);
    expect(() => quota.acquire("bob")).not.toThrow();
    expect(quota.openFor("alice")).toBe(2);
  });

  it("gives a slot back once, however often its release is called", () => {
    const quota = new TailQuota(2);
    const release = quota.acquire("alice");
    quota.acquire("alice");
    release();
    release();
    expect(quota.openFor("alice")).toBe(1);
    quota.acquire("alice");
    expect(() => quota.acquire("alice")).toThrow(TailLimitError);
  });
});
