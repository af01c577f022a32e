import type { FastifyInstance } from "fastify";
import type { Logger } from "@redline/common";
import { mayReview } from "@redline/grpc";
import { verdictToJSON } from "@redline/proto";
import { BadConsoleRequestError } from "../errors";
import type { GatewayClient } from "../gateway-client";
import { httpFailure } from "../http-errors";
import { parseVerdict } from "../view-model";

export interface ReviewRouteDeps {
  gateway: GatewayClient;
  maxNoteChars: number;
  logger: Logger;
}

/**
 * POST /alerts/:alertId/review with `{ verdict, note }` as JSON. JSON only:
 * a cross-site form cannot send it, and the SameSite=Strict cookie would not
 * come along anyway. The gateway checks the role again on its side.
 */
export function registerReviewRoute(app: FastifyInstance, deps: ReviewRouteDeps): void {
  const log = deps.logger;
  app.post<{ Params: { alertId: string }; Body: { verdict?: unknown; note?: unknown } }>("/alerts/:alertId/review", async (request, reply) => {
    const session = request.consoleSession!;
    if (!request.headers["content-type"]?.startsWith("application/json")) {
      return reply.code(415).send({ error: "send the review as application/json" });
    }
    if (!mayReview(session.principal)) {
      log.info("review refused for role", { principal: session.principal.id, role: session.principal.role });
      return reply.code(403).send({ error: "your role may read alerts but not review them" });
    }
    try {
      const verdict = parseVerdict(request.body?.verdict);
      const note = request.body?.note ?? "";
      if (typeof note !== "string") throw new BadConsoleRequestError("note", "must be text");
      if (note.length > deps.maxNoteChars) throw new BadConsoleRequestError("note", `is longer than ${deps.maxNoteChars} characters`);
      const feedback = await deps.gateway.review(session.token, request.params.alertId, verdict, note);
      return reply.send({ alertId: feedback.alertId, verdict: verdictToJSON(feedback.verdict), reviewedAtMs: feedback.reviewedAtMs });
    } catch (err) {
      const f = httpFailure(err);
      if (f.statusCode >= 500) log.error("review failed", { err, alertId: request.params.alertId });
      return reply.code(f.statusCode).send({ error: f.message });
    }
  });
}
