import { shiftEventTime } from "@redline/events";
import { LiveEvent, RoomEventKind, type ProductFacts } from "@redline/proto";
import { claimsRoom } from "./claims-room";
import { crewRooms } from "./crew-rooms";
import { generateRoom, Rng, SIMULATION_EPOCH_MS, type AttackStyle, type HardNegative, type RoomTruth } from "@redline/simulator";

export interface DemoRoom {
  roomId: string;
  /** What a viewer of the demo should expect from this room. */
  expect: string;
  truth: RoomTruth | undefined;
}

export interface DemoScenario {
  /** Sorted by event time. */
  events: LiveEvent[];
  rooms: DemoRoom[];
  /** Product facts for `live.products`, published before the events. */
  products: ProductFacts[];
}

const PLANS: Array<{ name: string; attack: AttackStyle | null; hardNegative: HardNegative | null }> = [
  { name: "farm-likes", attack: "device_farm", hardNegative: null },
  { name: "bot-viewers", attack: "viewer_bots", hardNegative: null },
  { name: "fresh-follows", attack: "fresh_follow_burst", hardNegative: null },
  { name: "brushing", attack: "brushing_mules", hardNegative: null },
  { name: "flash-sale", attack: null, hardNegative: "flash_sale" },
  { name: "ordinary", attack: null, hardNegative: null },
];

const byTime = (a: LiveEvent, b: LiveEvent): number =>
  a.eventTimeMs - b.eventTimeMs || (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0);

function streamerRoom(roomId: string, atMs: number, age: number, guardianConsent: boolean | undefined): LiveEvent {
  return LiveEvent.fromPartial({
    eventId: `${roomId}-start`,
    roomId,
    eventTimeMs: atMs,
    platform: "demo",
    body: {
      $case: "room",
      value: {
        kind: RoomEventKind.ROOM_EVENT_KIND_STARTED,
        streamer: { userId: `${roomId}-streamer`, age, guardianConsent, realNameVerified: true },
        followerCount: 1200,
        category: "toys",
        title: "new arrivals",
      },
    },
  });
}

/**
 * One demo cycle starting at `startMs` (wall clock): simulated rooms moved in
 * time so that each attack begins `attackLeadMs` after the start (the rooms'
 * earlier traffic lies in the recent past, as if the demo joined live rooms),
 * plus an under-age streamer and a consented 17-year-old going live.
 * `roomPrefix` names the cycle's rooms: a demo started again minutes later
 * needs new rooms, or the engine (state restored from its changelog) still
 * holds the old ones and their alert cooldowns, and stays quiet.
 */
export function demoScenario(seed: number, startMs: number, attackLeadMs = 60_000, roomPrefix = `demo-${seed}`): DemoScenario {
  const rng = new Rng(seed);
  const events: LiveEvent[] = [];
  const rooms: DemoRoom[] = [];
  PLANS.forEach((plan, i) => {
    const roomId = `${roomPrefix}-${plan.name}`;
    const generated = generateRoom({ roomId, size: "medium", hardNegative: plan.hardNegative, attack: plan.attack, strength: 1 }, rng, SIMULATION_EPOCH_MS);
    const anchor = generated.truth.labels[0]?.attackStartMs ?? generated.truth.startMs + 5 * 60_000;
    const delta = startMs + attackLeadMs + i * 10_000 - anchor;
    for (const e of generated.events) events.push(shiftEventTime(e, delta));
    rooms.push({
      roomId,
      expect: plan.attack ? `${generated.truth.labels[0]?.subcategory ?? "attack"} (${plan.attack})` : plan.hardNegative ? `nothing (${plan.hardNegative}, a hard negative)` : "nothing",
      truth: generated.truth,
    });
  });
  const underage = `${roomPrefix}-underage`;
  events.push(streamerRoom(underage, startMs + 20_000, 14, undefined));
  rooms.push({ roomId: underage, expect: "STREAMER_UNDERAGE: stream blocked at once", truth: undefined });
  const consented = `${roomPrefix}-consented-17`;
  events.push(streamerRoom(consented, startMs + 25_000, 17, true));
  rooms.push({ roomId: consented, expect: "nothing (17, guardian consent)", truth: undefined });
  const claims = claimsRoom(`${roomPrefix}-claims`, startMs + 30_000);
  events.push(...claims.events);
  rooms.push({ roomId: `${roomPrefix}-claims`, expect: "MISLEADING_CLAIMS HIGH (30 % bird's nest said, 0.014 % on the label): links restricted", truth: undefined });
  const crew = crewRooms(roomPrefix, startMs);
  events.push(...crew.events);
  crew.roomIds.forEach((roomId, k) => rooms.push({ roomId, expect: k < 2 ? "worked by a crew of five in the recent past: CROSS_ROOM_COORDINATION and a pop-up once the crew is named" : "CROSS_ROOM_COORDINATION and a pop-up: the crew of five (crew detector, issue 21)", truth: undefined }));
  events.sort(byTime);
  return { events, rooms, products: claims.products };
}
