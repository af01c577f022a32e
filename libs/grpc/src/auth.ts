import { Metadata, status as GrpcStatus, type ServerErrorResponse } from "@grpc/grpc-js";
import { ConfigError } from "@redline/common";
import { TokenTable, tokensEqual } from "./token-table";

/**
 * `reader` may tail alerts and read evidence but not review (issue 18: people
 * who watch the console without giving verdicts); inspector and admin review.
 */
export type Role = "reader" | "inspector" | "admin";

const ROLES: readonly Role[] = ["reader", "inspector", "admin"];

/** Whether a principal may send verdicts with Review. */
export function mayReview(principal: Principal): boolean {
  return principal.role === "inspector" || principal.role === "admin";
}

export interface Principal {
  id: string;
  role: Role;
}

/**
 * Parses `id:role:token,id:role:token` (role reader, inspector or admin; e.g. from REDLINE_GATEWAY_TOKENS)
 * into a token table. Tokens are compared whole and in constant time
 * (TokenTable); a token shorter than 16 characters is refused at start-up as
 * too guessable, and one given twice is refused because only one of its
 * principals could ever be found.
 */
export function parseTokens(spec: string, variable: string): TokenTable {
  const entries: Array<[string, Principal]> = [];
  for (const entry of spec.split(",").map((s) => s.trim()).filter(Boolean)) {
    const [id, role, token] = entry.split(":");
    if (!id || !token || !ROLES.includes(role as Role)) {
      throw new ConfigError(variable, "entries must look like id:inspector:token, id:admin:token or id:reader:token");
    }
    if (token.length < 16) throw new ConfigError(variable, `the token of '${id}' is shorter than 16 characters`);
    if (entries.some(([known]) => tokensEqual(token, known))) {
      throw new ConfigError(variable, `the token of '${id}' is also another entry's token`);
    }
    entries.push([token, { id, role: role as Role }]);
  }
  return new TokenTable(entries);
}

export function unauthenticated(details: string): ServerErrorResponse {
  return Object.assign(new Error(details), { code: GrpcStatus.UNAUTHENTICATED, details, metadata: new Metadata() });
}

/** The caller behind `authorization: Bearer <token>`, or an UNAUTHENTICATED error to send back. */
export function authenticate(metadata: Metadata, tokens: TokenTable): Principal | ServerErrorResponse {
  const header = metadata.get("authorization")[0];
  const value = typeof header === "string" ? header : header?.toString("utf8");
  const m = value === undefined ? null : /^Bearer\s+(\S+)$/i.exec(value);
  if (!m) return unauthenticated("missing bearer token");
  const principal = tokens.find(m[1]!);
  return principal ?? unauthenticated("unknown token");
}

export function isPrincipal(x: Principal | ServerErrorResponse): x is Principal {
  return (x as Principal).role !== undefined && (x as ServerErrorResponse).code === undefined;
}
