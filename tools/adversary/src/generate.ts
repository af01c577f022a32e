import type { LiveEvent } from "@redline/proto";
import type { RoomContext } from "./attack-common";
import { injectFakeFollows } from "./attack-follows";
import { injectFakeLikes } from "./attack-likes";
import { injectFakeOrders } from "./attack-orders";
import { injectFakeViews } from "./attack-views";
import { HARD_NEGATIVE_EPISODES } from "./hard-negatives";
import { generateOrganicAudience } from "./organic-audience";
import { Rng } from "./rng";
import { RoomLog } from "./room-log";
import { emitRoomLifecycle, planRoom } from "./room-plan";
import { attackTells, shouldCatch } from "./should-catch";
import {
  ADVERSARY_LABELS,
  HARD_NEGATIVE_KINDS,
  type AdversaryHardNegative,
  type AdversaryLabel,
  type AdversaryOptions,
  type AdversaryRoomTruth,
  type AdversaryTraffic,
} from "./types";

export const ADVERSARY_PLATFORM = "adv-platform";

export type RoomSpec = { label: AdversaryLabel } | { hardNegative: AdversaryHardNegative } | { organic: true };

const ATTACKS: Readonly<Record<AdversaryLabel, (ctx: RoomContext) => void>> = {
  FAKE_VIEWS: injectFakeViews,
  FAKE_LIKES: injectFakeLikes,
  FAKE_FOLLOWS: injectFakeFollows,
  FAKE_ORDERS: injectFakeOrders,
};

function checkOptions(o: AdversaryOptions): void {
  for (const key of ["seed", "startMs", "attackedRoomsPerLabel", "hardNegativeRooms", "organicRooms"] as const) {
    if (!Number.isSafeInteger(o[key]) || o[key] < 0) {
      throw new RangeError(`adversary option ${key} must be a non-negative integer, got ${String(o[key])}`);
    }
  }
}

/** Room kinds in a seeded order, so a room's number says nothing about its label. */
function roomSpecs(rng: Rng, o: AdversaryOptions): RoomSpec[] {
  const specs: RoomSpec[] = [];
  for (const label of ADVERSARY_LABELS) for (let i = 0; i < o.attackedRoomsPerLabel; i++) specs.push({ label });
  for (let i = 0; i < o.hardNegativeRooms; i++) {
    specs.push({ hardNegative: HARD_NEGATIVE_KINDS[i % HARD_NEGATIVE_KINDS.length] as AdversaryHardNegative });
  }
  for (let i = 0; i < o.organicRooms; i++) specs.push({ organic: true });
  return rng.shuffle(specs);
}

function applySpec(ctx: RoomContext, spec: RoomSpec, truth: AdversaryRoomTruth): void {
  if ("label" in spec) {
    const from = ctx.log.size;
    ATTACKS[spec.label](ctx);
    const span = ctx.log.spanSince(from);
    const tells = attackTells(spec.label, ctx.params);
    ctx.params.tells = tells.length;
    ctx.params.tellNames = tells.join(",");
    truth.label = spec.label;
    truth.attackStartMs = span?.firstMs ?? null;
    truth.attackEndMs = span?.lastMs ?? null;
    truth.shouldCatch = span !== null && shouldCatch(Number(ctx.params.attackShareRealised), tells.length);
  } else if ("hardNegative" in spec) {
    HARD_NEGATIVE_EPISODES[spec.hardNegative](ctx);
    truth.hardNegative = spec.hardNegative;
  }
}

/** One room from its own generator; exported for the unit tests. */
export function generateRoom(rng: Rng, roomId: string, spec: RoomSpec, o: AdversaryOptions): [LiveEvent[], AdversaryRoomTruth] {
  const plan = planRoom(rng, roomId, o.startMs);
  const log = new RoomLog(plan.startMs, plan.endMs, rng.fork());
  emitRoomLifecycle(rng, plan, log);
  const sessions = generateOrganicAudience(rng, log, plan);
  const params = { roomViewers: plan.viewerCount, roomDurationMin: Math.round((plan.endMs - plan.startMs) / 600) / 100, category: plan.category };
  const truth: AdversaryRoomTruth = {
    roomId, label: null, hardNegative: null, attackStartMs: null, attackEndMs: null,
    params, shouldCatch: false, startMs: plan.startMs, endMs: plan.endMs,
  };
  applySpec({ rng, log, plan, sessions, params }, spec, truth);
  return [log.finish(roomId, ADVERSARY_PLATFORM), truth];
}

const byTimeThenId = (a: LiveEvent, b: LiveEvent): number =>
  a.eventTimeMs - b.eventTimeMs || (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0);

/**
 * Organic, attacked and hard-negative rooms with their ground truth, all drawn
 * from `options.seed`. Events are sorted by (eventTimeMs, eventId).
 */
export function generateAdversaryTraffic(options: AdversaryOptions): AdversaryTraffic {
  checkOptions(options);
  const root = new Rng(options.seed);
  const specs = roomSpecs(root.fork(), options);
  const events: LiveEvent[] = [];
  const truth: AdversaryRoomTruth[] = [];
  specs.forEach((spec, i) => {
    const roomId = `adv-${options.seed}-${i.toString().padStart(4, "0")}`;
    const [roomEvents, roomTruth] = generateRoom(root.fork(), roomId, spec, options);
    for (const e of roomEvents) events.push(e);
    truth.push(roomTruth);
  });
  events.sort(byTimeThenId);
  return { events, truth };
}
