import { encodeCursor, type CursorPositions } from "@redline/common";
import type { Alert } from "@redline/proto";
import type { AlertRing, FeedRecord } from "./alert-ring";
import { SlowClientError } from "./errors";
import { matchesFilter, type AlertFilter } from "./filters";

/** An alert ready to send, with the cursor that resumes right after it. */
export interface QueuedAlert {
  readonly alert: Alert;
  readonly cursor: string;
}

/** A running read of the alerts topic from explicit offsets, for a client the ring cannot serve. */
export interface CatchUpHandle {
  stop(): Promise<void>;
}

/**
 * Opens a catch-up read from `from`; `sink` gets records in offset order per
 * partition and resolves when it can take more (that is the backpressure).
 * `onError` reports a read that stopped for good after it opened.
 */
export type CatchUpOpener = (
  from: CursorPositions,
  sink: (records: readonly FeedRecord[]) => Promise<void>,
  onError: (err: Error) => void,
) => Promise<CatchUpHandle>;

export interface SubscriptionLimits {
  maxQueuedAlerts: number;
  slowClientGraceMs: number;
}

type Mode = { kind: "ring"; nextSeq: number } | { kind: "catch-up"; handle?: CatchUpHandle } | { kind: "closed" };

/**
 * One client's view of the feed: its filter, its position per partition, and
 * a bounded queue of matching alerts not yet written to it. It reads from the
 * shared ring when the ring holds its position, otherwise from its own
 * catch-up reader until the ring does. The queue never holds more than
 * `maxQueuedAlerts`; a client that keeps it full past the grace is failed
 * with `SlowClientError`.
 */
export class FeedSubscription {
  private readonly queue: QueuedAlert[] = [];
  private readonly positions: Map<number, bigint>;
  private mode: Mode;
  private fullSinceMs: number | undefined;
  private spaceWaiters: Array<() => void> = [];
  private listener: (() => void) | undefined;
  private failure: Error | undefined;
  /** Largest queue length seen; lets tests and metrics check the bound held. */
  peakQueued = 0;

  constructor(
    readonly id: number,
    private readonly filter: AlertFilter,
    start: CursorPositions,
    startSeq: number | undefined,
    private readonly ring: AlertRing,
    private readonly limits: SubscriptionLimits,
    private readonly openCatchUp: CatchUpOpener | undefined,
    private readonly nowMs: () => number,
    private readonly onClosed: (sub: FeedSubscription) => void,
  ) {
    this.positions = new Map(start);
    this.mode = startSeq === undefined ? { kind: "catch-up" } : { kind: "ring", nextSeq: startSeq };
  }

  /** Called when alerts are queued or the subscription failed; one listener (the writer). */
  onReadable(listener: () => void): void {
    this.listener = listener;
  }

  get queued(): number {
    return this.queue.length;
  }

  get closed(): boolean {
    return this.mode.kind === "closed";
  }

  /** The error that ended this subscription, if any. */
  get error(): Error | undefined {
    return this.failure;
  }

  get readingFromRing(): boolean {
    return this.mode.kind === "ring";
  }

  /** Next queued alert, or undefined; frees queue space. */
  take(): QueuedAlert | undefined {
    const item = this.queue.shift();
    if (item === undefined) return undefined;
    if (this.queue.length < this.limits.maxQueuedAlerts) this.fullSinceMs = undefined;
    const waiters = this.spaceWaiters;
    this.spaceWaiters = [];
    for (const w of waiters) w();
    if (this.mode.kind === "ring") this.pumpRing();
    return item;
  }

  /** Moves ring entries the client has not seen into its queue while there is room. */
  pumpRing(): void {
    while (this.mode.kind === "ring" && !this.isFull()) {
      const mode = this.mode;
      if (mode.nextSeq >= this.ring.nextSeq) return;
      const entry = this.ring.at(mode.nextSeq);
      if (entry === undefined) {
        // Evicted before this client read it: it fell behind the ring.
        this.startCatchUp();
        return;
      }
      mode.nextSeq += 1;
      this.accept(entry);
    }
  }

  /** Starts (or restarts) the catch-up read from this client's positions. */
  startCatchUp(): void {
    if (this.mode.kind === "closed") return;
    if (this.openCatchUp === undefined) {
      this.fail(new SlowClientError("client fell behind the recent-alert buffer", { queuedAlerts: this.queue.length }));
      return;
    }
    const mode: Mode = { kind: "catch-up" };
    this.mode = mode;
    const onError = (err: Error) => {
      if (this.mode === mode) this.fail(err);
    };
    this.openCatchUp(new Map(this.positions), (records) => this.acceptCatchUp(mode, records), onError).then(
      (handle) => {
        if (this.mode === mode) mode.handle = handle;
        else void handle.stop();
      },
      (err: unknown) => this.fail(err instanceof Error ? err : new Error(String(err))),
    );
  }

  private async acceptCatchUp(mode: Mode, records: readonly FeedRecord[]): Promise<void> {
    for (const record of records) {
      while (this.mode === mode && this.isFull()) await new Promise<void>((r) => this.spaceWaiters.push(r));
      if (this.mode !== mode) return;
      this.accept(record);
    }
    this.trySwitchToRing();
  }

  /** Leaves the catch-up reader once the ring holds everything from this client's positions on. */
  trySwitchToRing(): boolean {
    const mode = this.mode;
    if (mode.kind !== "catch-up" || !this.ring.covers(this.positions)) return false;
    this.mode = { kind: "ring", nextSeq: this.ring.firstSeq };
    void mode.handle?.stop();
    this.pumpRing();
    return true;
  }

  private accept(record: FeedRecord): void {
    const position = this.positions.get(record.partition);
    if (position !== undefined && record.offset < position) return; // already delivered
    this.positions.set(record.partition, record.offset + 1n);
    if (!matchesFilter(this.filter, record.alert)) return;
    this.queue.push({ alert: record.alert, cursor: encodeCursor(this.positions) });
    this.peakQueued = Math.max(this.peakQueued, this.queue.length);
    if (this.isFull() && this.fullSinceMs === undefined) this.fullSinceMs = this.nowMs();
    this.listener?.();
  }

  private isFull(): boolean {
    return this.queue.length >= this.limits.maxQueuedAlerts;
  }

  /** Fails the client if its queue has been full for longer than the grace. */
  enforceGrace(): void {
    if (this.fullSinceMs === undefined || this.mode.kind === "closed") return;
    const fullForMs = this.nowMs() - this.fullSinceMs;
    if (fullForMs <= this.limits.slowClientGraceMs) return;
    this.fail(
      new SlowClientError(
        `client too slow: its ${this.queue.length}-alert buffer stayed full for ${fullForMs} ms ` +
          `(limit ${this.limits.slowClientGraceMs} ms); resume from the last cursor received`,
        { queuedAlerts: this.queue.length, fullForMs },
      ),
    );
  }

  fail(err: Error): void {
    if (this.mode.kind === "closed") return;
    this.failure = err;
    this.close();
    this.listener?.();
  }

  /** Releases everything: reader, queue, waiters. Safe to call twice. */
  close(): void {
    const mode = this.mode;
    if (mode.kind === "closed") return;
    this.mode = { kind: "closed" };
    if (mode.kind === "catch-up") void mode.handle?.stop();
    this.queue.length = 0;
    const waiters = this.spaceWaiters;
    this.spaceWaiters = [];
    for (const w of waiters) w();
    this.onClosed(this);
  }
}
