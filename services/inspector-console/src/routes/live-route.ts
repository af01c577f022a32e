import { status as GrpcStatus } from "@grpc/grpc-js";
import type { FastifyInstance } from "fastify";
import type { Logger } from "@redline/common";
import type { GrpcCallError } from "@redline/grpc";
import type { GatewayClient } from "../gateway-client";
import { httpFailure } from "../http-errors";
import { alertView, tailFilter, type FilterQuery } from "../view-model";

export interface LiveRouteDeps {
  gateway: GatewayClient;
  /** Comment lines that keep proxies from closing a quiet stream. */
  keepAliveMs: number;
  logger: Logger;
}

/** Refusals a reconnect would only repeat; anything else ends the stream and the browser reconnects. */
const FINAL_CODES: ReadonlySet<GrpcStatus> = new Set([
  GrpcStatus.UNAUTHENTICATED,
  GrpcStatus.PERMISSION_DENIED,
  GrpcStatus.INVALID_ARGUMENT,
]);

function sseEvent(event: string, data: unknown, id?: string): string {
  return `${id === undefined ? "" : `id: ${id}\n`}event: ${event}\ndata: ${JSON.stringify(data)}\n\n`;
}

/**
 * GET /live: the gateway's Tail for this person and these filters as
 * server-sent events. Each alert's event id is its cursor, so the browser's
 * automatic reconnect sends it back as Last-Event-ID and Tail resumes from it.
 */
export function registerLiveRoute(app: FastifyInstance, deps: LiveRouteDeps): void {
  const log = deps.logger;
  app.get<{ Querystring: FilterQuery }>("/live", async (request, reply) => {
    const session = request.consoleSession!;
    let filter;
    try {
      filter = tailFilter(request.query);
    } catch (err) {
      const f = httpFailure(err);
      return reply.code(f.statusCode).send({ error: f.message });
    }
    const lastEventId = request.headers["last-event-id"];
    const cursor = typeof lastEventId === "string" ? lastEventId : "";
    reply.hijack();
    const res = reply.raw;
    res.writeHead(200, {
      "content-type": "text/event-stream; charset=utf-8",
      "cache-control": "no-store",
      connection: "keep-alive",
      "x-accel-buffering": "no",
    });
    res.write("retry: 1000\n\n");
    log.debug("live stream opened", { principal: session.principal.id, resumed: cursor !== "" });
    const keepAlive = setInterval(() => res.write(": keep-alive\n\n"), deps.keepAliveMs);
    const handle = deps.gateway.tail(session.token, { ...filter, cursor }, {
      onAlert(response) {
        res.write(sseEvent("alert", alertView(response.alert!), response.cursor));
      },
      onEnd(err: GrpcCallError | undefined) {
        clearInterval(keepAlive);
        if (err !== undefined && FINAL_CODES.has(err.code)) {
          res.write(sseEvent("refused", { message: httpFailure(err).message }));
        } else if (err !== undefined) {
          log.warn("gateway tail ended; the browser will reconnect", { code: GrpcStatus[err.code] });
        }
        res.end();
      },
    });
    request.raw.on("close", () => {
      clearInterval(keepAlive);
      handle.cancel();
    });
  });
}
