import type { LiveEvent } from "@redline/proto";

interface Queued {
  offset: bigint;
  event: LiveEvent;
  /** W3C traceparent of the record that carried the event, if any. */
  traceparent?: string;
  /** When the record was published (its Kafka timestamp, at most when it was received); absent: unknown. */
  publishedAtMs?: number;
}

/** An event leaving the merge, with where it came from. */
export interface Released {
  event: LiveEvent;
  topic: string;
  traceparent: string | undefined;
}

interface TopicLane {
  queue: Queued[];
  head: number;
  /** Next offset expected from the broker (everything below was received). */
  received: bigint | undefined;
  /** The lane had nothing more to fetch when last heard from. */
  caughtUp: boolean;
  /**
   * Wall time up to which the lane is known complete: every record published
   * to it before then has been received. Infinite for lanes nobody dated.
   */
  knownThroughMs: number;
  /** A high-water mark asked for at `asOfMs`: once received reaches it, the lane is complete as of then. */
  pendingMark: { high: bigint; asOfMs: number } | undefined;
}

/**
 * Merges one partition number's input topics into event-time order before
 * the engine sees them. Each topic of a partition is its own lane; an event
 * is released only when no lane that is still behind its broker's high-water
 * mark has run dry, so a topic whose batch happens to be fetched later (a
 * backlog after a restart, a slow fetch) does not turn its events into late
 * ones. A lane that is caught up never blocks: live events arrive in
 * real-time order and the engine's lateness bound absorbs the rest.
 */
export class AlignedMerge {
  private readonly lanes = new Map<string, TopicLane>();

  /**
   * @param inFlightMarginMs how long a record may take from its timestamp to
   *   the broker's log (producer batching, a slow network): a lane known
   *   complete at T is taken as complete only up to T minus this.
   * @param backfillAfterMs a record published this long after its event time
   *   is a backfill (see `release`): the engine's allowed lateness.
   */
  constructor(
    topics: readonly string[],
    private readonly inFlightMarginMs = 2_000,
    private readonly backfillAfterMs = 10_000,
  ) {
    for (const t of topics) this.lanes.set(t, this.newLane());
  }

  /** Set when `release` stopped at a lane whose completeness is not known recent enough (see `release`). */
  waitingForConfirmation = false;

  /** Latest publication time of a backfill received on any lane (see `release`). */
  private lastBackfillPublishedAtMs = Number.NEGATIVE_INFINITY;

  /**
   * Sets where a lane starts and whether the broker holds more for it;
   * `asOfMs` is when the high-water mark was asked for.
   */
  startLane(topic: string, nextOffset: bigint, highWatermark: bigint, asOfMs = Number.POSITIVE_INFINITY): void {
    const lane = this.lane(topic);
    lane.received = nextOffset;
    lane.caughtUp = nextOffset >= highWatermark;
    lane.knownThroughMs = lane.caughtUp ? asOfMs - this.inFlightMarginMs : Number.NEGATIVE_INFINITY;
    lane.pendingMark = lane.caughtUp ? undefined : { high: highWatermark, asOfMs };
  }

  /** Next offset expected on `topic`; records below it were already received. */
  received(topic: string): bigint | undefined {
    return this.lane(topic).received;
  }

  /** Queues a fetched batch of one topic (in offset order); returns how many were new. */
  add(topic: string, records: ReadonlyArray<Queued>, highWatermark: bigint): number {
    const lane = this.lane(topic);
    let added = 0;
    for (const r of records) {
      if (lane.received !== undefined && r.offset < lane.received) continue;
      if (this.isBackfill(r)) this.lastBackfillPublishedAtMs = Math.max(this.lastBackfillPublishedAtMs, r.publishedAtMs!);
      lane.queue.push(r);
      lane.received = r.offset + 1n;
      added++;
    }
    if (lane.received !== undefined) lane.caughtUp = lane.received >= highWatermark;
    const last = records[records.length - 1];
    if (lane.caughtUp && last !== undefined) {
      lane.knownThroughMs = Math.max(lane.knownThroughMs, (last.publishedAtMs ?? Number.POSITIVE_INFINITY) - this.inFlightMarginMs);
    }
    this.settlePendingMark(lane);
    return added;
  }

  /** Records refused before reaching the merge still move the lane's position on. */
  advance(topic: string, nextOffset: bigint, highWatermark: bigint): void {
    const lane = this.lane(topic);
    if (lane.received === undefined || nextOffset > lane.received) lane.received = nextOffset;
    lane.caughtUp = lane.received >= highWatermark;
    this.settlePendingMark(lane);
  }

  /**
   * Compares every lane with the broker's current high-water marks
   * (`highOf(topic)`, undefined when unknown) and returns the topics that
   * still have records to fetch. Only a lane the broker confirms is read to
   * its end may stop holding the others back when input looks quiet: during
   * a backlog a partition's batches can be seconds apart, and taking such a
   * gap for quiet input released the lanes ahead and made the rest late
   * (issue 17: 3,593 -> 220,445 late events across one restart).
   */
  refreshHighWatermarks(highOf: (topic: string) => bigint | undefined, asOfMs = Number.POSITIVE_INFINITY): string[] {
    const behind: string[] = [];
    for (const [topic, lane] of this.lanes) {
      const high = highOf(topic);
      if (high === undefined) {
        if (!lane.caughtUp) behind.push(topic);
        continue;
      }
      lane.caughtUp = lane.received === undefined ? high === 0n : lane.received >= high;
      if (!lane.caughtUp) {
        behind.push(topic);
        lane.pendingMark = { high, asOfMs };
      } else lane.knownThroughMs = Math.max(lane.knownThroughMs, asOfMs - this.inFlightMarginMs);
    }
    return behind;
  }

