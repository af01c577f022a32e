import type { Actor, LiveEvent, TranscriptEvent } from "@redline/proto";
import { InvalidEventError } from "./errors";
import type { ValidationLimits } from "./limits";

export function requireId(value: string, field: string, limits: ValidationLimits): void {
  if (value === "") throw new InvalidEventError("MISSING_FIELD", `${field} is required`, { context: { field } });
  checkIdLength(value, field, limits);
}

export function checkIdLength(value: string, field: string, limits: ValidationLimits): void {
  if (value.length > limits.maxIdChars) {
    throw new InvalidEventError("INVALID_FIELD", `${field} is longer than ${limits.maxIdChars} characters`, {
      context: { field },
    });
  }
}

export function checkInt64(value: number, field: string): void {
  if (!Number.isSafeInteger(value)) {
    throw new InvalidEventError("INVALID_FIELD", `${field} must be an integer, got ${String(value)}`, {
      context: { field },
    });
  }
}

function checkUint32(value: number, field: string): void {
  if (!Number.isInteger(value) || value < 0 || value > 0xffffffff) {
    throw new InvalidEventError("INVALID_FIELD", `${field} must be an unsigned 32-bit integer, got ${String(value)}`, {
      context: { field },
    });
  }
}

export function checkText(text: string, field: string, limits: ValidationLimits): void {
  if (text.length > limits.maxTextChars) {
    throw new InvalidEventError(
      "TEXT_TOO_LONG",
      `${field} has ${text.length} characters, the limit is ${limits.maxTextChars}`,
      { context: { field, length: text.length } },
    );
  }
}

function checkActor(actor: Actor | undefined, field: string, limits: ValidationLimits): void {
  if (actor === undefined) throw new InvalidEventError("MISSING_FIELD", `${field} is required`, { context: { field } });
  requireId(actor.userId, `${field}.userId`, limits);
  checkIdLength(actor.deviceId, `${field}.deviceId`, limits);
  checkIdLength(actor.ipPrefix, `${field}.ipPrefix`, limits);
  checkInt64(actor.accountCreatedMs, `${field}.accountCreatedMs`);
}

function checkTranscript(t: TranscriptEvent, limits: ValidationLimits): void {
  checkIdLength(t.segmentId, "transcript.segmentId", limits);
  checkIdLength(t.speakerId, "transcript.speakerId", limits);
  checkIdLength(t.skuId, "transcript.skuId", limits);
  checkIdLength(t.language, "transcript.language", limits);
  checkText(t.text, "transcript.text", limits);
  checkInt64(t.startMs, "transcript.startMs");
  checkInt64(t.endMs, "transcript.endMs");
  if (t.startMs > t.endMs) {
    throw new InvalidEventError("INVALID_FIELD", "transcript.startMs is after transcript.endMs", {
      context: { startMs: t.startMs, endMs: t.endMs },
    });
  }
}

/**
 * Enforces what the type system cannot: required fields, sane numbers, text
 * bounds and event-time skew against `nowMs` (for Kafka input the record's
 * publication time, see `decodeInputEvent`; the wall clock for `redline produce`).
 * Throws `InvalidEventError`; returns the same event when it is valid.
 */
export function validateLiveEvent(event: LiveEvent, limits: ValidationLimits, nowMs: number): LiveEvent {
  requireId(event.eventId, "eventId", limits);
  requireId(event.roomId, "roomId", limits);
  checkIdLength(event.platform, "platform", limits);
  checkInt64(event.eventTimeMs, "eventTimeMs");
  if (event.eventTimeMs <= 0) throw new InvalidEventError("MISSING_FIELD", "eventTimeMs is required");
  if (limits.maxPastSkewMs !== undefined && event.eventTimeMs < nowMs - limits.maxPastSkewMs) {
    throw new InvalidEventError("EVENT_TIME_SKEW", `eventTimeMs is ${nowMs - event.eventTimeMs} ms in the past`, {
      context: { eventTimeMs: event.eventTimeMs, nowMs },
    });
  }
  if (limits.maxFutureSkewMs !== undefined && event.eventTimeMs > nowMs + limits.maxFutureSkewMs) {
    throw new InvalidEventError("EVENT_TIME_SKEW", `eventTimeMs is ${event.eventTimeMs - nowMs} ms in the future`, {
      context: { eventTimeMs: event.eventTimeMs, nowMs },
    });
  }
  const body = event.body;
  if (body === undefined) throw new InvalidEventError("MISSING_FIELD", "body is required (comment, barrage, …)");
  switch (body.$case) {
    case "comment":
      checkIdLength(body.value.commentId, "comment.commentId", limits);
      checkActor(body.value.author, "comment.author", limits);
      checkText(body.value.text, "comment.text", limits);
      break;
    case "barrage":
      checkIdLength(body.value.barrageId, "barrage.barrageId", limits);
      checkActor(body.value.author, "barrage.author", limits);
      checkText(body.value.text, "barrage.text", limits);
      break;
    case "transaction": {
      const t = body.value;
      checkActor(t.buyer, "transaction.buyer", limits);
      checkInt64(t.amountCents, "transaction.amountCents");
      if (t.amountCents < 0) {
        throw new InvalidEventError("NEGATIVE_AMOUNT", `transaction.amountCents is ${t.amountCents}`, {
          context: { amountCents: t.amountCents },
        });
      }
      for (const [v, f] of [
        [t.orderId, "orderId"],
        [t.skuId, "skuId"],
        [t.paymentAccountId, "paymentAccountId"],
        [t.shippingAddressHash, "shippingAddressHash"],
      ] as const) {
        checkIdLength(v, `transaction.${f}`, limits);
      }
      break;
    }
    case "like":
      checkActor(body.value.user, "like.user", limits);
      checkUint32(body.value.count, "like.count");
      break;
    case "follow":
      checkActor(body.value.user, "follow.user", limits);
      break;
    case "view":
      checkActor(body.value.user, "view.user", limits);
      break;
    case "moderation":
      checkIdLength(body.value.targetCommentId, "moderation.targetCommentId", limits);
      checkIdLength(body.value.targetUserId, "moderation.targetUserId", limits);
      checkIdLength(body.value.operatorId, "moderation.operatorId", limits);
      break;
    case "room":
      checkText(body.value.title, "room.title", limits);
      checkInt64(body.value.followerCount, "room.followerCount");
      if (body.value.streamer) {
        checkIdLength(body.value.streamer.userId, "room.streamer.userId", limits);
        if (body.value.streamer.age !== undefined) checkUint32(body.value.streamer.age, "room.streamer.age");
      }
      break;
    case "transcript":
      checkTranscript(body.value, limits);
      break;
  }
  return event;
}
