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

export class SeenEvents {
  private readonly bySecond = new Map<number, Set<number>>();

  constructor(private readonly windowMs: number) {}

  /** Records the event; false when it was already seen (a duplicate). */
  firstSighting(roomId: string, eventId: string, eventTimeMs: number): boolean {
    if (this.windowMs <= 0 || eventId === "") return true;
    const second = Math.floor(eventTimeMs / 1000);
    const id = idHash(roomId, eventId);
    let ids = this.bySecond.get(second);
    if (ids === undefined) {
      ids = new Set();
      this.bySecond.set(second, ids);
    }
    if (ids.has(id)) return false;
    ids.add(id);
    return true;
  }

  /** Forgets ids of event times more than `windowMs` behind the watermark. */
  forgetBefore(watermarkMs: number): void {
    const oldest = Math.floor((watermarkMs - this.windowMs) / 1000);
    for (const second of this.bySecond.keys()) if (second < oldest) this.bySecond.delete(second);
  }

  /** Plain data for a snapshot: [second, ids][]. */
  toPlain(): Array<[number, number[]]> {
    return [...this.bySecond].map(([second, ids]) => [second, [...ids]]);
  }

  static fromPlain(windowMs: number, plain: Array<[number, number[]]> | undefined): SeenEvents {
    const seen = new SeenEvents(windowMs);
    for (const [second, ids] of plain ?? []) seen.bySecond.set(second, new Set(ids));
    return seen;
  }
}
