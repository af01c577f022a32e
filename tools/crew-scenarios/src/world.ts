import { RoomEventKind } from "@redline/proto";
import { Calendar, IdentityFactory } from "./identity";
import { Rng } from "./rng";
import { RoomLog } from "./room-log";
import { ROOM_TITLES } from "./texts";
import type { CrewScenarioOptions, RoomRole } from "./types";

export interface Sku {
  skuId: string;
  priceCents: number;
}

export interface Room {
  /** given once every room is planned, in a seeded order, so an id says nothing about the room's role */
  roomId: string;
  role: RoomRole;
  startMs: number;
  endMs: number;
  category: string;
  skus: Sku[];
  /** distinct organic viewers over the stream, besides any group's accounts */
  organicViewers: number;
  streamerUserId: string;
  followerCount: number;
  title: string;
  log: RoomLog;
}

export interface RoomShape {
  role: RoomRole;
  startMs: number;
  durationMs: number;
  organicViewers: number;
  category?: string;
  streamerUserId?: string;
}

const PRICE_CENTS: Readonly<Record<string, readonly [number, number]>> = {
  beauty: [3900, 39900],
  food: [990, 9900],
  electronics: [9900, 299900],
  fashion: [4900, 59900],
  home: [1990, 19900],
};
export const CATEGORIES: readonly string[] = Object.keys(PRICE_CENTS);

/** Rooms start up to 180 minutes into the window and last 30–90 minutes. */
export const ROOM_START_SPREAD_MS = 180 * 60_000;
export const ROOM_DURATION_MS: readonly [number, number] = [30 * 60_000, 90 * 60_000];
/** Distinct organic viewers of an ordinary room (log-uniform). */
export const ORDINARY_VIEWERS: readonly [number, number] = [35, 320];

/** Everything the scenario's parts share: the rooms, who is busy when, and the id factory. */
export class World {
  readonly rooms: Room[] = [];
  readonly calendar = new Calendar();
  /** crews already working each room, by room id */
  readonly crewsIn = new Map<string, number>();
  readonly ids: IdentityFactory;

  constructor(
    readonly options: CrewScenarioOptions,
    rng: Rng,
  ) {
    this.ids = new IdentityFactory(rng.fork());
  }

  get windowStartMs(): number {
    return this.options.startMs;
  }

  /** Plans a room; its id and events come in `assignRoomIds`. */
  planRoom(rng: Rng, shape: RoomShape): Room {
    const category = shape.category ?? rng.pick(CATEGORIES);
    const [minPrice, maxPrice] = PRICE_CENTS[category] as readonly [number, number];
    const startMs = Math.round(shape.startMs);
    const room: Room = {
      roomId: "",
      role: shape.role,
      startMs,
      endMs: startMs + Math.round(shape.durationMs),
      category,
      skus: Array.from({ length: rng.int(3, 12) }, () => ({
        skuId: `sku-${rng.hex(10)}`,
        priceCents: Math.round(rng.logUniform(minPrice, maxPrice) / 10) * 10,
      })),
      organicViewers: Math.round(shape.organicViewers),
      streamerUserId: shape.streamerUserId ?? this.ids.userId(),
      followerCount: Math.round(rng.logUniform(1_000, 5_000_000)),
      title: rng.pick(ROOM_TITLES[category] ?? ["live"]),
      log: new RoomLog(0, 0, rng),
    };
    this.rooms.push(room);
    return room;
  }

  /** An ordinary room anywhere in the window. */
  planOrdinaryRoom(rng: Rng, role: RoomRole): Room {
    return this.planRoom(rng, {
      role,
      startMs: this.windowStartMs + rng.between(0, ROOM_START_SPREAD_MS),
      durationMs: rng.between(...ROOM_DURATION_MS),
      organicViewers: rng.logUniform(...ORDINARY_VIEWERS),
    });
  }

  /** Ids in a seeded order, then each room's log opened with STARTED and ENDED. */
  assignRoomIds(rng: Rng): void {
    const order = rng.shuffle(this.rooms.map((_, i) => i));
    order.forEach((roomIndex, n) => {
      const room = this.rooms[roomIndex] as Room;
      room.roomId = `crw-${this.options.seed}-${n.toString().padStart(4, "0")}`;
      room.log = new RoomLog(room.startMs, room.endMs, rng.fork());
      emitRoomLifecycle(rng, room);
    });
  }

  /** Rooms open over all of [fromMs, toMs]. */
  roomsOpenDuring(fromMs: number, toMs: number, filter: (r: Room) => boolean = () => true): Room[] {
    return this.rooms.filter((r) => r.startMs < fromMs && r.endMs > toMs && filter(r));
  }
}

/** STARTED and ENDED: an adult, real-name-verified streamer. */
function emitRoomLifecycle(rng: Rng, room: Room): void {
  const streamer = { userId: room.streamerUserId, age: rng.int(20, 45), realNameVerified: true, virtualAvatar: false };
  const body = (kind: RoomEventKind) => ({
    $case: "room" as const,
    value: { kind, streamer, followerCount: room.followerCount, category: room.category, title: room.title },
  });
  room.log.add(room.startMs, body(RoomEventKind.ROOM_EVENT_KIND_STARTED));
  room.log.add(room.endMs, body(RoomEventKind.ROOM_EVENT_KIND_ENDED));
}
