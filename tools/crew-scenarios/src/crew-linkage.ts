import type { CrewLinkage, CrewVisitTruth } from "./types";

/** The most rooms any one key, or any two distinct keys together, were seen in. */
function mostRooms(keysPerRoom: ReadonlyArray<ReadonlySet<string>>): { single: number; pair: number } {
  const single = new Map<string, number>();
  const pair = new Map<string, number>();
  for (const keys of keysPerRoom) {
    const sorted = [...keys].sort();
    for (const [i, a] of sorted.entries()) {
      single.set(a, (single.get(a) ?? 0) + 1);
      for (const b of sorted.slice(i + 1)) pair.set(`${a}|${b}`, (pair.get(`${a}|${b}`) ?? 0) + 1);
    }
  }
  return { single: Math.max(0, ...single.values()), pair: Math.max(0, ...pair.values()) };
}

/**
 * How strongly a crew's visits are tied together by the same accounts and the
 * same devices: facts of the truth, so an eval can report recall per bin
 * (a crew whose accounts never meet twice is linked only through devices,
 * networks, payments or timing).
 */
export function crewLinkage(visits: readonly CrewVisitTruth[], deviceOf: ReadonlyMap<string, string>): CrewLinkage {
  const accounts = mostRooms(visits.map((v) => new Set(v.accounts)));
  const devices = mostRooms(visits.map((v) => new Set(v.accounts.map((a) => deviceOf.get(a) ?? a))));
  return {
    accountRoomsMax: accounts.single,
    accountPairRoomsMax: accounts.pair,
    deviceRoomsMax: devices.single,
    devicePairRoomsMax: devices.pair,
  };
}
