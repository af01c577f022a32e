/**
 * Which rooms are compared with which (issue 12): the same platform, the same
 * product category and the same size band. A room of 40 viewers is not judged
 * against one of 40,000: every share and rate moves with size.
 */

/** Upper bounds (exclusive) of the size bands by concurrent viewers; the last band is open. */
const SIZE_BANDS: readonly [number, string][] = [
  [16, "xs"],
  [64, "s"],
  [256, "m"],
  [1024, "l"],
];

export function sizeBandOf(viewers: number): string {
  for (const [below, name] of SIZE_BANDS) if (viewers < below) return name;
  return "xl";
}

export interface PeerGroupFacts {
  platform: string;
  category: string;
  viewers: number;
}

/** The peer-group key; unknown platform or category form their own groups ("?") rather than joining another. */
export function peerGroupOf(room: Readonly<PeerGroupFacts>): string {
  return `${room.platform || "?"}|${room.category || "?"}|${sizeBandOf(room.viewers)}`;
}

/** The key a group's sketch of one signal travels under (a table key of @redline/minute-table). */
export function baselineKey(group: string, signal: string): string {
  return `${group}/${signal}`;
}
