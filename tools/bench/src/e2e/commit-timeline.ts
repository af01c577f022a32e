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
  /** The highest offset committed before the event. */
  highBefore: number;
  /** Wall time from the event until a commit passed `highBefore` (progress resumed); undefined if it never did in the samples. */
  pauseMs: number | undefined;
}

/**
 * How long each partition made no progress after an event (a member joining
 * or dying): from the event to the first sample whose committed offset passes
 * the highest committed before it. A new owner starts from its snapshot's
 * offsets and commits lower offsets at first while it re-reads, so progress is
 * measured against the old high point, not against the previous sample. A
 * partition already complete (at `ends`) before the event is left out.
 */
export function pausesAfter(samples: readonly CommitSample[], eventMs: number, ends: readonly number[]): Handover[] {
  const before = samples.filter((s) => s.atMs <= eventMs);
  const after = samples.filter((s) => s.atMs > eventMs);
  const out: Handover[] = [];
  for (let p = 0; p < ends.length; p++) {
    const highBefore = Math.max(-1, ...before.map((s) => s.offsets[p] ?? -1));
    if (highBefore >= ends[p]!) continue;
    const resumed = after.find((s) => (s.offsets[p] ?? -1) > highBefore);
    out.push({ partition: p, highBefore, pauseMs: resumed === undefined ? undefined : resumed.atMs - eventMs });
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
