/**
 * The randomised mix (`simulate({ seed, randomized: true })`, issue #12):
 * per block, 10 rooms of each data-falsification subcategory with every §3
 * parameter drawn, one room of each hard negative, and organic rooms; each
 * room 30-3,000 organic viewers (log-uniform) and 30-60 min long. Rooms are
 * shuffled and event and account ids hashed, so neither order nor ids
 * hint at a room's or an account's role.
 */
import type { LiveEvent } from "@redline/proto";
import { ordinaryAccounts } from "./accounts";
import { ORGANIC_VIEWERS } from "./attack-ranges";
import { arrivalOrder, SIMULATION_EPOCH_MS } from "./arrival";
import { EPISODES, NEEDS_SHOP } from "./hard-negative-episodes";
import { opaqueAccounts } from "./opaque-accounts";
import { organicTraffic } from "./organic";
import { randomizedAttack, SUBCATEGORIES } from "./randomized-attacks";
import { Rng } from "./rng";
import { RoomEvents } from "./room-events";
import type { HardNegative, RoomSize, RoomTruth, Subcategory, TruthLabel } from "./truth";
import { ORDINARY } from "./viewer";
import type { Behaviour, Shop } from "./viewer";

export interface RandomizedRoomPlan {
  roomId: string;
  organicViewers: number;
  attack: Subcategory | null;
  hardNegative: HardNegative | null;
}

export interface RandomizedOptions {
  seed: number;
  /** Blocks of rooms; each spans `RANDOMIZED_BLOCK_MS` of event time. */
  hours?: number;
  /** Multiplies the rooms per kind (at least one of each). */
  scale?: number;
  jitterMs?: number;
  veryLateShare?: number;
}

/** Rooms start in a block's first 25 min and last up to 60 min. */
export const RANDOMIZED_BLOCK_MS = 90 * 60_000;
export const ATTACKED_ROOMS_PER_SUBCATEGORY = 10;
const ORGANIC_ROOMS = 8;
export const RANDOMIZED_HARD_NEGATIVES = Object.keys(EPISODES) as HardNegative[];

function shuffle<T>(rng: Rng, items: T[]): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = rng.int(0, i);
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}

export function planRandomized(rng: Rng, seed: number, block: number, scale = 1): RandomizedRoomPlan[] {
  const n = (count: number): number => Math.max(1, Math.round(count * scale));
  const kinds: Array<Pick<RandomizedRoomPlan, "attack" | "hardNegative">> = [];
  for (const attack of SUBCATEGORIES) for (let i = 0; i < n(ATTACKED_ROOMS_PER_SUBCATEGORY); i++) kinds.push({ attack, hardNegative: null });
  for (const hardNegative of RANDOMIZED_HARD_NEGATIVES) for (let i = 0; i < n(1); i++) kinds.push({ attack: null, hardNegative });
  for (let i = 0; i < n(ORGANIC_ROOMS); i++) kinds.push({ attack: null, hardNegative: null });
  const [lo, hi] = ORGANIC_VIEWERS;
  return shuffle(rng, kinds).map((k, i) => ({ roomId: `s${seed}-h${block}-r${i}`, organicViewers: Math.round(lo * (hi / lo) ** rng.next()), ...k }));
}

function sizeOf(organicViewers: number): RoomSize {
  return organicViewers < 150 ? "small" : organicViewers < 800 ? "medium" : "large";
}

/** Renumbers event and comment ids in event-time order, so an id says nothing about which generator step emitted it. */
function anonymiseIds(events: readonly LiveEvent[], roomId: string): LiveEvent[] {
  const sorted = [...events].sort((a, b) => a.eventTimeMs - b.eventTimeMs);
  return sorted.map((e, i) => {
    const eventId = `${roomId}-${i.toString(36)}`;
    if (e.body?.$case !== "comment") return { ...e, eventId };
    return { ...e, eventId, body: { $case: "comment", value: { ...e.body.value, commentId: `c-${eventId}` } } };
  });
}

function openShop(rng: Rng, roomId: string): Shop {
  return { skus: Array.from({ length: rng.int(3, 12) }, (_, i) => ({ skuId: `sku-${roomId}-${i}`, amountCents: rng.pick([990, 1990, 2990, 4990, 9990, 19990]) })) };
}

