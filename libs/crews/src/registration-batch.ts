/**
 * A crew's registration batch (#21, threat model §6.2: farms register their
 * accounts in batches, hours apart at most; people of a click crew and
 * bought aged accounts were created over years). Each account's creation
 * time comes with every record (`accountCreatedMs`); a group's batch share is
 * the largest share of its members created within `spanMs` of one member.
 * Two groups of which one is mostly one batch and the other has almost none,
 * or whose batches lie apart, are two crews rented to the same rooms, never
 * one crew's subsets: subsets of one pool share its make-up. Used only as a
 * veto on merging groups, never as a link (a school or an office registers
 * in batches too).
 */
import type { AccountState } from "./account-state";

/** Members with a known creation time a verdict needs on each side: a pair or a trio is batched or not by chance. */
export const MIN_BATCH_SAMPLES = 5;
/** At least this share in one batch: the group is a batch. */
export const BATCHED_SHARE = 0.6;
/** At most this share: the group has no batch. */
export const UNBATCHED_SHARE = 0.35;

export interface Batch {
  /** Members with a known creation time. */
  known: number;
  /** Largest share of them created within the span of one member's creation. */
  share: number;
  /** Creation time of the member the largest batch gathers around. */
  centerMs: number;
}

/** The group's largest registration batch; undefined with fewer than `MIN_BATCH_SAMPLES` known creation times. */
export function registrationBatch(members: readonly string[], accountOf: (id: string) => AccountState | undefined, spanMs: number): Batch | undefined {
  const created = members.map((id) => accountOf(id)?.createdMs ?? 0).filter((t) => t > 0).sort((a, b) => a - b);
  if (created.length < MIN_BATCH_SAMPLES) return undefined;
  let best = 0;
  let centerMs = created[0]!;
  let lo = 0;
  let hi = 0;
  for (const t of created) {
    while (created[lo]! < t - spanMs) lo++;
    while (hi < created.length && created[hi]! <= t + spanMs) hi++;
    if (hi - lo > best) {
      best = hi - lo;
      centerMs = t;
    }
  }
  return { known: created.length, share: best / created.length, centerMs };
}

/** One group is a batch and the other has none, or both are batches created apart: two crews. Undefined on either side: no verdict. */
export function batchesDiffer(x: Batch | undefined, y: Batch | undefined, spanMs: number): boolean {
  if (x === undefined || y === undefined) return false;
  const batched = (b: Batch) => b.share >= BATCHED_SHARE;
  const unbatched = (b: Batch) => b.share <= UNBATCHED_SHARE;
  if ((batched(x) && unbatched(y)) || (unbatched(x) && batched(y))) return true;
  return batched(x) && batched(y) && Math.abs(x.centerMs - y.centerMs) > 2 * spanMs;
}

/** `batchesDiffer` of two groups' members. */
export function groupBatchesDiffer(x: readonly string[], y: readonly string[], accountOf: (id: string) => AccountState | undefined, spanMs: number): boolean {
  return batchesDiffer(registrationBatch(x, accountOf, spanMs), registrationBatch(y, accountOf, spanMs), spanMs);
}
