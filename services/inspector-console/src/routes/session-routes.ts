import type { FastifyInstance, FastifyReply, FastifyRequest } from "fastify";
import type { Logger } from "@redline/common";
import type { TokenTable } from "@redline/grpc";
import type { Eta } from "eta";
import type { Session, SessionStore } from "../session-store";

export const SESSION_COOKIE = "redline_console_session";

/** Paths served without a session: the sign-in page, assets and the health check. */
const PUBLIC_PREFIXES = ["/login", "/logout", "/static/", "/vendor/", "/healthz"];

declare module "fastify" {
  interface FastifyRequest {
    consoleSession: Session | null;
  }
}

export interface SessionRoutesDeps {
  sessions: SessionStore;
  tokens: TokenTable;
  templates: Eta;
  secureCookie: boolean;
  logger: Logger;
}

function isPublic(url: string): boolean {
  const path = url.split("?")[0]!;
  return PUBLIC_PREFIXES.some((p) => path === p || path.startsWith(p));
}

/**
 * Sign-in, sign-out and the hook that finds the session of every other
 * request. Pages without a session go to /login; API calls get 401.
 */
export function registerSessionRoutes(app: FastifyInstance, deps: SessionRoutesDeps): void {
  const log = deps.logger;
  app.decorateRequest("consoleSession", null);
  app.addHook("onRequest", async (request: FastifyRequest, reply: FastifyReply) => {
    if (isPublic(request.url)) return;
    request.consoleSession = deps.sessions.get(request.cookies[SESSION_COOKIE]) ?? null;
    if (request.consoleSession !== null) return;
    if (request.method === "GET" && request.headers.accept?.includes("text/html")) {
      return reply.redirect("/login", 303);
    }
    return reply.code(401).send({ error: "sign in first" });
  });

  app.get("/login", async (_request, reply) =>
    reply.type("text/html; charset=utf-8").send(deps.templates.render("./login", { title: "Sign in", principal: null, error: "" })),
  );

  app.post<{ Body: { token?: unknown } }>("/login", async (request, reply) => {
    const token = typeof request.body?.token === "string" ? request.body.token.trim() : "";
    // The same constant-time, whole-token lookup the gateway does (libs/grpc
    // TokenTable): the console signs in exactly those the gateway would let in.
    const principal = deps.tokens.find(token);
    if (principal === undefined) {
      log.info("sign-in refused");
      return reply
        .code(401)
        .type("text/html; charset=utf-8")
        .send(deps.templates.render("./login", { title: "Sign in", principal: null, error: "Unknown token." }));
    }
    const session = deps.sessions.create(principal, token);
    log.info("signed in", { principal: principal.id, role: principal.role });
    reply.setCookie(SESSION_COOKIE, session.id, { path: "/", httpOnly: true, sameSite: "strict", secure: deps.secureCookie });
    return reply.redirect("/", 303);
  });

  app.post("/logout", async (request, reply) => {
    deps.sessions.delete(request.cookies[SESSION_COOKIE]);
    reply.clearCookie(SESSION_COOKIE, { path: "/" });
    return reply.redirect("/login", 303);
  });
}
