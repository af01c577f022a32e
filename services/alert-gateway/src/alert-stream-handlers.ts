import { Metadata, status as GrpcStatus, type ServerErrorResponse, type ServerWritableStream } from "@grpc/grpc-js";
import { alertFilter, type AlertFeed } from "@redline/alert-feed";
import { decodeCursor, describeError, InvalidCursorError, type Logger } from "@redline/common";
import { authenticate, isPrincipal, mayReview, type TokenTable } from "@redline/grpc";
import {
  Feedback,
  GetEvidenceResponse,
  ReviewResponse,
  Severity,
  Verdict,
  type AlertStreamServer,
  type TailRequest,
  type TailResponse,
} from "@redline/proto";
import { EvidenceStoreUnavailableError, InvalidRequestError, TailLimitError } from "./errors";
import type { EvidenceStore } from "./evidence-store";
import type { FeedbackSink } from "./feedback-sink";
import type { TailQuota } from "./tail-quota";
import { runTailSession } from "./tail-session";

export interface AlertStreamDeps {
  feed: AlertFeed;
  feedback: FeedbackSink;
  evidence: EvidenceStore;
  tokens: TokenTable;
  maxNoteChars: number;
  /** Tail streams open per principal; one more is refused with RESOURCE_EXHAUSTED. */
  tailQuota: TailQuota;
  logger: Logger;
  /** Wall clock for `reviewedAtMs`: a review is about people, not the stream. */
  nowMs?: () => number;
}

const MAX_ALERT_ID_CHARS = 256;
const MAX_FILTER_ROOMS = 1000;

function statusError(code: GrpcStatus, details: string): ServerErrorResponse {
  return Object.assign(new Error(details), { code, details, metadata: new Metadata() });
}

function toStatus(err: unknown): ServerErrorResponse {
  if (err instanceof InvalidRequestError || err instanceof InvalidCursorError) {
    return statusError(GrpcStatus.INVALID_ARGUMENT, err.message);
  }
  if (err instanceof EvidenceStoreUnavailableError) return statusError(GrpcStatus.UNAVAILABLE, err.message);
  if (err instanceof TailLimitError) return statusError(GrpcStatus.RESOURCE_EXHAUSTED, err.message);
  // Store failures are logged where they happen; the caller learns only that
  // trying again may work, not the store's query or error text.
  return statusError(GrpcStatus.UNAVAILABLE, "lookup failed; try again");
}

function validAlertId(alertId: string): string {
  if (alertId.length === 0) throw new InvalidRequestError("alert_id", "is required");
  if (alertId.length > MAX_ALERT_ID_CHARS) throw new InvalidRequestError("alert_id", `is longer than ${MAX_ALERT_ID_CHARS}`);
  return alertId;
}

function validateTail(req: TailRequest): void {
  if (req.rooms.length > MAX_FILTER_ROOMS) throw new InvalidRequestError("rooms", `names more than ${MAX_FILTER_ROOMS} rooms`);
  if (!(req.minSeverity in Severity) || req.minSeverity < 0) {
    throw new InvalidRequestError("min_severity", `is not a known severity (${req.minSeverity})`);
  }
}

/** The AlertStream handlers: authenticate, validate, adapt to the feed, the feedback sink and the evidence store. */
export function alertStreamHandlers(deps: AlertStreamDeps): AlertStreamServer {
  const nowMs = deps.nowMs ?? Date.now;
  const log = deps.logger;
  /**
   * The feed remembers recent alerts only, and nothing from before a restart: a review of an older
   * alert takes its room from the archive, so the verdict is keyed and counted by its room. Without
   * an archive (or with it down) the review is still recorded, without the room, and said so.
   */
  const withArchivedRoom = async (feedback: Feedback): Promise<Feedback> => {
    if (feedback.roomId !== "") return feedback;
    try {
      const roomId = (await deps.evidence.getEvidence(feedback.alertId))?.alert.roomId ?? "";
      if (roomId !== "") return { ...feedback, roomId };
      log.warn("review of an alert neither the feed nor the archive knows; recorded without its room", { alertId: feedback.alertId });
    } catch (err) {
      log.warn("archive unavailable for a review's room; recorded without it", { alertId: feedback.alertId, err: describeError(err) });
    }
    return feedback;
  };
  return {
    tail(call: ServerWritableStream<TailRequest, TailResponse>) {
      const principal = authenticate(call.metadata, deps.tokens);
      if (!isPrincipal(principal)) {
        call.emit("error", principal);
        return;
      }
      let release = (): void => undefined;
      try {
        validateTail(call.request);
        const positions = decodeCursor(call.request.cursor);
        release = deps.tailQuota.acquire(principal.id);
        const sub = deps.feed.subscribe(
          alertFilter({ rooms: call.request.rooms, categories: call.request.categories, minSeverity: call.request.minSeverity }),
          positions,
        );
        log.info("tail started", { subscription: sub.id, inspector: principal.id, resumed: positions !== undefined });
        runTailSession(call, sub, log.child("tail"), release);
      } catch (err) {
        release();
        if (err instanceof TailLimitError) log.warn("tail refused", { inspector: principal.id, err });
        call.emit("error", toStatus(err));
      }
    },

    review(call, callback) {
      const principal = authenticate(call.metadata, deps.tokens);
      if (!isPrincipal(principal)) return callback(principal);
      if (!mayReview(principal)) {
        return callback(statusError(GrpcStatus.PERMISSION_DENIED, "reviews need the inspector or admin role"));
      }
      const req = call.request;
      let feedback: Feedback;
      try {
        const alertId = validAlertId(req.alertId);
        if (req.verdict === Verdict.VERDICT_UNSPECIFIED || !(req.verdict in Verdict) || req.verdict < 0) {
          throw new InvalidRequestError("verdict", "must be CONFIRMED, FALSE_POSITIVE or NEEDS_MORE_EVIDENCE");
        }
        if (req.note.length > deps.maxNoteChars) {
          throw new InvalidRequestError("note", `is longer than ${deps.maxNoteChars} characters`);
        }
        feedback = Feedback.fromPartial({
          alertId,
          roomId: deps.feed.findAlert(alertId)?.roomId ?? "",
          verdict: req.verdict,
          note: req.note,
          inspectorId: principal.id,
          reviewedAtMs: nowMs(),
        });
      } catch (err) {
        return callback(toStatus(err));
      }
      withArchivedRoom(feedback)
        .then((f) => {
          feedback = f;
          return deps.feedback.write(f);
        })
        .then(
        () => {
          log.info("review recorded", { alertId: feedback.alertId, verdict: feedback.verdict, inspector: principal.id });
          callback(null, ReviewResponse.fromPartial({ feedback }));
        },
        (err: unknown) => {
          log.error("review could not be written", { err, alertId: feedback.alertId });
          callback(statusError(GrpcStatus.UNAVAILABLE, "could not record the review; try again"));
        },
      );
    },

    getEvidence(call, callback) {
      const principal = authenticate(call.metadata, deps.tokens);
      if (!isPrincipal(principal)) return callback(principal);
      let alertId: string;
      try {
        alertId = validAlertId(call.request.alertId);
      } catch (err) {
        return callback(toStatus(err));
      }
      deps.evidence.getEvidence(alertId).then(
        (evidence) => {
          if (evidence === undefined) return callback(statusError(GrpcStatus.NOT_FOUND, `alert ${alertId} is not archived`));
          callback(null, GetEvidenceResponse.fromPartial(evidence));
        },
        (err: unknown) => {
          log.warn("evidence lookup failed", { err, alertId });
          callback(toStatus(err));
        },
      );
    },
  };
}
