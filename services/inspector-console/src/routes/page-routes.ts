import type { FastifyInstance, FastifyReply } from "fastify";
import type { Logger } from "@redline/common";
import { mayReview, type Principal } from "@redline/grpc";
import type { Eta } from "eta";
import type { ArchiveReader } from "../archive-reader";
import type { GatewayClient } from "../gateway-client";
import { httpFailure } from "../http-errors";
import {
  actionView,
  alertView,
  CATEGORY_NAMES,
  eventView,
  isoTime,
  SEVERITY_NAMES,
  tailFilter,
  timelineMinutes,
  type FilterQuery,
} from "../view-model";

export interface PageRoutesDeps {
  templates: Eta;
  gateway: GatewayClient;
  archive: ArchiveReader;
  maxNoteChars: number;
  logger: Logger;
}

const stripPrefix = (full: string, prefix: string): string => (full.startsWith(prefix) ? full.slice(prefix.length) : full);

/** The server-rendered pages: live list, room, alert, precision. */
export function registerPageRoutes(app: FastifyInstance, deps: PageRoutesDeps): void {
  const { templates, gateway, archive } = deps;
  const log = deps.logger;

  function page(reply: FastifyReply, view: string, principal: Principal, data: Record<string, unknown>): FastifyReply {
    return reply.type("text/html; charset=utf-8").send(templates.render(view, { ...data, principal }));
  }

  function failure(reply: FastifyReply, principal: Principal, what: string, err: unknown): FastifyReply {
    const f = httpFailure(err);
    if (f.statusCode >= 500) log.error(`${what} failed`, { err });
    return page(reply.code(f.statusCode), "./error", principal, { title: `${what} failed`, message: f.message });
  }

  app.get<{ Querystring: FilterQuery }>("/", async (request, reply) => {
    const principal = request.consoleSession!.principal;
    const filters = { room: request.query.room ?? "", category: request.query.category ?? "", minSeverity: request.query.minSeverity ?? "" };
    try {
      tailFilter(filters);
    } catch (err) {
      return failure(reply, principal, "Filter", err);
    }
    const query = new URLSearchParams(Object.entries(filters).filter(([, v]) => v !== "")).toString();
    return page(reply, "./alerts", principal, {
      title: "Live alerts",
      filters,
      query,
      categories: CATEGORY_NAMES,
      severities: SEVERITY_NAMES,
    });
  });

  app.get<{ Params: { roomId: string } }>("/rooms/:roomId", async (request, reply) => {
    const principal = request.consoleSession!.principal;
    const roomId = request.params.roomId;
    try {
      const [alerts, actions, minutes, deletions] = await Promise.all([
        archive.roomAlerts(roomId),
        archive.roomActions(roomId),
        archive.roomMinutes(roomId),
        archive.roomDeletions(roomId),
      ]);
      return page(reply, "./room", principal, {
        title: `Room ${roomId}`,
        roomId,
        alerts: alerts.map(alertView),
        actions: actions.map((a) => actionView(a.action, a.undelivered, a.delivery)),
        minutes: timelineMinutes(minutes, alerts),
        deletions: deletions.map((d) => {
          const comment = d.comment?.body?.$case === "comment" ? d.comment.body.value : undefined;
          const moderation = d.event.body?.$case === "moderation" ? d.event.body.value : undefined;
          return {
            time: isoTime(d.event.eventTimeMs),
            operator: moderation?.operatorId ?? "",
            commentId: moderation?.targetCommentId ?? "",
            author: comment?.author?.userId ?? "",
            text: comment?.text ?? "(comment not in the archive)",
          };
        }),
      });
    } catch (err) {
      return failure(reply, principal, "Room page", err);
    }
  });

  app.get<{ Params: { alertId: string } }>("/alerts/:alertId", async (request, reply) => {
    const session = request.consoleSession!;
    const principal = session.principal;
    try {
      const evidence = await gateway.getEvidence(session.token, request.params.alertId);
      const alertId = evidence.alert!.alertId;
      const [actions, verdicts] = await Promise.all([archive.alertActions(evidence.alert!.roomId, alertId), archive.alertVerdicts(alertId)]);
      return page(reply, "./alert", principal, {
        title: `Alert ${alertId}`,
        alert: alertView(evidence.alert!),
        events: evidence.events.map(eventView),
        missing: evidence.missingEventIds,
        actions: actions.map((a) => actionView(a.action, a.undelivered, a.delivery)),
        verdicts: verdicts.map((v) => ({ ...v, time: isoTime(v.reviewedAtMs), verdict: stripPrefix(v.verdict, "VERDICT_") })),
        mayReview: mayReview(principal),
        maxNoteChars: deps.maxNoteChars,
      });
    } catch (err) {
      return failure(reply, principal, "Alert page", err);
    }
  });

  app.get("/precision", async (request, reply) => {
    const principal = request.consoleSession!.principal;
    try {
      const rows = await archive.precisionByRule();
      return page(reply, "./precision", principal, {
        title: "Precision by rule",
        rows: rows.map((r) => ({ ...r, category: stripPrefix(r.category, "RISK_CATEGORY_") })),
      });
    } catch (err) {
      return failure(reply, principal, "Precision page", err);
    }
  });
}
