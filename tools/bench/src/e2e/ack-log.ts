/**
 * When the broker acknowledged the open-loop load's records, per partition
 * and event time: where every latency of the bench starts.
 */
export class AckLog {
  /** Per partition: [event time, acknowledged at], sorted on demand. */
  private readonly entries = new Map<number, Array<[number, number]>>();
  private readonly unsorted = new Set<number>();
  /** Per partition: the earliest acknowledgement among entries i.. (sorted order), rebuilt with the sort. */
  private readonly suffixMin = new Map<number, Float64Array>();

  add(partition: number, eventTimeMs: number, ackedAtMs: number): void {
    let list = this.entries.get(partition);
    if (list === undefined) this.entries.set(partition, (list = []));
    list.push([eventTimeMs, ackedAtMs]);
    this.unsorted.add(partition);
  }

  /** Entries as the load worker posts them: partition, event time, acknowledged at, repeated. */
  addFlat(flat: readonly number[]): void {
    for (let i = 0; i + 2 < flat.length; i += 3) this.add(flat[i]!, flat[i + 1]!, flat[i + 2]!);
  }

  /** The first acknowledged record on `partition` with event time at or after `eventTimeMs`, if any (a trigger's own tick). */
  firstAckedAtOrAfter(partition: number, eventTimeMs: number): { eventTimeMs: number; ackedAtMs: number } | undefined {
    const list = this.sortedList(partition);
    const hit = list[lowerBound(list, eventTimeMs)];
    return hit === undefined ? undefined : { eventTimeMs: hit[0], ackedAtMs: hit[1] };
  }

  /**
   * The earliest acknowledgement of any record on `partition` with event time at or after `eventTimeMs`:
   * when the broker first held a record that moves a watermark past it (sends overlap, so a later
   * event time can be acknowledged first).
   */
  earliestAckAtOrAfter(partition: number, eventTimeMs: number): number | undefined {
    const list = this.sortedList(partition);
    const i = lowerBound(list, eventTimeMs);
    return i < list.length ? this.suffixMin.get(partition)![i] : undefined;
  }

  private sortedList(partition: number): ReadonlyArray<[number, number]> {
    const list = this.entries.get(partition) ?? [];
    if (this.unsorted.delete(partition)) {
      list.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
      const mins = new Float64Array(list.length);
      let min = Number.POSITIVE_INFINITY;
      for (let i = list.length - 1; i >= 0; i--) mins[i] = min = Math.min(min, list[i]![1]);
      this.suffixMin.set(partition, mins);
    }
    return list;
  }
}

function lowerBound(list: ReadonlyArray<[number, number]>, eventTimeMs: number): number {
  let lo = 0;
  let hi = list.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (list[mid]![0] < eventTimeMs) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}
