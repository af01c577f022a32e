import type { LiveEvent } from "@redline/proto";
import { emitCoverVisits } from "./crew-cover";
import { crewLinkage } from "./crew-linkage";
import { createCrew, type Crew } from "./crew-plan";
import { runCrew } from "./crew-visits";
import type { GroupPlanner, PlannedGroup } from "./hard-negative-group";
import { planRaidMigration, planSharedAudience } from "./hard-negatives-crowds";
import { planCampus, planHousehold } from "./hard-negatives-roaming";
import { planShopStaff, planStreamerFans } from "./hard-negatives-streams";
import { generateOrganicAudience, regularsFor } from "./organic-audience";
import { Rng } from "./rng";
import {
  CREW_STYLES,
  HARD_NEGATIVE_KINDS,
  MIN_ROOMS_PER_CREW,
  ROOM_SHARE_CAPS,
  type CrewScenarioOptions,
  type CrewScenarioTraffic,
  type CrewTruth,
  type HardNegativeKind,
  type HardNegativeTruth,
  type RoomTruth,
} from "./types";
import { World } from "./world";

export const CREW_SCENARIO_PLATFORM = "crew-platform";

const PLANNERS: Readonly<Record<HardNegativeKind, GroupPlanner>> = {
  streamer_fans: planStreamerFans,
  shop_staff: planShopStaff,
  raid_migration: planRaidMigration,
  shared_audience: planSharedAudience,
  household_device: planHousehold,
  campus_network: planCampus,
};

/** Households are small, so a seed has four times as many of them as of the other kinds. */
const GROUPS_PER_KIND_FACTOR: Readonly<Partial<Record<HardNegativeKind, number>>> = { household_device: 4 };

function checkOptions(o: CrewScenarioOptions): void {
  for (const key of ["seed", "startMs", "crews", "ordinaryRooms", "groupsPerHardNegative"] as const) {
    if (!Number.isSafeInteger(o[key]) || o[key] < 0) {
      throw new RangeError(`crew-scenarios option ${key} must be a non-negative integer, got ${String(o[key])}`);
    }
  }
  if (!(o.rentedShare > 0 && o.rentedShare <= 1)) throw new RangeError(`crew-scenarios option rentedShare must be in (0, 1], got ${o.rentedShare}`);
}

function planGroups(rng: Rng, world: World, o: CrewScenarioOptions): PlannedGroup[] {
  const groups: PlannedGroup[] = [];
  for (const kind of HARD_NEGATIVE_KINDS) {
    const count = o.groupsPerHardNegative * (GROUPS_PER_KIND_FACTOR[kind] ?? 1);
    for (let i = 0; i < count; i++) groups.push(PLANNERS[kind](rng.fork(), world, `hn-${o.seed}-${groups.length.toString().padStart(3, "0")}`));
  }
  return groups;
}

function runCrews(rng: Rng, world: World, o: CrewScenarioOptions): CrewTruth[] {
  const rented = world.rooms.filter((r) => r.role === "rented");
  const crews: Array<{ crew: Crew; truth: CrewTruth }> = [];
  for (let i = 0; i < o.crews; i++) {
    const crew = createCrew(rng.fork(), world, `crew-${o.seed}-${i.toString().padStart(3, "0")}`, CREW_STYLES[i % CREW_STYLES.length]!);
    const visits = runCrew(rng.fork(), world, crew, rented);
    if (visits.length < MIN_ROOMS_PER_CREW) {
      throw new RangeError(`${crew.crewId} found only ${visits.length} rooms to work (needs ${MIN_ROOMS_PER_CREW}); raise ordinaryRooms or rentedShare`);
    }
    const { accounts, ipPrefixes, params } = crew;
    crews.push({
      crew,
      truth: {
        crewId: crew.crewId, style: params.style,
        accounts: accounts.map((a) => a.userId),
        devices: [...new Set(accounts.map((a) => a.deviceId))],
        ipPrefixes: params.ipMode === "residential" ? [] : [...new Set([...ipPrefixes, ...accounts.map((a) => a.homeIpPrefix)])],
        visits, coverRooms: [],
        linkage: crewLinkage(visits, new Map(accounts.map((a) => [a.userId, a.deviceId]))),
        firstMs: Math.min(...visits.map((v) => v.firstMs)),
        lastMs: Math.max(...visits.map((v) => v.lastMs)),
        params: recordedParams(crew),
      },
    });
  }
  // Cover visits come after every crew has worked, so they never eat a worked room's budget.
  for (const { crew, truth } of crews) truth.coverRooms = emitCoverVisits(rng.fork(), world, crew, new Set(truth.visits.map((v) => v.roomId)));
  return crews.map((c) => c.truth);
}

function recordedParams(crew: Crew): Record<string, number | string> {
  const out: Record<string, number | string> = {};
  for (const [k, v] of Object.entries(crew.params)) {
    if (typeof v === "number") out[k] = Math.round(v * 1000) / 1000;
    else if (typeof v === "string") out[k] = v;
    else if (Array.isArray(v)) out[k] = v.map((x: number) => Math.round(x * 10) / 10).join("-");
  }
  return out;
}

function roomTruths(world: World, crews: CrewTruth[], groups: HardNegativeTruth[]): RoomTruth[] {
  return world.rooms
    .map((r) => ({
      roomId: r.roomId, streamerUserId: r.streamerUserId, role: r.role,
      crewIds: crews.filter((c) => c.visits.some((v) => v.roomId === r.roomId)).map((c) => c.crewId),
      hardNegativeGroupIds: groups.filter((g) => g.rooms.includes(r.roomId)).map((g) => g.groupId),
      organicViewers: r.organicViewers, firstMs: r.startMs, lastMs: r.endMs,
    }))
    .sort((a, b) => (a.roomId < b.roomId ? -1 : 1));
}

const byTimeThenId = (a: LiveEvent, b: LiveEvent): number =>
  a.eventTimeMs - b.eventTimeMs || (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0);

/**
 * Multi-room traffic of one seed: ordinary rooms (rented or background),
 * hard-negative groups with their rooms, and crews working many rented rooms
 * lightly; with the ground truth. Events are sorted by (eventTimeMs, eventId).
 */
export function generateCrewScenario(options: CrewScenarioOptions): CrewScenarioTraffic {
  checkOptions(options);
  const root = new Rng(options.seed);
  const world = new World(options, root.fork());
  const planRng = root.fork();
  const rentedCount = Math.round(options.ordinaryRooms * options.rentedShare);
  for (let i = 0; i < options.ordinaryRooms; i++) world.planOrdinaryRoom(planRng, i < rentedCount ? "rented" : "background");
  const groups = planGroups(planRng, world, options);
  world.assignRoomIds(root.fork());
  const regulars = regularsFor(root.fork(), world);
  for (const room of world.rooms) generateOrganicAudience(root.fork(), world, room, regulars);
  const groupTruths = groups.map((g) => g.populate(root.fork()));
  const crews = runCrews(root.fork(), world, options);
  const events: LiveEvent[] = [];
  for (const room of world.rooms) for (const e of room.log.finish(room.roomId, CREW_SCENARIO_PLATFORM)) events.push(e);
  events.sort(byTimeThenId);
  return {
    events,
    truth: {
      seed: options.seed,
      startMs: options.startMs,
      endMs: Math.max(...world.rooms.map((r) => r.endMs)),
      roomShareCaps: ROOM_SHARE_CAPS,
      minRoomsPerCrew: MIN_ROOMS_PER_CREW,
      crews,
      hardNegatives: groupTruths,
      rooms: roomTruths(world, crews, groupTruths),
    },
  };
}
