/**
 * The default traffic mix, one hour at a time: organic rooms of three sizes,
 * the four hard negatives, every attack style on rooms of every size, and a
 * few rooms where an attack hides inside a hard negative.
 */
import type { LiveEvent } from "@redline/proto";
import { ordinaryAccounts } from "./accounts";
import { Rng } from "./rng";
import { RoomEvents } from "./room-events";
import { organicTraffic } from "./organic";
import { devotedFan, familyDevices, flashSale, viralSpike } from "./hard-negatives";
import { brushingMules, brushingRepeat, deviceFarmLikes, emulatorWaveLikes, freshFollowBurst, superhumanLikes, viewerBots } from "./attacks";
import type { AttackContext } from "./attacks";
import type { HardNegative, RoomSize, RoomTruth, TruthLabel } from "./truth";
import { ORDINARY } from "./viewer";
import type { Behaviour, Shop } from "./viewer";
import { arrivalOrder, SIMULATION_EPOCH_MS } from "./arrival";
import { simulateRandomized } from "./randomized-scenario";

export { arrivalOrder, SIMULATION_EPOCH_MS };

export const ATTACK_STYLES = {
  device_farm: deviceFarmLikes,
  emulator_waves: emulatorWaveLikes,
  aged_superhuman: superhumanLikes,
  viewer_bots: (ctx: AttackContext) => viewerBots(ctx),
  fresh_follow_burst: (ctx: AttackContext) => freshFollowBurst(ctx),
  brushing_mules: brushingMules,
  brushing_repeat: brushingRepeat,
} as const;

export type AttackStyle = keyof typeof ATTACK_STYLES;

export interface RoomPlan {
  roomId: string;
  size: RoomSize;
  hardNegative: HardNegative | null;
  attack: AttackStyle | null;
  strength: number;
}

export interface ScenarioOptions {
  seed: number;
  /** Hours of traffic; each hour is an independent set of rooms. */
  hours?: number;
  /** Multiplies the number of rooms per hour. */
  scale?: number;
  /** Attack strengths are drawn uniformly from this range (0 weakest, 1 strongest). */
  strength?: [number, number];
  /** Share of events that arrive late beyond any reasonable lateness bound. */
  veryLateShare?: number;
  /** Maximum ordinary arrival delay (topic interleaving, client batching). */
  jitterMs?: number;
  /**
   * Domain-randomised mix (issue #12): attacks draw every parameter of
   * docs/threat-model.md §3 and the truth records them with `shouldCatch`;
   * each "hour" is then a 90-minute block. `strength` does not apply.
   * Default false: the fixed styles, byte-identical to before.
   */
  randomized?: boolean;
}

const HOUR_MS = 3_600_000;

const ROOMS_PER_HOUR: Array<[number, RoomSize | "mixed", HardNegative | null, AttackStyle | null]> = [
  [8, "small", null, null],
  [8, "medium", null, null],
  [2, "large", null, null],
  [4, "mixed", "flash_sale", null],
  [4, "mixed", "viral_spike", null],
  [4, "mixed", "family_device", null],
  [4, "small", "devoted_fan", null],
  [3, "mixed", null, "device_farm"],
  [3, "mixed", null, "emulator_waves"],
  [3, "mixed", null, "aged_superhuman"],
  [8, "mixed", null, "viewer_bots"],
  [8, "mixed", null, "fresh_follow_burst"],
  [5, "mixed", null, "brushing_mules"],
  [3, "mixed", null, "brushing_repeat"],
  [1, "medium", "flash_sale", "brushing_mules"],
  [1, "medium", "viral_spike", "fresh_follow_burst"],
];

export function planHour(rng: Rng, seed: number, hour: number, o: ScenarioOptions): RoomPlan[] {
  const plans: RoomPlan[] = [];
  const [lo, hi] = o.strength ?? [0.3, 1];
  for (const [count, size, hardNegative, attack] of ROOMS_PER_HOUR) {
    const n = Math.max(count > 0 ? 1 : 0, Math.round(count * (o.scale ?? 1)));
    for (let i = 0; i < n; i++) {
      const drawn: RoomSize = size !== "mixed" ? size : rng.chance(0.3) ? "small" : rng.chance(0.8) ? "medium" : "large";
      const roomSize: RoomSize = hardNegative === "flash_sale" && drawn === "small" ? "medium" : drawn;
      plans.push({ roomId: `s${seed}-h${hour}-r${plans.length}`, size: roomSize, hardNegative, attack, strength: rng.uniform(lo, hi) });
    }
  }
  return plans;
}

