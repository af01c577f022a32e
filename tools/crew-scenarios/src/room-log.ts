import {
  RoomEventKind,
  ViewKind,
  type Actor,
  type LiveEvent,
  type TransactionEvent,
} from "@redline/proto";
import type { Rng } from "./rng";

export type EventBody = NonNullable<LiveEvent["body"]>;

export interface PendingEvent {
  eventTimeMs: number;
  body: EventBody;
}

/**
 * One room's events while they are being drawn. Activity outside the open
 * stream (after STARTED, before ENDED) is dropped, as a platform would not
 * record it in the room. Event ids are given only at `finish`, in time order,
 * so an id never tells which part of the generator made an event.
 */
export class RoomLog {
  private readonly pending: PendingEvent[] = [];

  constructor(
    readonly startMs: number,
    readonly endMs: number,
    private readonly idRng: Rng,
  ) {}

  get events(): readonly PendingEvent[] {
    return this.pending;
  }

  isOpen(atMs: number): boolean {
    const t = Math.round(atMs);
    return t > this.startMs && t < this.endMs;
  }

  /** Adds an event; returns false when its time is outside the open stream. */
  add(eventTimeMs: number, body: EventBody): boolean {
    const t = Math.round(eventTimeMs);
    if (body.$case !== "room" && !this.isOpen(t)) return false;
    this.pending.push({ eventTimeMs: t, body });
    return true;
  }

  join(actor: Actor, atMs: number): boolean {
    return this.add(atMs, { $case: "view", value: { user: actor, kind: ViewKind.VIEW_KIND_JOIN } });
  }

  leave(actor: Actor, atMs: number): boolean {
    return this.add(Math.min(atMs, this.endMs - 1), { $case: "view", value: { user: actor, kind: ViewKind.VIEW_KIND_LEAVE } });
  }

  like(actor: Actor, count: number, atMs: number): boolean {
    return this.add(atMs, { $case: "like", value: { user: actor, count: Math.max(1, Math.round(count)) } });
  }

  follow(actor: Actor, atMs: number): boolean {
    return this.add(atMs, { $case: "follow", value: { user: actor } });
  }

  comment(actor: Actor, text: string, atMs: number): boolean {
    return this.add(atMs, { $case: "comment", value: { commentId: this.newCommentId(), author: actor, text } });
  }

  newCommentId(): string {
    return `c-${this.idRng.hex(14)}`;
  }

  transaction(atMs: number, value: TransactionEvent): boolean {
    return this.add(atMs, { $case: "transaction", value });
  }

  newOrderId(): string {
    return `o-${this.idRng.hex(16)}`;
  }

  /** The room's events in time order, with ids `<roomId>-<seq>` that sort the same way. */
  finish(roomId: string, platform: string): LiveEvent[] {
    // STARTED sorts before, ENDED after anything at the same millisecond.
    const rank = (b: EventBody): number =>
      b.$case !== "room" ? 1 : b.value.kind === RoomEventKind.ROOM_EVENT_KIND_STARTED ? 0 : 2;
    const ordered = this.pending
      .map((e) => ({ e, tie: this.idRng.uint32() }))
      .sort((x, y) => x.e.eventTimeMs - y.e.eventTimeMs || rank(x.e.body) - rank(y.e.body) || x.tie - y.tie);
    return ordered.map(({ e }, seq) => ({
      eventId: `${roomId}-${seq.toString().padStart(7, "0")}`,
      roomId,
      eventTimeMs: e.eventTimeMs,
      platform,
      body: e.body,
    }));
  }
}

/** The account behind an event, if any. */
export function actorOfBody(b: EventBody): Actor | undefined {
  switch (b.$case) {
    case "comment":
    case "barrage":
      return b.value.author;
    case "transaction":
      return b.value.buyer;
    case "like":
    case "follow":
    case "view":
      return b.value.user;
    default:
      return undefined;
  }
}
