/**
 * Small LiveEvent builders for tests of this package: defaults are an
 * ordinary adult account, a year old, on its own device.
 */
import { LiveEvent, TransactionKind, ViewKind, RoomEventKind, AgeBand } from "@redline/proto";
import type { Actor } from "@redline/proto";

export const T0 = Date.UTC(2026, 10, 1, 12, 0, 0);
const YEAR_MS = 365 * 86_400_000;
let seq = 0;

export interface ActorOptions {
  device?: string;
  createdMs?: number;
  ip?: string;
}

export function actor(userId: string, o: ActorOptions = {}): Actor {
  return {
    userId,
    accountCreatedMs: o.createdMs ?? T0 - YEAR_MS,
    deviceId: o.device ?? `dev-${userId}`,
    ipPrefix: o.ip ?? "198.51.100.0/24",
    ageBand: AgeBand.AGE_BAND_ADULT,
    realNameVerified: true,
  };
}

function envelope(roomId: string, timeMs: number, body: LiveEvent["body"], id?: string): LiveEvent {
  return { eventId: id ?? `e${String(++seq).padStart(8, "0")}`, roomId, eventTimeMs: timeMs, platform: "test", body };
}

export function like(roomId: string, timeMs: number, user: Actor, count = 1): LiveEvent {
  return envelope(roomId, timeMs, { $case: "like", value: { user, count } });
}
export function follow(roomId: string, timeMs: number, user: Actor): LiveEvent {
  return envelope(roomId, timeMs, { $case: "follow", value: { user } });
}
export function join(roomId: string, timeMs: number, user: Actor): LiveEvent {
  return envelope(roomId, timeMs, { $case: "view", value: { user, kind: ViewKind.VIEW_KIND_JOIN } });
}
export function leave(roomId: string, timeMs: number, user: Actor): LiveEvent {
  return envelope(roomId, timeMs, { $case: "view", value: { user, kind: ViewKind.VIEW_KIND_LEAVE } });
}
export function comment(roomId: string, timeMs: number, user: Actor): LiveEvent {
  return envelope(roomId, timeMs, { $case: "comment", value: { commentId: `c${seq}`, author: user, text: "nice" } });
}
export function order(roomId: string, timeMs: number, buyer: Actor, o: { payment?: string; address?: string; amountCents?: number; kind?: TransactionKind; orderId?: string } = {}): LiveEvent {
  return envelope(roomId, timeMs, {
    $case: "transaction",
    value: {
      orderId: o.orderId ?? `o${seq}`,
      buyer,
      kind: o.kind ?? TransactionKind.TRANSACTION_KIND_ORDER,
      skuId: "sku-1",
      amountCents: o.amountCents ?? 1999,
      currency: "USD",
      paymentAccountId: o.payment ?? `pay-${buyer.userId}`,
      shippingAddressHash: o.address ?? `addr-${buyer.userId}`,
    },
  });
}
export function roomEnded(roomId: string, timeMs: number): LiveEvent {
  return envelope(roomId, timeMs, { $case: "room", value: { kind: RoomEventKind.ROOM_EVENT_KIND_ENDED, streamer: undefined, followerCount: 0, category: "", title: "" } });
}

/** Deterministic pseudo-random in [0, 1) for test streams. */
export { mulberry32 as seeded } from "@redline/common";
