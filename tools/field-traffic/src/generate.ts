import type { LiveEvent } from "@redline/proto";
import { fakeFollows } from "./attack-follows";
import { fakeLikes } from "./attack-likes";
import { fakeOrders } from "./attack-orders";
import { fakeViews } from "./attack-views";
import { AttackTruth } from "./attack-common";
import { HARD_NEGATIVE_KINDS, hardNegative } from "./hard-negatives";
import { organicRoom } from "./organic";
import { deriveSeed, Rng } from "./random";
import { RoomBuilder } from "./room";
import { AttackKind } from "./should-catch";

/** The truth of one room, the shape tools/eval scores (its `LabelledRoom`). */
export interface LabelledRoom {
  roomId: string;
  label: string | null;
  hardNegative: string | null;
  attackStartMs: number | null;
  params: Readonly<Record<string, number | string>>;
  shouldCatch: boolean;
}

export interface FieldChunk {
  events: LiveEvent[];
  rooms: LabelledRoom[];
}

export interface FieldOptions {
  /** Attacked rooms per falsification label (default 30). */
  attackedPerLabel?: number;
  /** Hard-negative rooms, spread evenly over every kind (default 120). */
  hardNegatives?: number;
  /** Organic rooms, a third each small, medium and large (default 60). */
  organic?: number;
  /** Rooms generated and returned together; bounds memory (default 10). */
  roomsPerChunk?: number;
  /** Caps every room's organic audience, for quick runs (default 3,000, the threat model's top). */
  maxAudience?: number;
}

export type RoomPlan =
  | { type: "attack"; label: AttackKind }
  | { type: "hard_negative"; kind: string }
  | { type: "organic"; band: "small" | "medium" | "large" };

export const LABELS: readonly AttackKind[] = ["FAKE_VIEWS", "FAKE_LIKES", "FAKE_FOLLOWS", "FAKE_ORDERS"];
const PLATFORMS = ["tenant-a", "tenant-b", "tenant-c"];
const CATEGORIES = ["apparel", "beauty", "food", "electronics", "home", "jewellery", "books", "toys"];
const BASE_MS = Date.UTC(2026, 10, 2, 10, 0, 0);
const MIN = 60_000;
const BANDS = { small: [30, 150], medium: [150, 800], large: [800, 3000] } as const;

/** Which rooms a seed holds, in a seeded order so every chunk mixes labels. */
export function planRooms(seed: number, options: FieldOptions = {}): RoomPlan[] {
  const plan: RoomPlan[] = [];
  for (const label of LABELS) for (let i = 0; i < (options.attackedPerLabel ?? 30); i++) plan.push({ type: "attack", label });
  for (let i = 0; i < (options.hardNegatives ?? 120); i++) plan.push({ type: "hard_negative", kind: HARD_NEGATIVE_KINDS[i % HARD_NEGATIVE_KINDS.length]! });
  const bands = ["small", "medium", "large"] as const;
  for (let i = 0; i < (options.organic ?? 60); i++) plan.push({ type: "organic", band: bands[i % 3]! });
  return new Rng(deriveSeed(seed, "plan")).shuffle(plan);
}

function attack(label: AttackKind, b: RoomBuilder, rng: Rng, skus: Parameters<typeof fakeOrders>[2]): AttackTruth {
  switch (label) {
    case "FAKE_VIEWS":
      return fakeViews(b, rng);
    case "FAKE_LIKES":
      return fakeLikes(b, rng);
    case "FAKE_FOLLOWS":
      return fakeFollows(b, rng);
    case "FAKE_ORDERS":
      return fakeOrders(b, rng, skus);
  }
}

/** One room, from its own seed, so it is the same whatever chunk or order generates it. */
export function generateRoom(seed: number, index: number, plan: RoomPlan, options: FieldOptions = {}): FieldChunk {
  const rng = new Rng(deriveSeed(seed, "room", index));
  const maxAudience = options.maxAudience ?? 3000;
  const [lo, hi] = plan.type === "organic" ? BANDS[plan.band] : [30, 3000];
  const size = Math.max(10, Math.round(Math.min(rng.logUniform(lo, hi), maxAudience)));
  const startMs = BASE_MS + Math.round(rng.uniform(0, 6 * 60) * MIN);
  const durationMin = rng.uniform(40, 120);
  const meta = {
    roomId: `r_${rng.hex(12)}`,
    platform: rng.pick(PLATFORMS),
    startMs,
    endMs: startMs + Math.round(durationMin * MIN),
    category: rng.pick(CATEGORIES),
  };
  const b = new RoomBuilder(meta, rng);
  const audience = organicRoom(b, rng, size);
  const noise = { lostJoin: rng.uniform(0.002, 0.02), lostLeave: rng.uniform(0.005, 0.04) };
  const field = {
    audience: size,
    roomMin: Math.round(durationMin * 10) / 10,
    category: meta.category,
    lostJoin: Math.round(noise.lostJoin * 1000) / 1000,
    lostLeave: Math.round(noise.lostLeave * 1000) / 1000,
  };
  let room: LabelledRoom;
  if (plan.type === "attack") {
    const t = attack(plan.label, b, rng, audience.skus);
    room = { roomId: meta.roomId, label: plan.label, hardNegative: null, attackStartMs: t.attackStartMs, params: { ...field, ...t.params }, shouldCatch: t.shouldCatch };
  } else if (plan.type === "hard_negative") {
    const params = hardNegative(plan.kind, b, rng, audience);
    room = { roomId: meta.roomId, label: null, hardNegative: plan.kind, attackStartMs: null, params: { ...field, ...params }, shouldCatch: false };
  } else {
    room = { roomId: meta.roomId, label: null, hardNegative: null, attackStartMs: null, params: { ...field, band: plan.band }, shouldCatch: false };
  }
  return { events: b.finish(noise), rooms: [room] };
}

/**
 * A seed's traffic, ~300 rooms by default, as chunks of whole rooms with each chunk's events
 * sorted by event time. Lazy and re-iterable: each pass regenerates the same events.
 */
export function generateFieldTraffic(seed: number, options: FieldOptions = {}): { chunks: Iterable<FieldChunk> } {
  const plan = planRooms(seed, options);
  const perChunk = Math.max(1, options.roomsPerChunk ?? 10);
  return {
    chunks: {
      *[Symbol.iterator]() {
        for (let from = 0; from < plan.length; from += perChunk) {
          const parts = plan.slice(from, from + perChunk).map((p, k) => generateRoom(seed, from + k, p, options));
          const events = parts.flatMap((x) => x.events).sort((a, c) => a.eventTimeMs - c.eventTimeMs);
          yield { events, rooms: parts.flatMap((x) => x.rooms) };
        }
      },
    },
  };
}
