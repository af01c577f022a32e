import { TransactionKind, ViewKind } from "@redline/proto";
import { actorOfBody, type EventBody } from "./room-log";
import type { ShareMeasure } from "./types";

/** A room's activity in the units of ROOM_SHARE_CAPS. */
export type RoomMeasures = Record<ShareMeasure, number>;

export function emptyMeasures(): RoomMeasures {
  return { accounts: 0, joins: 0, taps: 0, follows: 0, orders: 0, comments: 0 };
}

/** Adds one event to `m`, without the accounts count (which needs the distinct set). */
export function addToMeasures(m: RoomMeasures, b: EventBody): void {
  if (b.$case === "view" && b.value.kind === ViewKind.VIEW_KIND_JOIN) m.joins += 1;
  else if (b.$case === "like") m.taps += b.value.count;
  else if (b.$case === "follow") m.follows += 1;
  else if (b.$case === "comment") m.comments += 1;
  else if (b.$case === "transaction" && b.value.kind === TransactionKind.TRANSACTION_KIND_ORDER) m.orders += 1;
}

/** Measures of the events whose account passes `include`. */
export function measureEvents(bodies: Iterable<EventBody>, include: (userId: string) => boolean = () => true): RoomMeasures {
  const m = emptyMeasures();
  const accounts = new Set<string>();
  for (const b of bodies) {
    const userId = actorOfBody(b)?.userId;
    if (userId === undefined || !include(userId)) continue;
    accounts.add(userId);
    addToMeasures(m, b);
  }
  m.accounts = accounts.size;
  return m;
}
