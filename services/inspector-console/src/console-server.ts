import { dirname, join } from "node:path";
import fastifyCookie from "@fastify/cookie";
import fastifyFormbody from "@fastify/formbody";
import fastifyHelmet from "@fastify/helmet";
import fastifyStatic from "@fastify/static";
import Fastify from "fastify";
import type { Logger } from "@redline/common";
import type { ArchiveReader } from "./archive-reader";
import type { ConsoleConfig } from "./config";
import type { GatewayClient } from "./gateway-client";
import { registerLiveRoute } from "./routes/live-route";
import { registerPageRoutes } from "./routes/page-routes";
import { registerReviewRoute } from "./routes/review-route";
import { registerSessionRoutes } from "./routes/session-routes";
import { SessionStore } from "./session-store";
import { createTemplates } from "./templates";

export interface RunningConsole {
  /** The port actually bound (differs from the configured one with port 0). */
  port: number;
  url: string;
  stop(): Promise<void>;
}

export interface ConsoleDeps {
  logger: Logger;
  gateway: GatewayClient;
  archive: ArchiveReader;
}

const PUBLIC_DIR = join(__dirname, "..", "public");
/** Chart.js's browser build, served from node_modules: no bundler step. */
const CHART_JS_DIR = dirname(require.resolve("chart.js"));

/** Builds and starts the console's HTTP server; `stop` closes it and the open live streams. */
export async function startConsole(
  config: Pick<ConsoleConfig, "address" | "tokens" | "sessionIdleMs" | "maxSessions" | "secureCookie" | "maxNoteChars">,
  deps: ConsoleDeps,
): Promise<RunningConsole> {
  const log = deps.logger;
  // Fastify's own request logger is off: it would log URLs and headers; the
  // console logs what it decides, without tokens or cookies.
  const app = Fastify({ logger: false, forceCloseConnections: true });
  await app.register(fastifyHelmet, {
    contentSecurityPolicy: {
      // Scripts only from this origin, none inline: a comment that slipped past
      // escaping still could not run. No upgrade-insecure-requests: the local
      // console is plain http on the loopback.
      directives: { scriptSrc: ["'self'"], upgradeInsecureRequests: null },
    },
    hsts: false,
  });
  await app.register(fastifyCookie);
  await app.register(fastifyFormbody, { bodyLimit: 16_384 });
  await app.register(fastifyStatic, { root: PUBLIC_DIR, prefix: "/static/" });
  await app.register(fastifyStatic, { root: CHART_JS_DIR, prefix: "/vendor/chart.js/", decorateReply: false, allowedPath: (path) => path === "/chart.umd.min.js" });
  app.get("/healthz", async () => ({ status: "ok" }));

  const templates = createTemplates();
  const sessions = new SessionStore({ idleMs: config.sessionIdleMs, maxSessions: config.maxSessions });
  registerSessionRoutes(app, { sessions, tokens: config.tokens, templates, secureCookie: config.secureCookie, logger: log.child("session") });
  registerPageRoutes(app, { templates, gateway: deps.gateway, archive: deps.archive, maxNoteChars: config.maxNoteChars, logger: log.child("pages") });
  registerReviewRoute(app, { gateway: deps.gateway, maxNoteChars: config.maxNoteChars, logger: log.child("review") });
  registerLiveRoute(app, { gateway: deps.gateway, keepAliveMs: 15_000, logger: log.child("live") });

  await app.listen({ host: config.address.host, port: config.address.port });
  const address = app.server.address();
  const port = typeof address === "object" && address !== null ? address.port : config.address.port;
  const url = `http://${config.address.host}:${port}`;
  log.info("inspector console listening", { url });
  return {
    port,
    url,
    async stop() {
      await app.close();
    },
  };
}
