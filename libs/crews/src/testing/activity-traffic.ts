/**
 * Account-activity records for this package's tests: rooms, visits and actions by named accounts, each on
 * its own device, an aged account, with a /24 that changes per record unless one is given.
 */
import type { AccountActivity, ActivityKind } from "../activity";

export const T0 = 1_757_674_800_000;
export const MIN = 60_000;

export interface RoomSpec {
  roomId: string;
  streamerId: string;
  category: string;
  startedMs: number;
}

/** Builds activity records; `sorted()` returns them in (eventTimeMs, eventId) order, as the engine applies them. */
export class ActivityTraffic {
  private readonly records: AccountActivity[] = [];
  private seq = 0;

  act(room: RoomSpec, accountId: string, atMs: number, kind: ActivityKind, extra: Partial<AccountActivity> = {}): void {
    this.records.push({
      eventId: `${room.roomId}-${String(this.seq++).padStart(6, "0")}`,
      eventTimeMs: atMs,
      accountId,
      deviceId: `dev-${accountId}`,
      ipPrefix: `10.${this.seq % 250}.0.0/24`,
      roomId: room.roomId,
      streamerId: room.streamerId,
      roomCategory: room.category,
      roomStartedMs: room.startedMs,
      kind,
      paymentKey: "",
      addressKey: "",
      accountCreatedMs: T0 - 400 * 86_400_000,
      ...extra,
    });
  }

  /** A visit: join, a like a minute in, leave after `stayMs`. */
  visit(room: RoomSpec, accountId: string, arriveMs: number, stayMs: number, extra: Partial<AccountActivity> = {}): void {
    this.act(room, accountId, arriveMs, "join", extra);
    this.act(room, accountId, arriveMs + MIN, "like", extra);
    this.act(room, accountId, arriveMs + stayMs, "leave", extra);
  }

  sorted(): AccountActivity[] {
    return [...this.records].sort((a, b) => a.eventTimeMs - b.eventTimeMs || (a.eventId < b.eventId ? -1 : 1));
  }
}
