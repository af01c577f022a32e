/**
 * Puts a stream written by several producers onto several partitions back
 * into one (eventTimeMs, eventId) order, exactly: a record is released only
 * once every producer on every partition is known past its event time
 * (`ProducerProgress.frontierMs`). Arrival order (which partition's batch
 * came first, where a restart began) never shows, so a replay of the same
 * records releases them in the same order. A record at or below what was
 * already released broke its producer's promise and is refused as late.
 */
export interface Ordered {
  eventTimeMs: number;
  eventId: string;
}

export function compareOrdered(a: Ordered, b: Ordered): number {
  return a.eventTimeMs - b.eventTimeMs || (a.eventId < b.eventId ? -1 : a.eventId > b.eventId ? 1 : 0);
}

export class WatermarkRelease<R extends Ordered> {
  private held: R[] = [];
  private releasedThrough = Number.NEGATIVE_INFINITY;

  /** Everything at or below this has been released. */
  get releasedThroughMs(): number {
    return this.releasedThrough;
  }

  get heldCount(): number {
    return this.held.length;
  }

  /** Holds `record` until the frontier passes it; false (not held) when it is late. */
  add(record: R): boolean {
    if (record.eventTimeMs <= this.releasedThrough) return false;
    this.held.push(record);
    return true;
  }

  /**
   * Takes the held records at or below `frontierMs`, in (eventTimeMs,
   * eventId) order, each (eventTimeMs, eventId) once: a producer restarted
   * from a snapshot sends again what it sent after that snapshot, and a
   * record held twice would be applied twice.
   */
  releaseThrough(frontierMs: number): R[] {
    if (frontierMs <= this.releasedThrough) return [];
    this.releasedThrough = frontierMs;
    const due: R[] = [];
    const kept: R[] = [];
    for (const r of this.held) (r.eventTimeMs <= frontierMs ? due : kept).push(r);
    this.held = kept;
    due.sort(compareOrdered);
    return due.filter((r, i) => i === 0 || compareOrdered(due[i - 1]!, r) !== 0);
  }

  /** The held records and the release point, for a snapshot. */
  toSnapshot(): { releasedThroughMs: number; held: R[] } {
    return { releasedThroughMs: this.releasedThrough, held: [...this.held] };
  }

  static fromSnapshot<R extends Ordered>(snapshot: { releasedThroughMs: number; held: readonly R[] }): WatermarkRelease<R> {
    const release = new WatermarkRelease<R>();
    release.releasedThrough = snapshot.releasedThroughMs;
    release.held = [...snapshot.held];
    return release;
  }
}
