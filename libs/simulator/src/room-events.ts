/**
 * Collects one room's events as the platform would emit them: each event
 * gets a room-scoped id, and nothing is emitted after the room ends.
 */
import { RoomEventKind, TransactionKind, ViewKind } from "@redline/proto";
import type { Actor, LiveEvent } from "@redline/proto";

export class RoomEvents {
  readonly events: LiveEvent[] = [];
  private seq = 0;

  constructor(readonly roomId: string, readonly platform: string, readonly startMs: number, readonly endMs: number) {}

  private push(timeMs: number, body: LiveEvent["body"]): void {
    const t = Math.round(timeMs);
    if (t < this.startMs || t > this.endMs) return;
    this.events.push({ eventId: `${this.roomId}-${(this.seq++).toString(36)}`, roomId: this.roomId, eventTimeMs: t, platform: this.platform, body });
  }

  join(t: number, user: Actor): void {
    this.push(t, { $case: "view", value: { user, kind: ViewKind.VIEW_KIND_JOIN } });
  }
  leave(t: number, user: Actor): void {
    this.push(t, { $case: "view", value: { user, kind: ViewKind.VIEW_KIND_LEAVE } });
  }
  like(t: number, user: Actor, count: number): void {
    this.push(t, { $case: "like", value: { user, count: Math.max(1, Math.round(count)) } });
  }
  follow(t: number, user: Actor): void {
    this.push(t, { $case: "follow", value: { user } });
  }
  comment(t: number, user: Actor, text: string): void {
    this.push(t, { $case: "comment", value: { commentId: `c-${this.roomId}-${this.seq}`, author: user, text } });
  }
  transaction(t: number, buyer: Actor, kind: TransactionKind, o: { orderId: string; skuId: string; amountCents: number; paymentAccountId: string; shippingAddressHash: string }): void {
    this.push(t, { $case: "transaction", value: { ...o, buyer, kind, currency: "CNY" } });
  }
  roomStarted(t: number, streamerId: string, followerCount: number, category: string): void {
    this.push(t, {
      $case: "room",
      value: { kind: RoomEventKind.ROOM_EVENT_KIND_STARTED, streamer: { userId: streamerId, realNameVerified: true, virtualAvatar: false }, followerCount, category, title: "live" },
    });
  }
  roomEnded(t: number): void {
    this.push(t, { $case: "room", value: { kind: RoomEventKind.ROOM_EVENT_KIND_ENDED, streamer: undefined, followerCount: 0, category: "", title: "" } });
  }
}
