import { TailLimitError } from "./errors";

/**
 * Counts the Tail streams each principal has open and refuses one more than
 * `maxPerClient` (issue 17): every Tail holds a subscription queue and, when
 * resuming, a Kafka catch-up read, so one leaked or looping token could
 * otherwise take the gateway's memory for everyone.
 */
export class TailQuota {
  private readonly open = new Map<string, number>();

  constructor(private readonly maxPerClient: number) {}

  /** Takes a slot for `principalId`; the returned function gives it back (once, however often it is called). */
  acquire(principalId: string): () => void {
    const held = this.open.get(principalId) ?? 0;
    if (held >= this.maxPerClient) throw new TailLimitError(principalId, this.maxPerClient);
    this.open.set(principalId, held + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const now = (this.open.get(principalId) ?? 1) - 1;
      if (now === 0) this.open.delete(principalId);
      else this.open.set(principalId, now);
    };
  }

  /** Tails `principalId` has open now. */
  openFor(principalId: string): number {
    return this.open.get(principalId) ?? 0;
  }
}