/** One randomised room: organic traffic, then its hard-negative episode or its attack. */
export function generateRandomizedRoom(plan: RandomizedRoomPlan, rng: Rng, blockStartMs: number): { events: LiveEvent[]; truth: RoomTruth } {
  const startMs = Math.round(blockStartMs + rng.uniform(0, 25 * 60_000));
  const lengthMin = rng.uniform(30, 60);
  const endMs = Math.round(startMs + lengthMin * 60_000);
  const room = new RoomEvents(plan.roomId, rng.pick(["tenant-a", "tenant-b"]), startMs, endMs);
  const accounts = opaqueAccounts(ordinaryAccounts(rng, `${plan.roomId}-u`, startMs, rng.uniform(0.02, 0.1)), plan.roomId);
  const behaviour: Behaviour = { ...ORDINARY, swipeShare: rng.uniform(0.25, 0.6), swipeMedianMs: rng.uniform(4_000, 9_000) };
  // The show's audience: 1.5 minutes' worth there at the start, then arrivals all show.
  const perMinute = plan.organicViewers / (lengthMin + 1);
  const commerce = plan.attack === "FAKE_ORDERS" || (plan.hardNegative !== null && NEEDS_SHOP.has(plan.hardNegative)) || rng.chance(0.6);
  const shop = commerce ? openShop(rng, plan.roomId) : null;
  room.roomStarted(startMs, `streamer-${plan.roomId}`, rng.int(10, 500_000), commerce ? "fashion" : "chat");
  const promptEveryMs = plan.organicViewers < 150 ? 0 : rng.uniform(180_000, 480_000);
  const sessions = organicTraffic(room, rng, accounts, { viewersPerMinute: perMinute, familyShare: 0.03, promptEveryMs, behaviour }, shop);
  const params: Record<string, number | string> = { organicViewers: plan.organicViewers, lengthMin: Math.round(lengthMin * 10) / 10 };
  if (plan.hardNegative !== null) {
    const atMs = startMs + rng.uniform(4, 0.6 * lengthMin) * 60_000;
    Object.assign(params, EPISODES[plan.hardNegative]({ room, rng, accounts, shop, sessions, behaviour, atMs }, perMinute), { episodeAtMs: Math.round(atMs) });
  }
  const labels: TruthLabel[] = [];
  if (plan.attack !== null) labels.push(randomizedAttack(plan.attack, { room, rng, accounts, shop }));
  room.roomEnded(endMs);
  const truth: RoomTruth = { roomId: plan.roomId, size: sizeOf(plan.organicViewers), startMs, endMs, labels, hardNegative: plan.hardNegative, params };
  return { events: anonymiseIds(room.events, plan.roomId), truth };
}

function blockRooms(o: RandomizedOptions, block: number, onRoom: (events: LiveEvent[], truth: RoomTruth) => void): Rng {
  const blockRng = new Rng(o.seed).fork(`randomized-${block}`);
  const blockStartMs = SIMULATION_EPOCH_MS + block * RANDOMIZED_BLOCK_MS;
  for (const plan of planRandomized(blockRng.fork("plan"), o.seed, block, o.scale)) {
    const r = generateRandomizedRoom(plan, blockRng.fork(plan.roomId), blockStartMs);
    onRoom(r.events, r.truth);
  }
  return blockRng;
}

/** Block after block of randomised rooms, each in arrival order with its truth. */
export function* simulateRandomized(o: RandomizedOptions): Generator<{ events: LiveEvent[]; truth: RoomTruth[] }> {
  for (let block = 0; block < (o.hours ?? 1); block++) {
    const events: LiveEvent[] = [];
    const truth: RoomTruth[] = [];
    const blockRng = blockRooms(o, block, (roomEvents, t) => {
      for (const e of roomEvents) events.push(e);
      truth.push(t);
    });
    yield { events: arrivalOrder(events, blockRng.fork("arrival"), o.jitterMs ?? 1_500, o.veryLateShare ?? 0.0002), truth };
  }
}

/** Just the truth of a seed's randomised rooms (the events are generated, since shares and verdicts depend on them, then dropped). */
export function randomizedTruth(o: RandomizedOptions): RoomTruth[] {
  const truth: RoomTruth[] = [];
  for (let block = 0; block < (o.hours ?? 1); block++) blockRooms(o, block, (_, t) => truth.push(t));
  return truth;
}