  /**
   * Stops waiting for `topics`: their remaining offsets will not be
   * delivered (transaction markers, a compacted tail), so holding the other
   * lanes for them would hold the partition for ever.
   */
  giveUpWaitingFor(topics: readonly string[]): void {
    for (const t of topics) {
      const lane = this.lane(t);
      lane.caughtUp = true;
      lane.knownThroughMs = Number.POSITIVE_INFINITY;
    }
  }

  /**
   * Takes every event that can be released now, in (eventTimeMs, eventId)
   * order. While a lane is behind (a backlog), a caught-up lane that has run
   * dry is only known complete up to when it was last heard from: records
   * published to it since then come in a later fetch. An event published
   * after that time waits (`waitingForConfirmation`) until the lane delivers
   * or the broker confirms it (`refreshHighWatermarks`), since releasing it
   * could move the watermark past them (issue 17: reading a backlog, one
   * round of fetches outlasted the lateness bound and hundreds of events of
   * a drained topic arrived late).
   */
  release(): Released[] {
    const out: Released[] = [];
    this.waitingForConfirmation = false;
    let catchingUp = false;
    for (const lane of this.lanes.values()) if (!lane.caughtUp) catchingUp = true;
    for (;;) {
      let best: TopicLane | undefined;
      let bestTopic = "";
      for (const [topic, lane] of this.lanes) {
        const head = lane.queue[lane.head];
        if (head === undefined) {
          if (!lane.caughtUp) return out;
          continue;
        }
        const bestHead = best?.queue[best.head];
        if (
          bestHead === undefined ||
          head.event.eventTimeMs < bestHead.event.eventTimeMs ||
          (head.event.eventTimeMs === bestHead.event.eventTimeMs && head.event.eventId < bestHead.event.eventId)
        ) {
          best = lane;
          bestTopic = topic;
        }
      }
      if (best === undefined) return out;
      const q = best.queue[best.head]!;
      // A backfill (the recent past published now: a platform catching up, the demo's earlier traffic) is read as a
      // backlog is: the lateness bound absorbs fetch skew between topics only for events published about when they
      // happened, and the demo's past rooms came in 1,483 events late (#21: the crew's rooms lost their activity).
      // Records published within the lateness bound after a backfill wait too: a producer that flushes a backlog
      // (held 30 s by a network stall) publishes backfills and then on-time records in one burst, and an on-time
      // record released while another topic's backfill of the same burst was still on its way made that one late
      // (issue 17, network-stall: ~3,000 late events and alerts unlike replay's).
      const afterBackfill = q.publishedAtMs !== undefined && q.publishedAtMs <= this.lastBackfillPublishedAtMs + this.backfillAfterMs;
      // So does an event dated after its own publication (a producer's clock ahead; the fault suite's closing event,
      // 6 min ahead): it moves the watermark past what other topics published just before it, still on its way
      // (issue 17, network-stall: released before the last 91 input records of its partition arrived, it made them late).
      const ahead = q.publishedAtMs !== undefined && q.event.eventTimeMs - q.publishedAtMs > this.inFlightMarginMs;
      if ((catchingUp || afterBackfill || ahead || this.isBackfill(q)) && q.publishedAtMs !== undefined && this.unconfirmedBefore(q.publishedAtMs)) {
        this.waitingForConfirmation = true;
        return out;
      }
      out.push({ event: q.event, topic: bestTopic, traceparent: q.traceparent });
      best.head++;
      if (best.head > 1024 && best.head * 2 > best.queue.length) {
        best.queue = best.queue.slice(best.head);
        best.head = 0;
      }
    }
  }

  /** Per topic, the first offset not yet released to the engine: what a snapshot covers. */
  firstUnreleased(): Map<string, bigint> {
    const out = new Map<string, bigint>();
    for (const [topic, lane] of this.lanes) {
      const head = lane.queue[lane.head];
      if (head !== undefined) out.set(topic, head.offset);
      else if (lane.received !== undefined) out.set(topic, lane.received);
    }
    return out;
  }

  /** Events waiting on `topic`, for backpressure. */
  queued(topic: string): number {
    const lane = this.lane(topic);
    return lane.queue.length - lane.head;
  }

  private settlePendingMark(lane: TopicLane): void {
    if (lane.pendingMark === undefined || lane.received === undefined || lane.received < lane.pendingMark.high) return;
    lane.knownThroughMs = Math.max(lane.knownThroughMs, lane.pendingMark.asOfMs - this.inFlightMarginMs);
    lane.pendingMark = undefined;
  }

  /** Published more than the allowed lateness after it happened: the recent past published now. */
  private isBackfill(q: Queued): boolean {
    return q.publishedAtMs !== undefined && q.publishedAtMs - q.event.eventTimeMs > this.backfillAfterMs;
  }

  /** Some dry, caught-up lane is not known complete as late as `publishedAtMs`. */
  private unconfirmedBefore(publishedAtMs: number): boolean {
    for (const lane of this.lanes.values()) {
      if (lane.caughtUp && lane.head >= lane.queue.length && lane.knownThroughMs < publishedAtMs) return true;
    }
    return false;
  }

  private newLane(): TopicLane {
    return { queue: [], head: 0, received: undefined, caughtUp: true, knownThroughMs: Number.POSITIVE_INFINITY, pendingMark: undefined };
  }

  private lane(topic: string): TopicLane {
    let lane = this.lanes.get(topic);
    if (!lane) {
      lane = this.newLane();
      this.lanes.set(topic, lane);
    }
    return lane;
  }
}
