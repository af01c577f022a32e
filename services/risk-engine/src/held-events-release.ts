import type { Logger } from "@redline/common";
import { TableWaitBound, type MinuteTableHold } from "@redline/pipeline";
import type { RiskEngineMetrics } from "./metrics";
import type { PartitionTask } from "./partition-task";

export interface HeldEventsReleaseOptions {
  hold: MinuteTableHold;
  /** The tasks this member runs now. */
  tasks: () => Iterable<PartitionTask>;
  /** Whether `task` is still the one this member runs for its partition. */
  isCurrent: (task: PartitionTask) => boolean;
  logger: Logger;
  /** Wall time a table may stand still behind the watermark before the engine stops waiting on it (`TableWaitBound`); 0 or absent waits for ever. */
  maxTableWaitMs?: number;
  metrics?: Pick<RiskEngineMetrics, "setTableLagMs" | "tableMinutesPassedOver">;
  now?: () => number;
}

/**
 * Applies the events partitions hold for their minute tables (#21) once the
 * tables move: the tables are fed by their own readers, so nothing else
 * would wake a partition whose input is paused or quiet. Called on a timer;
 * does nothing while the tables stand still, unless one stood still past
 * its bound: then the engine stops waiting on it until it moves again.
 */
export class HeldEventsRelease {
  private readyThroughMs = Number.NEGATIVE_INFINITY;
  private readonly bounds: Map<string, TableWaitBound>;

  constructor(private readonly opts: HeldEventsReleaseOptions) {
    this.bounds = new Map(opts.hold.tableNames.map((name) => [name, new TableWaitBound({ maxWaitMs: opts.maxTableWaitMs ?? 0 })]));
  }

  /** Returns the partitions whose held events were offered to the engine again. */
  async check(): Promise<number[]> {
    this.lookAtTables();
    const released = await this.release();
    // Counted on every look: a passed-over table no longer holds the engine, which applies new minutes as its watermark moves.
    this.countPassedOver();
    return released;
  }

  private async release(): Promise<number[]> {
    const ready = this.opts.hold.readyThroughMs();
    if (ready <= this.readyThroughMs) return [];
    this.readyThroughMs = ready;
    const released: number[] = [];
    for (const task of this.opts.tasks()) {
      // A pipeline that polls (the crew's room alerts, #21) has work when a table moves even with nothing held.
      if (task.pipeline.engine.bufferedEvents === 0 && !task.pipeline.polls) continue;
      const done = await task.exclusive(async () => {
        if (!this.opts.isCurrent(task)) return false;
        await task.applyHeld();
        return true;
      });
      if (done) released.push(task.partition);
    }
    return released;
  }

  /** Reports each table's lag and passes over (or waits again on) the ones whose bound says so. */
  private lookAtTables(): void {
    const { hold, logger, metrics } = this.opts;
    const watermarkMs = Math.max(-1, ...this.currentTasks().map((t) => t.pipeline.engine.watermarkMs));
    const nowMs = (this.opts.now ?? Date.now)();
    for (const [table, bound] of this.bounds) {
      const readyThroughMs = hold.tableReadyThroughMs(table);
      const step = bound.observe({ readyThroughMs, watermarkMs, nowMs });
      metrics?.setTableLagMs(table, step.lagMs);
      if (step.change === undefined) continue;
      hold.passOver(table, step.passOver);
      const context = { table, readyThroughMs, watermarkMs, lagMs: step.lagMs, maxTableWaitMs: this.opts.maxTableWaitMs };
      if (step.change === "entered") {
        logger.warn("minute table stood still past REDLINE_ENGINE_TABLE_MAX_WAIT_MS: applying held events without it (alerts may differ from replay until it moves)", context);
      } else {
        // Ready moved back below what was offered: offer again from the table's own time.
        this.readyThroughMs = Number.NEGATIVE_INFINITY;
        logger.warn("minute table moved again: the engine waits on it again", context);
      }
    }
  }

  private countPassedOver(): void {
    const appliedThroughMs = Math.max(-1, ...this.currentTasks().map((t) => t.pipeline.engine.appliedThroughMs));
    for (const [table, bound] of this.bounds) {
      const minutes = bound.minutesPassedOver(appliedThroughMs);
      if (minutes > 0) this.opts.metrics?.tableMinutesPassedOver(table, minutes);
    }
  }

  private currentTasks(): PartitionTask[] {
    return [...this.opts.tasks()].filter((task) => this.opts.isCurrent(task));
  }
}
