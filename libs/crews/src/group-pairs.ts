/**
 * Co-visits between two groups' accounts. A crew's rotating subsets can form
 * two groups (no pair of accounts met twice); when accounts of the two keep
 * arriving and leaving together in different streamers' rooms, they are one
 * crew. Two crews that once shared a room stay apart.
 */
import { evictOldest } from "@redline/common";
import { type CoVisit, distinctStreamers } from "./account-state";

const MAX_ROOMS_PER_PAIR = 8;

export class GroupPairs {
  private readonly pairs = new Map<string, CoVisit[]>();

  constructor(private readonly maxPairs: number) {}

  /** Records a co-visit between groups `x` and `y`; returns the distinct streamers they now share. */
  addAndCount(x: string, y: string, coVisit: CoVisit): number {
    const key = x < y ? `${x}|${y}` : `${y}|${x}`;
    let list = this.pairs.get(key);
    if (list === undefined) {
      list = [];
      this.pairs.set(key, list);
      evictOldest(this.pairs, this.maxPairs);
    }
    if (!list.some((c) => c.roomId === coVisit.roomId)) {
      list.push(coVisit);
      if (list.length > MAX_ROOMS_PER_PAIR) list.shift();
    }
    return distinctStreamers(list);
  }

  /** Pairs oldest first (the eviction order), for a snapshot. */
  entries(): Array<[string, CoVisit[]]> {
    return [...this.pairs];
  }

  restore(entries: ReadonlyArray<[string, CoVisit[]]>): void {
    this.pairs.clear();
    for (const [key, list] of entries) this.pairs.set(key, list);
  }

  bytes(): number {
    let bytes = 0;
    for (const [key, list] of this.pairs) bytes += 80 + 2 * key.length + list.length * 120;
    return bytes;
  }
}
