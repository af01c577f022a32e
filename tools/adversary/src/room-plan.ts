import { RoomEventKind } from "@redline/proto";
import { randomUserId } from "./identity";
import { ROOM_RANGES } from "./ranges";
import type { Rng } from "./rng";
import type { RoomLog } from "./room-log";
import { ROOM_TITLES } from "./texts";

export interface Sku {
  skuId: string;
  priceCents: number;
}

export interface RoomPlan {
  roomId: string;
  startMs: number;
  endMs: number;
  category: string;
  skus: Sku[];
  /** Distinct organic viewers over the whole stream. */
  viewerCount: number;
  streamerUserId: string;
  followerCount: number;
  title: string;
}

const PRICE_CENTS: Readonly<Record<string, readonly [number, number]>> = {
  beauty: [3900, 39900],
  food: [990, 9900],
  electronics: [9900, 299900],
  fashion: [4900, 59900],
  home: [1990, 19900],
};

export function planRoom(rng: Rng, roomId: string, windowStartMs: number): RoomPlan {
  const category = rng.pick(Object.keys(PRICE_CENTS));
  const [minPrice, maxPrice] = PRICE_CENTS[category] as readonly [number, number];
  const startMs = Math.round(windowStartMs + rng.between(...ROOM_RANGES.startSpreadMin) * 60_000);
  const durationMs = Math.round(rng.between(...ROOM_RANGES.durationMin) * 60_000);
  const skus = Array.from({ length: rng.int(3, 12) }, () => ({
    skuId: `sku-${rng.hex(10)}`,
    priceCents: Math.round(rng.logUniform(minPrice, maxPrice) / 10) * 10,
  }));
  return {
    roomId,
    startMs,
    endMs: startMs + durationMs,
    category,
    skus,
    viewerCount: Math.round(rng.logUniform(...ROOM_RANGES.viewers)),
    streamerUserId: randomUserId(rng),
    followerCount: Math.round(rng.logUniform(1_000, 5_000_000)),
    title: rng.pick(ROOM_TITLES[category] ?? ["live"]),
  };
}

/** STARTED and ENDED: an adult, real-name-verified streamer. */
export function emitRoomLifecycle(rng: Rng, plan: RoomPlan, log: RoomLog): void {
  const streamer = {
    userId: plan.streamerUserId,
    age: rng.int(20, 45),
    realNameVerified: true,
    virtualAvatar: false,
  };
  const room = (kind: RoomEventKind) => ({
    $case: "room" as const,
    value: { kind, streamer, followerCount: plan.followerCount, category: plan.category, title: plan.title },
  });
  log.add(plan.startMs, room(RoomEventKind.ROOM_EVENT_KIND_STARTED));
  log.add(plan.endMs, room(RoomEventKind.ROOM_EVENT_KIND_ENDED));
}
