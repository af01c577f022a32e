import type { Alert } from "@redline/proto";
import type { CursorPositions } from "@redline/common";

/** One alert with its place in the alerts topic. */
export interface FeedRecord {
  readonly partition: number;
  readonly offset: bigint;
  readonly alert: Alert;
}

/** A record with its arrival number in this gateway (dense, increasing). */
export interface RingEntry extends FeedRecord {
  readonly seq: number;
}

/**
 * The most recent alerts of every partition in arrival order, bounded by
 * `capacity`; the oldest is evicted first. It remembers, per partition, the
 * offset from which it still holds every record (`floor`), so it can tell
 * whether a cursor can be served from memory or needs a catch-up read.
 */
export class AlertRing {
  private readonly slots: (RingEntry | undefined)[];
  private readonly floors: Map<number, bigint>;
  private readonly heads: Map<number, bigint>;
  private first = 0;
  private next = 0;

  constructor(
    readonly capacity: number,
    start: CursorPositions,
  ) {
    if (!Number.isInteger(capacity) || capacity < 1) throw new RangeError(`ring capacity must be ≥ 1, got ${capacity}`);
    this.slots = new Array<RingEntry | undefined>(capacity);
    this.floors = new Map(start);
    this.heads = new Map(start);
  }

  /** Adds a record; a record at or below what the ring already has for its partition is ignored. */
  append(record: FeedRecord): RingEntry | undefined {
    const head = this.heads.get(record.partition);
    if (head !== undefined && record.offset < head) return undefined;
    if (!this.floors.has(record.partition)) this.floors.set(record.partition, record.offset);
    if (this.next - this.first === this.capacity) {
      const evicted = this.slots[this.first % this.capacity]!;
      this.slots[this.first % this.capacity] = undefined;
      this.floors.set(evicted.partition, evicted.offset + 1n);
      this.first += 1;
    }
    // Explicit fields, not a spread: this runs once per alert and spread copies are several times slower.
    const entry: RingEntry = { partition: record.partition, offset: record.offset, alert: record.alert, seq: this.next };
    this.slots[this.next % this.capacity] = entry;
    this.next += 1;
    this.heads.set(record.partition, record.offset + 1n);
    return entry;
  }

  /** The entry with this arrival number, or undefined if evicted or not yet arrived. */
  at(seq: number): RingEntry | undefined {
    if (seq < this.first || seq >= this.next) return undefined;
    return this.slots[seq % this.capacity];
  }

  get firstSeq(): number {
    return this.first;
  }

  get nextSeq(): number {
    return this.next;
  }

  get size(): number {
    return this.next - this.first;
  }

  /** Next offset per partition after the newest record: the live end as this gateway knows it. */
  head(): Map<number, bigint> {
    return new Map(this.heads);
  }

  /** `positions` completed with the ring's floor for partitions it does not name. */
  complete(positions: CursorPositions): Map<number, bigint> {
    const out = new Map(positions);
    for (const [partition, floor] of this.floors) if (!out.has(partition)) out.set(partition, floor);
    return out;
  }

  /** True when every record at or after `positions` is still in the ring (or yet to come). */
  covers(positions: CursorPositions): boolean {
    for (const [partition, offset] of positions) {
      const floor = this.floors.get(partition);
      if (floor !== undefined && offset < floor) return false;
    }
    return true;
  }

  /** Newest first, so a review finds the latest copy of a re-sent alert. */
  findAlert(alertId: string): Alert | undefined {
    for (let seq = this.next - 1; seq >= this.first; seq -= 1) {
      const entry = this.slots[seq % this.capacity]!;
      if (entry.alert.alertId === alertId) return entry.alert;
    }
    return undefined;
  }
}
