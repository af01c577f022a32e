/** A fetched batch: its newest event time and when it arrived (wall clock). */
interface Receipt {
  maxEventTimeMs: number;
  receivedAtMs: number;
}

/**
 * When a partition's input arrived, for the idle timeout and the
 * oldest-unapplied gauge: the last arrival of any of its topics, and the
 * batches whose newest event the engine's watermark has not passed yet.
 */
export class InputReceipts {
  /** Wall time the last record of any of the partition's topics arrived. */
  private lastInputAtMs: number;
  /** Batches whose newest event the engine has not applied yet, oldest first. */
  private receipts: Receipt[] = [];

  constructor(nowMs: number) {
    this.lastInputAtMs = nowMs;
  }

  /** Notes a fetched batch. */
  received(maxEventTimeMs: number, nowMs: number): void {
    this.lastInputAtMs = nowMs;
    const last = this.receipts[this.receipts.length - 1];
    if (last !== undefined && last.maxEventTimeMs >= maxEventTimeMs) return; // covered by a later-or-equal receipt
    this.receipts.push({ maxEventTimeMs, receivedAtMs: nowMs });
  }

  /** Wall time since the last record arrived (or since the partition was taken on). */
  quietForMs(nowMs: number): number {
    return nowMs - this.lastInputAtMs;
  }

  /** How many received batches hold events past `watermarkMs`; forgets the others. */
  unapplied(watermarkMs: number): number {
    let done = 0;
    while (done < this.receipts.length && this.receipts[done]!.maxEventTimeMs <= watermarkMs) done++;
    if (done > 0) this.receipts = this.receipts.slice(done);
    return this.receipts.length;
  }

  /** Wall time the oldest batch with events past `watermarkMs` has waited; 0 when there is none. */
  oldestUnappliedAgeMs(nowMs: number, watermarkMs: number): number {
    if (this.unapplied(watermarkMs) === 0) return 0;
    return nowMs - this.receipts[0]!.receivedAtMs;
  }
}
