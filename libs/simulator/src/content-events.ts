/**
 * The events the content scenarios need beyond RoomEvents: texts whose ids
 * the scenario keeps (to moderate them later), barrage, moderation, tips
 * and a room start that states the streamer's age and consent. Ids are
 * room-scoped like RoomEvents' own, in a separate `x` series; nothing is
 * emitted outside the room's lifetime.
 */
import { ModerationKind, OperatorRole, RoomEventKind, TransactionKind } from "@redline/proto";
import type { Actor, LiveEvent, Streamer } from "@redline/proto";
import type { RoomEvents } from "./room-events";

export class ContentEvents {
  private seq = 0;

  constructor(readonly room: RoomEvents) {}

  private push(timeMs: number, body: LiveEvent["body"]): string | null {
    const t = Math.round(timeMs);
    if (t < this.room.startMs || t > this.room.endMs) return null;
    const eventId = `${this.room.roomId}-x${(this.seq++).toString(36)}`;
    this.room.events.push({ eventId, roomId: this.room.roomId, eventTimeMs: t, platform: this.room.platform, body });
    return eventId;
  }

  /** Posts a comment (or barrage); returns its comment id, or null when outside the room's lifetime. */
  text(t: number, author: Actor, text: string, barrage = false): string | null {
    const id = `${barrage ? "b" : "c"}-${this.room.roomId}-x${this.seq}`;
    const body: LiveEvent["body"] = barrage ? { $case: "barrage", value: { barrageId: id, author, text } } : { $case: "comment", value: { commentId: id, author, text } };
    return this.push(t, body) === null ? null : id;
  }

  moderate(t: number, kind: ModerationKind, target: { commentId?: string; userId?: string }, operatorRole: OperatorRole, operatorId: string): void {
    this.push(t, { $case: "moderation", value: { kind, targetCommentId: target.commentId ?? "", targetUserId: target.userId ?? "", operatorId, operatorRole } });
  }

  tip(t: number, user: Actor, amountCents: number): void {
    this.push(t, {
      $case: "transaction",
      value: { orderId: `tip-${this.room.roomId}-${this.seq}`, buyer: user, kind: TransactionKind.TRANSACTION_KIND_TIP, skuId: "", amountCents, currency: "CNY", paymentAccountId: `pay-${user.userId}`, shippingAddressHash: "" },
    });
  }

  started(t: number, streamer: Streamer, followerCount: number, category: string): void {
    this.push(t, { $case: "room", value: { kind: RoomEventKind.ROOM_EVENT_KIND_STARTED, streamer, followerCount, category, title: "live" } });
  }
}
