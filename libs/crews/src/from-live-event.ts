/**
 * Turns the input contract's LiveEvents into account-activity records, the
 * way the room engine would when it publishes them: it knows each room's
 * streamer and start from the room's STARTED event. Used by the offline eval
 * and by tests; the service gets the same records from the engine's output.
 */
import { setMostRecent } from "@redline/common";
import type { Actor, LiveEvent } from "@redline/proto";
import { RoomEventKind, TransactionKind, ViewKind } from "@redline/proto";
import type { AccountActivity, ActivityKind } from "./activity";

export interface RoomContext {
  streamerId: string;
  category: string;
  startedMs: number;
}

const TRANSACTION_KINDS: ReadonlyMap<TransactionKind, ActivityKind> = new Map([
  [TransactionKind.TRANSACTION_KIND_ORDER, "order"],
  [TransactionKind.TRANSACTION_KIND_PAYMENT, "payment"],
  [TransactionKind.TRANSACTION_KIND_REFUND, "refund"],
  [TransactionKind.TRANSACTION_KIND_TIP, "tip"],
]);

/** Room streamer and start, learnt from STARTED events; bounded to `maxRooms` (oldest dropped). */
export class RoomContextTracker {
  private readonly rooms = new Map<string, RoomContext>();

  constructor(private readonly maxRooms = 100_000) {}

  /** The activity record for `event`, or undefined when it is not an account's interaction (room, transcript, moderation). */
  toActivity(event: LiveEvent): AccountActivity | undefined {
    const body = event.body;
    if (body === undefined) return undefined;
    if (body.$case === "room") {
      if (body.value.kind === RoomEventKind.ROOM_EVENT_KIND_STARTED) this.remember(event.roomId, { streamerId: body.value.streamer?.userId ?? "", category: body.value.category, startedMs: event.eventTimeMs });
      return undefined;
    }
    const extracted = actorAndKind(body);
    if (extracted === undefined || extracted.actor.userId === "") return undefined;
    const room = this.rooms.get(event.roomId);
    const { actor, kind, paymentKey, addressKey } = extracted;
    return {
      eventId: event.eventId,
      eventTimeMs: event.eventTimeMs,
      accountId: actor.userId,
      deviceId: actor.deviceId,
      ipPrefix: actor.ipPrefix,
      roomId: event.roomId,
      streamerId: room?.streamerId ?? "",
      roomCategory: room?.category ?? "",
      roomStartedMs: room?.startedMs ?? 0,
      kind,
      paymentKey,
      addressKey,
      accountCreatedMs: actor.accountCreatedMs,
    };
  }

  /** The rooms known, least recently started first (the eviction order), for a snapshot. */
  toSnapshot(): Array<[string, RoomContext]> {
    return [...this.rooms];
  }

  static fromSnapshot(rooms: ReadonlyArray<[string, RoomContext]>, maxRooms?: number): RoomContextTracker {
    const tracker = new RoomContextTracker(maxRooms);
    for (const [roomId, context] of rooms) tracker.rooms.set(roomId, context);
    return tracker;
  }

  private remember(roomId: string, context: RoomContext): void {
    setMostRecent(this.rooms, roomId, context, this.maxRooms);
  }
}

interface Extracted {
  actor: Actor;
  kind: ActivityKind;
  paymentKey: string;
  addressKey: string;
}

function actorAndKind(body: NonNullable<LiveEvent["body"]>): Extracted | undefined {
  const plain = (actor: Actor | undefined, kind: ActivityKind): Extracted | undefined =>
    actor === undefined ? undefined : { actor, kind, paymentKey: "", addressKey: "" };
  switch (body.$case) {
    case "view":
      if (body.value.kind === ViewKind.VIEW_KIND_JOIN) return plain(body.value.user, "join");
      if (body.value.kind === ViewKind.VIEW_KIND_LEAVE) return plain(body.value.user, "leave");
      return undefined;
    case "like":
      return plain(body.value.user, "like");
    case "follow":
      return plain(body.value.user, "follow");
    case "comment":
    case "barrage":
      return plain(body.value.author, "comment");
    case "transaction": {
      const kind = TRANSACTION_KINDS.get(body.value.kind);
      if (kind === undefined || body.value.buyer === undefined) return undefined;
      return { actor: body.value.buyer, kind, paymentKey: body.value.paymentAccountId, addressKey: body.value.shippingAddressHash };
    }
    default:
      return undefined;
  }
}
