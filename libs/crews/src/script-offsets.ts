/**
 * A crew's script read from when its accounts first like after joining
 * (#21, threat model §6.1: "join, like bursts at fixed offsets after arrival").
 * Each account runs the script from its own arrival, so its lag shifts the
 * whole script and the offset from join to first like repeats room after
 * room within seconds, even for people in a task group whose arrivals and
 * stays spread by minutes. An ordinary viewer who arrived with the crew likes
 * whenever it likes: it matches one of the script's few offsets by chance
 * only within a window of seconds.
 */
import type { AccountState } from "./account-state";

/** Script offsets (first likes) a match needs near it: one or two members' likes can agree by chance. */
export const MIN_SCRIPT_SAMPLES = 3;

/** First-like offsets of the core's visits to the crew's rooms, sorted. */
export function coreLikeOffsets(core: readonly string[], roomIds: ReadonlySet<string>, accountOf: (id: string) => AccountState | undefined): number[] {
  const offsets: number[] = [];
  for (const id of core) {
    for (const v of accountOf(id)?.visits ?? []) if (roomIds.has(v.roomId) && v.firstLikeOffsetMs >= 0) offsets.push(v.firstLikeOffsetMs);
  }
  return offsets.sort((a, b) => a - b);
}

/** Whether `offsetMs` lies within `toleranceMs` of at least `minSamples` of the (sorted) script offsets. */
export function matchesScriptOffset(offsetMs: number, scriptOffsets: readonly number[], toleranceMs: number, minSamples: number): boolean {
  if (offsetMs < 0) return false;
  let near = 0;
  for (const o of scriptOffsets) {
    if (o > offsetMs + toleranceMs) break;
    if (o >= offsetMs - toleranceMs && ++near >= minSamples) return true;
  }
  return false;
}

/** The first-like offsets of every visit of `members`, sorted: a group's script (a member's cover visits add a few that match nothing). */
export function groupLikeOffsets(members: readonly string[], accountOf: (id: string) => AccountState | undefined): number[] {
  const offsets: number[] = [];
  for (const id of members) for (const v of accountOf(id)?.visits ?? []) if (v.firstLikeOffsetMs >= 0) offsets.push(v.firstLikeOffsetMs);
  return offsets.sort((a, b) => a - b);
}

/** The offsets that `minSamples` of the (sorted) offsets lie within `toleranceMs` of: the script's like bursts. */
export function scriptedOffsets(offsets: readonly number[], toleranceMs: number, minSamples: number): number[] {
  return offsets.filter((o) => matchesScriptOffset(o, offsets, toleranceMs, minSamples));
}

/**
 * Both groups show a script of first likes and the two share no offset: two
 * crews (each crew's subsets run one script). Undefined (no verdict) when
 * either shows none.
 */
export function likeScriptsDiffer(x: readonly number[], y: readonly number[], toleranceMs: number, minSamples: number): boolean {
  const a = scriptedOffsets(x, toleranceMs, minSamples);
  const b = scriptedOffsets(y, toleranceMs, minSamples);
  if (a.length === 0 || b.length === 0) return false;
  return !a.some((o) => b.some((p) => Math.abs(o - p) <= toleranceMs));
}
