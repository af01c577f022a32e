import type { Logger } from "@redline/common";
import type { MinuteTableHold } from "@redline/pipeline";
import type { PartitionTask } from "./partition-task";

export interface HeldEventsReleaseOptions {
  hold: MinuteTableHold;
  /** The tasks this member runs now. */
  tasks: () => Iterable<PartitionTask>;
  /** Whether `task` is still the one this member runs for its partition. */
  isCurrent: (task: PartitionTask) => boolean;
  logger: Logger;
}

/**
 * Applies the events partitions hold for their minute tables (#21) once the
 * tables move: the tables are fed by their own readers, so nothing else
 * would wake a partition whose input is paused or quiet. Called on a timer;
 * does nothing while the tables stand still.
 */
export class HeldEventsRelease {
  private readyThroughMs = Number.NEGATIVE_INFINITY;

  constructor(private readonly opts: HeldEventsReleaseOptions) {}

  /** Returns the partitions whose held events were offered to the engine again. */
  async check(): Promise<number[]> {
    const ready = this.opts.hold.readyThroughMs();
    if (ready <= this.readyThroughMs) return [];
    this.readyThroughMs = ready;
    const released: number[] = [];
    for (const task of this.opts.tasks()) {
      if (task.pipeline.engine.bufferedEvents === 0) continue;
      const done = await task.exclusive(async () => {
        if (!this.opts.isCurrent(task)) return false;
        await task.applyHeld();
        return true;
      });
      if (done) released.push(task.partition);
    }
    return released;
  }
}
