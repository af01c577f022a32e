import { createHash, timingSafeEqual } from "node:crypto";
import type { Principal } from "./auth";

/**
 * Whether two bearer tokens are equal, in time that does not depend on where
 * they differ (issue 17). Both are hashed first because `timingSafeEqual`
 * needs equal lengths and a length check would itself tell the caller how
 * long the real token is.
 */
export function tokensEqual(presented: string, known: string): boolean {
  const a = createHash("sha256").update(presented, "utf8").digest();
  const b = createHash("sha256").update(known, "utf8").digest();
  return timingSafeEqual(a, b);
}

/**
 * The principals behind the configured bearer tokens. There is no lookup by
 * key: a Map would compare the presented string with `===`-like semantics
 * and return early; `find` compares against every known token with
 * `tokensEqual` and never stops at the first match.
 */
export class TokenTable {
  private readonly entries: ReadonlyArray<{ token: string; principal: Principal }>;

  constructor(entries: Iterable<readonly [token: string, principal: Principal]>) {
    this.entries = [...entries].map(([token, principal]) => ({ token, principal: Object.freeze({ ...principal }) }));
  }

  get size(): number {
    return this.entries.length;
  }

  /** The principal whose token equals `presented`, or undefined. */
  find(presented: string): Principal | undefined {
    let found: Principal | undefined;
    for (const e of this.entries) {
      if (tokensEqual(presented, e.token) && found === undefined) found = e.principal;
    }
    return found;
  }

  /** Every configured principal, without its token (for listing who may sign in). */
  principals(): Principal[] {
    return this.entries.map((e) => e.principal);
  }
}
