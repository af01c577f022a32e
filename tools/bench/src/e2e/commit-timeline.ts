import type { Admin } from "kafkajs";

/** A group's committed offset of every partition of one topic at one moment (-1: never committed). */
export interface CommitSample {
  atMs: number;
  offsets: readonly number[];
}

/** Reads the group's committed offsets per partition, as a sample. */
export async function sampleCommits(admin: Admin, groupId: string, topic: string, partitions: number): Promise<CommitSample> {
  const offsets = Array.from({ length: partitions }, () => -1);
  for (const t of await admin.fetchOffsets({ groupId, topics: [topic] })) for (const p of t.partitions) offsets[p.partition] = Number(p.offset);
  return { atMs: Date.now(), offsets };
}

export interface Handover {
  partition: number;
  /**
   * The longest time without progress that ended after the event: between two commits that each
   * passed the highest offset committed before them. Undefined if the partition never passed it
   * again in the samples.
   */
  pauseMs: number | undefined;
}

/**
 * How long each partition made no progress around an event (a member joining
 * or dying). Progress is a commit past the highest committed so far: a new
 * owner starts from its snapshot's offsets and commits lower ones while it
 * re-reads, so the pause runs from the old owner's last commit until the new
 * owner passes it, whenever in between the group rebalanced. A partition
 * already complete (at `ends`) before the event is left out.
 */
export function pausesAfter(samples: readonly CommitSample[], eventMs: number, ends: readonly number[]): Handover[] {
  const out: Handover[] = [];
  for (let p = 0; p < ends.length; p++) {
    let high = -1;
    let lastHighMs = samples[0]?.atMs ?? eventMs;
    let pauseMs: number | undefined;
    let doneBefore = false;
    for (const s of samples) {
      const offset = s.offsets[p] ?? -1;
      if (offset > high) {
        if (s.atMs > eventMs) pauseMs = Math.max(pauseMs ?? 0, s.atMs - lastHighMs);
        high = offset;
        lastHighMs = s.atMs;
      }
      if (s.atMs <= eventMs && high >= ends[p]!) doneBefore = true;
    }
    if (!doneBefore) out.push({ partition: p, pauseMs });
  }
  return out;
}

/** The longest interval, from `fromMs` on, in which no partition's committed offset passed its highest so far: the whole group stood still. */
export function longestGroupStallMs(samples: readonly CommitSample[], fromMs: number): number {
  let longest = 0;
  let high = samples.find((s) => s.atMs <= fromMs)?.offsets.map(() => -1) ?? samples[0]?.offsets.map(() => -1) ?? [];
  let lastProgressMs = fromMs;
  for (const s of samples) {
    const progressed = s.offsets.some((o, p) => o > high[p]!);
    high = s.offsets.map((o, p) => Math.max(o, high[p]!));
    if (s.atMs <= fromMs) continue;
    if (progressed) {
      longest = Math.max(longest, s.atMs - lastProgressMs);
      lastProgressMs = s.atMs;
    }
  }
  return longest;
}
