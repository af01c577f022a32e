/**
 * Learns room facts from input events: the platform (tenant) a room belongs
 * to, its episode, its follower count and its net sales over a window, and
 * decides when the room becomes a key room (once per episode). Sees events
 * as the engine applies them (event-time order; only events beyond the
 * lateness bound come out of order, and are placed in their bucket anyway);
 * buckets of 1/60 of the window bound the memory.
 */
import { RoomEventKind, TransactionKind } from "@redline/proto";
import type { LiveEvent } from "@redline/proto";
import type { KeyRoomPolicy } from "./policy-types";
import { DEFAULT_ROOM_IDLE_MS } from "./policy-state";
import type { PolicyState, RoomFacts } from "./policy-state";

export interface KeyRoomQualification {
  roomId: string;
  facts: RoomFacts;
  timeMs: number;
  eventId: string;
  byFollowers: boolean;
  bySales: boolean;
  salesCents: number;
}

const BUCKETS_PER_WINDOW = 60;

export function roomIdleMs(keyRooms: KeyRoomPolicy | null): number {
  return keyRooms?.episodeIdleMs ?? DEFAULT_ROOM_IDLE_MS;
}

/** How long after its last event a room's facts can still matter (episode idle, plus the sales window). */
export function roomForgetAfterMs(keyRooms: KeyRoomPolicy | null): number {
  return roomIdleMs(keyRooms) + (keyRooms?.salesWindowMs ?? 0);
}

function newEpisode(platform: string, timeMs: number): RoomFacts {
  return { platform, episodeStartMs: timeMs, lastEventMs: timeMs, ended: false, followerCount: 0, keySinceMs: -1, sales: [] };
}

function salesDeltaCents(event: LiveEvent): number {
  if (event.body?.$case !== "transaction") return 0;
  const tx = event.body.value;
  if (tx.kind === TransactionKind.TRANSACTION_KIND_ORDER || tx.kind === TransactionKind.TRANSACTION_KIND_PAYMENT) return tx.amountCents;
  if (tx.kind === TransactionKind.TRANSACTION_KIND_REFUND) return -tx.amountCents;
  return 0;
}

function addSale(facts: RoomFacts, timeMs: number, cents: number, windowMs: number): number {
  const bucketMs = Math.max(1, Math.floor(windowMs / BUCKETS_PER_WINDOW));
  const bucketStartMs = Math.floor(timeMs / bucketMs) * bucketMs;
  let i = facts.sales.length;
  while (i > 0 && facts.sales[i - 1]![0] > bucketStartMs) i--;
  if (i > 0 && facts.sales[i - 1]![0] === bucketStartMs) facts.sales[i - 1]![1] += cents;
  else facts.sales.splice(i, 0, [bucketStartMs, cents]);
  const newestMs = facts.sales[facts.sales.length - 1]![0];
  // The window is the last BUCKETS_PER_WINDOW buckets up to the newest one with a sale.
  while (facts.sales.length > 0 && facts.sales[0]![0] <= newestMs - windowMs) facts.sales.shift();
  return facts.sales.reduce((sum, [, c]) => sum + c, 0);
}

function windowSalesCents(facts: RoomFacts): number {
  return facts.sales.reduce((sum, [, c]) => sum + c, 0);
}

/** Records the event's facts; returns a qualification when the room has just become key. */
export function observeRoom(state: PolicyState, event: LiveEvent, keyRooms: KeyRoomPolicy | null): KeyRoomQualification | null {
  if (event.roomId === "") return null;
  const t = event.eventTimeMs;
  const roomEvent = event.body?.$case === "room" ? event.body.value : undefined;
  let facts = state.rooms.get(event.roomId);
  const restarted = facts !== undefined && roomEvent?.kind === RoomEventKind.ROOM_EVENT_KIND_STARTED && facts.ended;
  if (facts === undefined || restarted || t > facts.lastEventMs + roomIdleMs(keyRooms)) facts = newEpisode(event.platform || facts?.platform || "", t);
  if (event.platform !== "") facts.platform = event.platform;
  if (t > facts.lastEventMs) facts.lastEventMs = t;
  if (roomEvent !== undefined) {
    if (roomEvent.kind === RoomEventKind.ROOM_EVENT_KIND_ENDED) facts.ended = true;
    else if (roomEvent.followerCount > 0) facts.followerCount = roomEvent.followerCount;
  }
  state.touchRoom(event.roomId, facts);
  if (keyRooms === null) return null;
  const delta = salesDeltaCents(event);
  // Only a sale can move the sales total, so only a sale pays for summing the window.
  const salesCents = delta !== 0 ? addSale(facts, t, delta, keyRooms.salesWindowMs) : -1;
  if (facts.keySinceMs >= 0) return null;
  const byFollowers = facts.followerCount >= keyRooms.minFollowers;
  const bySales = salesCents >= keyRooms.minSalesCents;
  if (!byFollowers && !bySales) return null;
  facts.keySinceMs = t;
  return { roomId: event.roomId, facts, timeMs: t, eventId: event.eventId, byFollowers, bySales, salesCents: bySales ? salesCents : windowSalesCents(facts) };
}
