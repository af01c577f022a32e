import type { CursorPositions } from "@redline/common";
import type { Alert } from "@redline/proto";
import { AlertRing, type FeedRecord } from "./alert-ring";
import { CatchUpLimitError, SlowClientError } from "./errors";
import { FeedSubscription, type CatchUpOpener } from "./feed-subscription";
import type { AlertFilter } from "./filters";

export interface AlertFeedOptions {
  /** Offsets the shared reader starts from (the live end at start-up). */
  start: CursorPositions;
  /** Recent alerts kept in memory for every client together. */
  ringCapacity?: number;
  /** Matching alerts held per client before it counts as full. */
  maxQueuedAlerts?: number;
  /** How long a client's queue may stay full before it is disconnected. */
  slowClientGraceMs?: number;
  /** Reads from Kafka for clients whose cursor is older than the ring. */
  openCatchUp?: CatchUpOpener;
  /** Most catch-up reads open at once (each holds a consumer and its buffers). */
  maxCatchUps?: number;
  nowMs?: () => number;
}

export interface AlertFeedStats {
  ringSize: number;
  subscribers: number;
  /** Largest per-client queue any client reached since start (the bound must hold). */
  peakQueued: number;
  slowClientsDropped: number;
  /** Catch-up reads opened for clients the ring could not serve. */
  catchUpsOpened: number;
  /** Catch-up reads open now. */
  catchUpsActive: number;
}

/**
 * Fan-out of one alerts topic to many clients with bounded memory: one ring
 * of recent alerts shared by all, plus at most `maxQueuedAlerts` per client.
 * The owner feeds it records from one shared reader (`ingest`) and calls
 * `enforceSlowClientPolicy` on a timer.
 */
export class AlertFeed {
  private readonly ring: AlertRing;
  private readonly subscribers = new Set<FeedSubscription>();
  private readonly maxQueuedAlerts: number;
  private readonly slowClientGraceMs: number;
  private readonly nowMs: () => number;
  private nextId = 1;
  private slowClientsDropped = 0;
  private peakQueuedOfClosed = 0;
  private catchUpsOpened = 0;
  private catchUpsActive = 0;
  private readonly openCatchUp: CatchUpOpener | undefined;

  constructor(opts: AlertFeedOptions) {
    this.maxQueuedAlerts = opts.maxQueuedAlerts ?? 1000;
    this.slowClientGraceMs = opts.slowClientGraceMs ?? 10_000;
    if (!Number.isInteger(this.maxQueuedAlerts) || this.maxQueuedAlerts < 1) {
      throw new RangeError(`maxQueuedAlerts must be a positive integer, got ${this.maxQueuedAlerts}`);
    }
    this.ring = new AlertRing(opts.ringCapacity ?? 10_000, opts.start);
    this.nowMs = opts.nowMs ?? Date.now;
    const open = opts.openCatchUp;
    const maxCatchUps = opts.maxCatchUps ?? 16;
    this.openCatchUp =
      open === undefined
        ? undefined
        : async (from, sink, onError) => {
            if (this.catchUpsActive >= maxCatchUps) throw new CatchUpLimitError(maxCatchUps);
            this.catchUpsActive += 1;
            this.catchUpsOpened += 1;
            let released = false;
            const release = () => {
              if (!released) this.catchUpsActive -= 1;
              released = true;
            };
            try {
              const handle = await open(from, sink, (err) => {
                release();
                onError(err);
              });
              return {
                stop: async () => {
                  release();
                  await handle.stop();
                },
              };
            } catch (err) {
              release();
              throw err;
            }
          };
  }

  /** Records from the shared reader, in offset order per partition. */
  ingest(records: readonly FeedRecord[]): void {
    // Pump after every record, not once per batch: a batch larger than the
    // ring would otherwise evict what current clients have not queued yet.
    for (const r of records) {
      if (this.ring.append(r) === undefined) continue;
      for (const sub of this.subscribers) {
        if (sub.readingFromRing) sub.pumpRing();
        else sub.trySwitchToRing();
      }
    }
  }

  /**
   * A new client. Without positions it starts at the live end; with them it
   * gets every matching alert after them, from the ring when it still holds
   * them, otherwise from a catch-up read.
   */
  subscribe(filter: AlertFilter, positions: CursorPositions | undefined): FeedSubscription {
    const limits = { maxQueuedAlerts: this.maxQueuedAlerts, slowClientGraceMs: this.slowClientGraceMs };
    const onClosed = (sub: FeedSubscription) => {
      this.subscribers.delete(sub);
      this.peakQueuedOfClosed = Math.max(this.peakQueuedOfClosed, sub.peakQueued);
      if (sub.error instanceof SlowClientError) this.slowClientsDropped += 1;
    };
    const id = this.nextId++;
    const make = (start: CursorPositions, startSeq: number | undefined) =>
      new FeedSubscription(id, filter, start, startSeq, this.ring, limits, this.openCatchUp, this.nowMs, onClosed);
    if (positions === undefined) {
      const sub = make(this.ring.head(), this.ring.nextSeq);
      this.subscribers.add(sub);
      return sub;
    }
    const start = this.ring.complete(positions);
    const fromRing = this.ring.covers(start);
    const sub = make(start, fromRing ? this.ring.firstSeq : undefined);
    this.subscribers.add(sub);
    if (fromRing) sub.pumpRing();
    else sub.startCatchUp();
    return sub;
  }

  /** Fails every client whose queue stayed full past the grace. */
  enforceSlowClientPolicy(): void {
    for (const sub of [...this.subscribers]) sub.enforceGrace();
  }

  /** The most recent copy of an alert still in memory. */
  findAlert(alertId: string): Alert | undefined {
    return this.ring.findAlert(alertId);
  }

  /** Where a client starting now at the live end would begin. */
  livePositions(): Map<number, bigint> {
    return this.ring.head();
  }

  stats(): AlertFeedStats {
    let peakQueued = this.peakQueuedOfClosed;
    for (const sub of this.subscribers) peakQueued = Math.max(peakQueued, sub.peakQueued);
    return {
      ringSize: this.ring.size,
      subscribers: this.subscribers.size,
      peakQueued,
      slowClientsDropped: this.slowClientsDropped,
      catchUpsOpened: this.catchUpsOpened,
      catchUpsActive: this.catchUpsActive,
    };
  }

  /** Ends every subscription with `err` (the feed itself stopped). */
  failAll(err: Error): void {
    for (const sub of [...this.subscribers]) sub.fail(err);
  }

  /** Closes every subscription (shutdown). */
  closeAll(): void {
    for (const sub of [...this.subscribers]) sub.close();
  }
}
