import type { Crew } from "./crew-plan";
import { ordinaryRoomsOpen } from "./hard-negative-group";
import type { Rng } from "./rng";
import { emitSession, organicDwellMs } from "./viewer-activity";
import type { World } from "./world";

/**
 * Members of crews that keep their accounts alive (养号) also watch rooms on
 * their own, as ordinary viewers, in rooms the crew never worked. Returns those
 * rooms' ids.
 */
export function emitCoverVisits(rng: Rng, world: World, crew: Crew, workedRoomIds: ReadonlySet<string>): string[] {
  const rooms = new Set<string>();
  const perAccount = crew.params.coverVisitsPerAccount;
  if (perAccount <= 0) return [];
  for (const a of crew.accounts) {
    const visits = Math.floor(perAccount + rng.float());
    for (let v = 0; v < visits; v++) {
      const t = world.windowStartMs + rng.between(0, 240) * 60_000;
      const open = ordinaryRoomsOpen(world, t, t + 60_000).filter((r) => !workedRoomIds.has(r.roomId));
      if (open.length === 0) continue;
      const room = rng.pick(open);
      const dwellMs = organicDwellMs(rng, room.endMs - 1 - t);
      if (!world.calendar.isFree(a.userId, t - 60_000, t + dwellMs + 60_000)) continue;
      const ipPrefix = crew.params.ipMode === "residential" ? world.ids.ipPrefix() : a.homeIpPrefix;
      const s = emitSession(rng, room, a, t, { dwellMs, ipPrefix });
      world.calendar.book(a.userId, s.joinMs, s.leaveMs);
      rooms.add(room.roomId);
    }
  }
  return [...rooms].sort();
}
