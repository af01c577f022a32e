import type { Rng } from "./rng";
import type { HardNegativeKind, HardNegativeTruth } from "./types";
import type { Room, World } from "./world";

/** A hard-negative group whose rooms are planned; its accounts act once every room has an id. */
export interface PlannedGroup {
  groupId: string;
  kind: HardNegativeKind;
  /** rooms planned for the group (its streamer's sessions, its shop's channels…); empty for groups that roam */
  hostRooms: Room[];
  populate(rng: Rng): HardNegativeTruth;
}

export type GroupPlanner = (rng: Rng, world: World, groupId: string) => PlannedGroup;

/** Ordinary rooms (not another group's host) open over [fromMs, toMs]. */
export function ordinaryRoomsOpen(world: World, fromMs: number, toMs: number): Room[] {
  return world.roomsOpenDuring(fromMs, toMs, (r) => r.role !== "hard_negative_host");
}
