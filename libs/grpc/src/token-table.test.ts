import { timingSafeEqual } from "node:crypto";
import { parseTokens } from "./auth";
import { TokenTable, tokensEqual } from "./token-table";

// The real comparison, watched: the tests check that it is the one deciding.
jest.mock("node:crypto", () => {
  const actual = jest.requireActual<typeof import("node:crypto")>("node:crypto");
  return { ...actual, timingSafeEqual: jest.fn(actual.timingSafeEqual) };
});
const spy = jest.mocked(timingSafeEqual);
beforeEach(() => spy.mockClear());

describe("tokensEqual", () => {
  it("is true only for the same token, whatever the lengths", () => {
    expect(tokensEqual("alice-token-0123456789", "alice-token-0123456789")).toBe(true);
    expect(tokensEqual("alice-token-0123456789", "alice-token-0123456788")).toBe(false);
    expect(tokensEqual("alice-token-0123456789", "alice-token-01234567890")).toBe(false);
    expect(tokensEqual("", "alice-token-0123456789")).toBe(false);
    expect(tokensEqual("ålice-token-0123456789", "alice-token-0123456789")).toBe(false);
  });

  it("decides through crypto.timingSafeEqual on equal-length digests", () => {
    expect(tokensEqual("short-one", "a-much-longer-token-0123456789")).toBe(false);
    expect(spy).toHaveBeenCalledTimes(1);
    const [a, b] = spy.mock.calls[0]! as [Buffer, Buffer];
    expect([a.length, b.length]).toEqual([32, 32]);
  });
});

describe("TokenTable", () => {
  const table = parseTokens(
    "eve:reader:eve-token-0123456789, alice:inspector:alice-token-0123456789, root:admin:root-token-0123456789",
    "TOKENS",
  );

  it("finds each principal by its whole token and nothing by a prefix, a suffix or a case change", () => {
    expect(table.find("alice-token-0123456789")).toEqual({ id: "alice", role: "inspector" });
    expect(table.find("eve-token-0123456789")).toEqual({ id: "eve", role: "reader" });
    for (const wrong of ["alice-token-012345678", "alice-token-01234567890", "ALICE-TOKEN-0123456789", ""]) {
      expect(table.find(wrong)).toBeUndefined();
    }
  });

  it("compares the presented token with every known token, not only until a match", () => {
    table.find("eve-token-0123456789");
    expect(spy).toHaveBeenCalledTimes(3);
    spy.mockClear();
    table.find("nobody-token-0123456789");
    expect(spy).toHaveBeenCalledTimes(3);
  });

  it("lists principals without their tokens", () => {
    expect(table.size).toBe(3);
    expect(JSON.stringify(table.principals())).not.toMatch(/token-0123456789/);
    expect(new TokenTable([]).find("anything-0123456789")).toBeUndefined();
  });

  it("refuses a token given to two principals at start-up, naming the variable", () => {
    expect(() => parseTokens("a:reader:same-token-0123456789,b:admin:same-token-0123456789", "TOKENS")).toThrow(
      /TOKENS the token of 'b' is also another entry's token/,
    );
  });
});
