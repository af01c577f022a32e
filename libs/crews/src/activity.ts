/**
 * The compact account-activity record the room engine publishes, keyed by
 * account (issue #21): one per interaction of an account in a room, carrying
 * only what cross-room linkage needs. Room context (streamer, start) comes
 * from the engine's room state, so the consumer never joins rooms itself.
 */
import { InvalidActivityError } from "./errors";

export const ACTIVITY_KINDS = ["join", "leave", "like", "follow", "comment", "order", "payment", "refund", "tip"] as const;
export type ActivityKind = (typeof ACTIVITY_KINDS)[number];

export interface AccountActivity {
  /** The LiveEvent's id: the tie-breaker of the (eventTimeMs, eventId) order. */
  eventId: string;
  eventTimeMs: number;
  accountId: string;
  /** Empty when the platform did not send one. */
  deviceId: string;
  /** "203.0.113.0/24"; empty when unknown. */
  ipPrefix: string;
  roomId: string;
  /** The room's streamer; empty when the room's start was not seen. Sessions of one streamer are one audience. */
  streamerId: string;
  /** The room's product category; empty when unknown. One shop's or one category's rooms share an audience. */
  roomCategory: string;
  /** When the room started (event time); 0 when unknown. */
  roomStartedMs: number;
  kind: ActivityKind;
  /** Payment account of an order, payment, refund or tip; empty otherwise. */
  paymentKey: string;
  /** Shipping-address hash of an order; empty otherwise. */
  addressKey: string;
  /** 0 when unknown. */
  accountCreatedMs: number;
}

const KIND_SET: ReadonlySet<string> = new Set(ACTIVITY_KINDS);

/** Throws `InvalidActivityError` naming the first field the detector cannot work without. */
export function validateActivity(record: AccountActivity): void {
  const id = typeof record.eventId === "string" ? record.eventId : "";
  if (id === "") throw new InvalidActivityError("eventId", "is empty", id);
  if (typeof record.accountId !== "string" || record.accountId === "") throw new InvalidActivityError("accountId", "is empty", id);
  if (typeof record.roomId !== "string" || record.roomId === "") throw new InvalidActivityError("roomId", "is empty", id);
  if (!Number.isSafeInteger(record.eventTimeMs) || record.eventTimeMs <= 0) {
    throw new InvalidActivityError("eventTimeMs", `must be a positive integer, got ${String(record.eventTimeMs)}`, id);
  }
  if (!KIND_SET.has(record.kind)) throw new InvalidActivityError("kind", `must be one of ${ACTIVITY_KINDS.join(", ")}, got ${String(record.kind)}`, id);
  for (const field of ["deviceId", "ipPrefix", "streamerId", "roomCategory", "paymentKey", "addressKey"] as const) {
    if (typeof record[field] !== "string") throw new InvalidActivityError(field, "must be a string (empty when unknown)", id);
  }
  if (!Number.isFinite(record.roomStartedMs) || !Number.isFinite(record.accountCreatedMs)) {
    throw new InvalidActivityError("roomStartedMs/accountCreatedMs", "must be numbers (0 when unknown)", id);
  }
}