const SIZE_VIEWERS_PER_MIN: Record<RoomSize, [number, number]> = { small: [2, 6], medium: [15, 40], large: [90, 150] };

/** Generates one room's events and its truth. */
export function generateRoom(plan: RoomPlan, rng: Rng, hourStartMs: number): { events: LiveEvent[]; truth: RoomTruth } {
  const startMs = Math.round(hourStartMs + rng.uniform(0, 25 * 60_000));
  const endMs = Math.round(startMs + rng.uniform(18, 30) * 60_000);
  const room = new RoomEvents(plan.roomId, rng.pick(["tenant-a", "tenant-b"]), startMs, endMs);
  // Rooms differ: feed-driven rooms see more swipe-throughs, some audiences more new sign-ups.
  const accounts = ordinaryAccounts(rng, `${plan.roomId}-u`, startMs, rng.uniform(0.02, 0.1));
  const behaviour: Behaviour = { ...ORDINARY, swipeShare: rng.uniform(0.25, 0.6), swipeMedianMs: rng.uniform(4_000, 9_000) };
  const [vLo, vHi] = SIZE_VIEWERS_PER_MIN[plan.size];
  const perMinute = rng.uniform(vLo, vHi);
  const commerce = plan.hardNegative === "flash_sale" || rng.chance(0.6);
  const shop: Shop | null = commerce ? { skus: Array.from({ length: rng.int(3, 12) }, (_, i) => ({ skuId: `sku-${plan.roomId}-${i}`, amountCents: rng.pick([990, 1990, 2990, 4990, 9990, 19990]) })) } : null;
  room.roomStarted(startMs, `streamer-${plan.roomId}`, rng.int(10, 500_000), commerce ? "fashion" : "chat");
  const sessions = organicTraffic(room, rng, accounts, {
    viewersPerMinute: perMinute,
    familyShare: 0.03,
    promptEveryMs: plan.size === "small" ? 0 : rng.uniform(180_000, 480_000),
    behaviour,
  }, shop);
  const eventAt = (): number => startMs + rng.uniform(4, 10) * 60_000;
  if (plan.hardNegative === "flash_sale") flashSale(room, rng, accounts, shop!, eventAt(), rng.int(150, 400), sessions);
  if (plan.hardNegative === "viral_spike") viralSpike(room, rng, accounts, shop, eventAt(), perMinute * rng.uniform(8, 20) + 30, rng.uniform(3, 6) * 60_000, behaviour);
  if (plan.hardNegative === "family_device") familyDevices(room, rng, accounts, shop, rng.int(3, 6));
  if (plan.hardNegative === "devoted_fan") devotedFan(room, rng, accounts, shop);
  const labels: TruthLabel[] = [];
  if (plan.attack !== null) {
    const attackStart = Math.round(eventAt());
    const durationMs = Math.min(rng.uniform(3, 8) * 60_000, endMs - 60_000 - attackStart);
    labels.push(ATTACK_STYLES[plan.attack]({ room, rng, startMs: attackStart, durationMs, organicPerMinute: perMinute, strength: plan.strength }));
  }
  room.roomEnded(endMs);
  return { events: room.events, truth: { roomId: plan.roomId, size: plan.size, startMs, endMs, labels, hardNegative: plan.hardNegative } };
}

export interface SimulatedHour {
  events: LiveEvent[];
  truth: RoomTruth[];
}

/**
 * Simulates hour after hour: each hour's rooms start in its first 25 minutes
 * and end within it, so hours can be written one after another with flat
 * memory however many hours are asked for.
 */
export function* simulate(o: ScenarioOptions): Generator<SimulatedHour> {
  if (o.randomized === true) {
    yield* simulateRandomized(o);
    return;
  }
  const root = new Rng(o.seed);
  for (let hour = 0; hour < (o.hours ?? 1); hour++) {
    const hourRng = root.fork(`hour-${hour}`);
    const hourStartMs = SIMULATION_EPOCH_MS + hour * HOUR_MS;
    const events: LiveEvent[] = [];
    const truth: RoomTruth[] = [];
    for (const plan of planHour(hourRng.fork("plan"), o.seed, hour, o)) {
      const r = generateRoom(plan, hourRng.fork(plan.roomId), hourStartMs);
      for (const e of r.events) events.push(e);
      truth.push(r.truth);
    }
    yield { events: arrivalOrder(events, hourRng.fork("arrival"), o.jitterMs ?? 1_500, o.veryLateShare ?? 0.0002), truth };
  }
}
