import { Metadata, status } from "@grpc/grpc-js";
import { authenticate, isPrincipal, mayReview, parseTokens } from "./auth";

describe("bearer token auth", () => {
  const tokens = parseTokens("alice:inspector:alice-token-0123456789, root:admin:root-token-0123456789", "TOKENS");

  const withAuth = (value?: string) => {
    const md = new Metadata();
    if (value !== undefined) md.set("authorization", value);
    return md;
  };

  it("finds the principal behind a known token", () => {
    const p = authenticate(withAuth("Bearer alice-token-0123456789"), tokens);
    expect(isPrincipal(p) && p).toEqual({ id: "alice", role: "inspector" });
  });

  it.each([undefined, "Bearer", "Basic abc", "Bearer wrong-token-0123456789"])("refuses %p as UNAUTHENTICATED", (v) => {
    const p = authenticate(withAuth(v), tokens);
    expect(isPrincipal(p)).toBe(false);
    expect((p as { code: number }).code).toBe(status.UNAUTHENTICATED);
  });

  it("refuses malformed or short tokens at start-up, naming the variable", () => {
    expect(() => parseTokens("bob:guest:bob-token-0123456789", "TOKENS")).toThrow(/TOKENS entries must look like/);
    expect(() => parseTokens("bob:inspector:short", "TOKENS")).toThrow(/shorter than 16/);
  });

  it("reads reader tokens, which may not review while inspectors and admins may", () => {
    const roles = parseTokens("eve:reader:eve-token-0123456789, alice:inspector:alice-token-0123456789, root:admin:root-token-0123456789", "TOKENS");
    expect(roles.find("eve-token-0123456789")).toEqual({ id: "eve", role: "reader" });
    expect(roles.principals().map((p) => [p.id, mayReview(p)])).toEqual([["eve", false], ["alice", true], ["root", true]]);
  });
});
