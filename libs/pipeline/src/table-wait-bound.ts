import { MINUTE_MS, minuteStart } from "@redline/minute-table";

/**
 * How long the service's engine waits on one minute table that stands still
 * (#21: the crew detector down or refusing to start held every room's
 * falsification alerts with no sign). The hold itself is what keeps the
 * service equal to replay, so it is given up only when the table is plainly
 * stuck: its ready time has not moved for `maxWaitMs` of wall time while an
 * engine's watermark was past it. A healthy table moves at least once per
 * event-time minute plus a round trip through Kafka and its producer, so a
 * bound of minutes never fires on it, backlog or not; an event-time bound
 * would (a sparse partition catching up reads hours of event time in
 * seconds). Past the bound the service and replay may differ: replay runs
 * the table's producer in-process and never waits, the service applies the
 * waiting minutes reading the versions it has (crews known before the stall
 * still count, crews found during it do not). That costs known-crew evidence
 * in those minutes, never raises an alert replay would not have grounds for,
 * and is counted per minute and logged; the alternative is no falsification
 * alert at all for as long as the producer is down. The engine waits again
 * as soon as the table moves.
 */
export interface TableWaitBoundOptions {
  /** Wall time a table may stand still behind the engine's watermark before it is passed over; 0 waits for ever. */
  maxWaitMs: number;
}

/** One look at a table and the engines that wait on it. */
export interface TableWaitObservation {
  /** The table's own ready time (`ReadyTable.readyThroughMs`). */
  readyThroughMs: number;
  /** The newest watermark among the engines that read it; -1 before any event. */
  watermarkMs: number;
  /** Wall clock. */
  nowMs: number;
}

export interface TableWaitStep {
  /** Whether the hold should pass the table over now. */
  passOver: boolean;
  /** Set when this look changed `passOver`: "entered" once the bound ran out, "left" when the table moved again. */
  change?: "entered" | "left";
  /** How far the watermark is past the table's ready time, 0 when it is not. */
  lagMs: number;
}

export class TableWaitBound {
  private lastReadyMs = Number.NEGATIVE_INFINITY;
  private waitingSinceMs: number | undefined;
  private passedOver = false;
  /** Start of the first minute not yet counted as passed over. */
  private countFromMs = Number.NEGATIVE_INFINITY;
  /** The first watermark seen: where a table never heard from (ready -Infinity) starts to lag. */
  private firstWatermarkMs: number | undefined;
  /** The table's ready time at the last look, -Infinity made finite from the first watermark. */
  private readyMs = Number.NEGATIVE_INFINITY;

  constructor(private readonly opts: TableWaitBoundOptions) {}

  get passingOver(): boolean {
    return this.passedOver;
  }

  observe(o: TableWaitObservation): TableWaitStep {
    if (o.watermarkMs >= 0) this.firstWatermarkMs ??= o.watermarkMs;
    // A table whose producer was never heard from lags by all the event time the engine has seen since it started.
    this.readyMs = Number.isFinite(o.readyThroughMs) ? o.readyThroughMs : (this.firstWatermarkMs ?? 0) - 1;
    const lagMs = Math.max(0, o.watermarkMs - this.readyMs);
    let change: TableWaitStep["change"];
    if (o.readyThroughMs > this.lastReadyMs) {
      // Any move counts: the producer is alive, and the hold is what keeps replay's answer.
      this.lastReadyMs = o.readyThroughMs;
      this.waitingSinceMs = undefined;
      if (this.passedOver) change = "left";
      this.passedOver = false;
    }
    if (lagMs === 0) {
      // Nothing waits on it: a table that stands still while input is quiet is not stuck.
      if (!this.passedOver) this.waitingSinceMs = undefined;
    } else if (!this.passedOver) {
      this.waitingSinceMs ??= o.nowMs;
      if (this.opts.maxWaitMs > 0 && o.nowMs - this.waitingSinceMs >= this.opts.maxWaitMs) {
        this.passedOver = true;
        change = "entered";
      }
    }
    return { passOver: this.passedOver, ...(change ? { change } : {}), lagMs };
  }

  /**
   * Event-time minutes newly applied without the table being ready for them,
   * given how far the engines applied after the last look: from the first
   * minute the table is not ready for through the one applied last, each
   * counted once. 0 while the table is not passed over.
   */
  minutesPassedOver(appliedThroughMs: number): number {
    if (!this.passedOver) return 0;
    const fromMs = Math.max(this.countFromMs, minuteStart(this.readyMs + 1));
    const throughMs = minuteStart(appliedThroughMs);
    if (appliedThroughMs <= this.readyMs || throughMs < fromMs) return 0;
    this.countFromMs = throughMs + MINUTE_MS;
    return (throughMs - fromMs) / MINUTE_MS + 1;
  }
}
