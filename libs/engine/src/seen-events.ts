/**
 * Event ids seen recently, so a record a platform published twice (an
 * at-least-once producer retrying after a broker error) counts once: a
 * duplicated like with a count of 50 would otherwise read as 100 taps.
 * A duplicate carries its original's event time, so ids are kept per
 * event-time second and forgotten once the watermark is `windowMs` past
 * them. Ids are stored as 53-bit hashes of room and event id: a false
 * match needs two 53-bit collisions within one second of event time.
 */
/** Two FNV-1a streams over room and event id in one pass, joined into 53 bits. */
function idHash(roomId: string, eventId: string): number {
  let a = 0x811c9dc5;
  let b = 0x01000193 ^ 0x5eed;
  // The mixing step written out three times: as a closure over a and b it allocated a context per event (#15).
  for (let i = 0; i < roomId.length; i++) {
    const c = roomId.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
  }
  a = Math.imul(a, 0x01000193);
  b = Math.imul(b, 0x5bd1e995);
  for (let i = 0; i < eventId.length; i++) {
    const c = eventId.charCodeAt(i);
    a = Math.imul(a ^ c, 0x01000193);
    b = Math.imul(b ^ c, 0x5bd1e995);
  }
  b ^= b >>> 15;
  return (a >>> 0) * 0x200000 + ((b >>> 0) >>> 11);
}

/**
 * One second's ids in insertion order, with an open-addressing index over them (#15): a `Set<number>`
 * boxed every 53-bit id in a heap number of its own, 36-40 B an id (1.3 KB per ordinary room); here an
 * id takes 8 B and its index 8-16 B.
 */
class IdSet {
  // Room for 64 ids from the start: a second of a busy partition holds thousands, and growing from 8 re-indexed
  // each set six times (1 % of the engine's time); an engine holds only ~30 seconds, so the unused room is small.
  ids = new Float64Array(64);
  count = 0;
  /** Positions + 1 of the ids, by hash; 0 empty. Kept at most half full. */
  private index = new Int32Array(128);

  /** Adds `id`; false when it was there. */
  add(id: number): boolean {
    const mask = this.index.length - 1;
    let i = mixId(id) & mask;
    for (let at = this.index[i]!; at !== 0; at = this.index[i]!) {
      if (this.ids[at - 1] === id) return false;
      i = (i + 1) & mask;
    }
    if (this.count === this.ids.length) {
      const ids = new Float64Array(this.ids.length * 2);
      ids.set(this.ids);
      this.ids = ids;
    }
    this.ids[this.count++] = id;
    if (this.count * 2 > this.index.length) this.reindex(this.index.length * 2);
    else this.index[i] = this.count;
    return true;
  }

  private reindex(size: number): void {
    this.index = new Int32Array(size);
    const mask = size - 1;
    for (let k = 0; k < this.count; k++) {
      let i = mixId(this.ids[k]!) & mask;
      while (this.index[i] !== 0) i = (i + 1) & mask;
      this.index[i] = k + 1;
    }
  }
}

/** The id's low 32 bits, mixed: ids are hashes already, but their low bits come from one FNV stream. */
function mixId(id: number): number {
  return Math.imul(id % 0x1_0000_0000 | 0, 0x9e3779b1) >>> 16;
}

export class SeenEvents {
  private readonly bySecond = new Map<number, IdSet>();

  constructor(private readonly windowMs: number) {}

  /** Records the event; false when it was already seen (a duplicate). */
  firstSighting(roomId: string, eventId: string, eventTimeMs: number): boolean {
    if (this.windowMs <= 0 || eventId === "") return true;
    const second = Math.floor(eventTimeMs / 1000);
    let ids = this.bySecond.get(second);
    if (ids === undefined) {
      ids = new IdSet();
      this.bySecond.set(second, ids);
    }
    return ids.add(idHash(roomId, eventId));
  }

  /** Forgets ids of event times more than `windowMs` behind the watermark. */
  forgetBefore(watermarkMs: number): void {
    const oldest = Math.floor((watermarkMs - this.windowMs) / 1000);
    for (const second of this.bySecond.keys()) if (second < oldest) this.bySecond.delete(second);
  }

  /** Plain data for a snapshot: [second, ids][], ids in the order they were first seen. */
  toPlain(): Array<[number, number[]]> {
    return [...this.bySecond].map(([second, ids]) => [second, Array.from(ids.ids.subarray(0, ids.count))]);
  }

  static fromPlain(windowMs: number, plain: Array<[number, number[]]> | undefined): SeenEvents {
    const seen = new SeenEvents(windowMs);
    for (const [second, ids] of plain ?? []) {
      const set = new IdSet();
      for (const id of ids) set.add(id);
      seen.bySecond.set(second, set);
    }
    return seen;
  }
}
