import {
  RoomEventKind,
  TransactionKind,
  ViewKind,
  type Actor,
  type LiveEvent,
  type TransactionEvent,
} from "@redline/proto";
import type { Rng } from "./rng";

export type EventBody = NonNullable<LiveEvent["body"]>;

interface PendingEvent {
  eventTimeMs: number;
  body: EventBody;
}

export interface TimeSpan {
  firstMs: number;
  lastMs: number;
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

  get size(): number {
    return this.pending.length;
  }

  /** Adds an event; returns false when its time is outside the open stream. */
  add(eventTimeMs: number, body: EventBody): boolean {
    const t = Math.round(eventTimeMs);
    const isRoom = body.$case === "room";
    if (!isRoom && (t <= this.startMs || t >= this.endMs)) return false;
    this.pending.push({ eventTimeMs: t, body });
    return true;
  }

  view(actor: Actor, kind: ViewKind, atMs: number): boolean {
    return this.add(atMs, { $case: "view", value: { user: actor, kind } });
  }

  join(actor: Actor, atMs: number): boolean {
    return this.view(actor, ViewKind.VIEW_KIND_JOIN, atMs);
  }

  leave(actor: Actor, atMs: number): boolean {
    return this.view(actor, ViewKind.VIEW_KIND_LEAVE, Math.min(atMs, this.endMs - 1));
  }

  like(actor: Actor, count: number, atMs: number): boolean {
    return this.add(atMs, { $case: "like", value: { user: actor, count: Math.max(1, Math.round(count)) } });
  }

  follow(actor: Actor, atMs: number): boolean {
    return this.add(atMs, { $case: "follow", value: { user: actor } });
  }

  comment(actor: Actor, text: string, atMs: number): boolean {
    return this.add(atMs, { $case: "comment", value: { commentId: `c-${this.idRng.hex(14)}`, author: actor, text } });
  }

  transaction(atMs: number, value: TransactionEvent): boolean {
    return this.add(atMs, { $case: "transaction", value });
  }

  newOrderId(): string {
    return `o-${this.idRng.hex(16)}`;
  }

  /** Sum of `measure` over the events in [fromMs, toMs). */
  sum(fromMs: number, toMs: number, measure: (body: EventBody) => number): number {
    let total = 0;
    for (const e of this.pending) if (e.eventTimeMs >= fromMs && e.eventTimeMs < toMs) total += measure(e.body);
    return total;
  }

  /** Sum of `measure` over the events added since `fromIndex` (a previous `size`). */
  sumSince(fromIndex: number, measure: (body: EventBody) => number): number {
    let total = 0;
    for (let i = fromIndex; i < this.pending.length; i++) total += measure((this.pending[i] as PendingEvent).body);
    return total;
  }

  /** Time span of the events added since `fromIndex` (a previous `size`), or null when none were. */
  spanSince(fromIndex: number): TimeSpan | null {
    let firstMs = Infinity;
    let lastMs = -Infinity;
    for (let i = fromIndex; i < this.pending.length; i++) {
      const t = (this.pending[i] as PendingEvent).eventTimeMs;
      if (t < firstMs) firstMs = t;
      if (t > lastMs) lastMs = t;
    }
    return firstMs === Infinity ? null : { firstMs, lastMs };
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

export const countJoins = (b: EventBody): number => (b.$case === "view" && b.value.kind === ViewKind.VIEW_KIND_JOIN ? 1 : 0);
export const countTaps = (b: EventBody): number => (b.$case === "like" ? b.value.count : 0);
export const countFollows = (b: EventBody): number => (b.$case === "follow" ? 1 : 0);
export const countOrders = (b: EventBody): number =>
  b.$case === "transaction" && b.value.kind === TransactionKind.TRANSACTION_KIND_ORDER ? 1 : 0;
