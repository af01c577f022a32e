import type { Logger } from "@redline/common";
import type { EngineCounters, RiskPipeline } from "@redline/engine";
import type { RiskEngineMetrics } from "./metrics";
import type { PartitionStateStore } from "./partition-state-store";
import type { PartitionTask } from "./partition-task";

export interface PartitionTasksOptions {
  store: PartitionStateStore;
  newTask: (partition: number, pipeline: RiskPipeline) => PartitionTask;
  metrics: RiskEngineMetrics;
  logger: Logger;
  now: () => number;
}

/** The partitions this member works on now, each taken on from the state store the first time a batch of it comes. */
export class PartitionTasks {
  private readonly tasks = new Map<number, PartitionTask>();

  constructor(private readonly opts: PartitionTasksOptions) {}

  async taskFor(partition: number): Promise<PartitionTask> {
    const existing = this.tasks.get(partition);
    if (existing) return existing;
    const startedAt = this.opts.now();
    const start = await this.opts.store.start(partition);
    const task = this.opts.newTask(partition, start.pipeline);
    task.startLanes(start.lanes, start.highsAsOfMs);
    this.tasks.set(partition, task);
    // A first snapshot pins the start offsets, so even a crash before the next one resumes here.
    if (!start.restored) await task.checkpoint();
    const restoreMs = this.opts.now() - startedAt;
    this.opts.metrics.stateRestoredMs(restoreMs);
    this.opts.logger.info("partition state ready", { partition, restored: start.restored, restoreMs });
    return task;
  }

  /**
   * After a join, with the partition numbers this member owns: drops the
   * others without a snapshot (their new owner may already have restored, so
   * a later snapshot from here could only confuse), and has partitions new
   * to it read the changelog as it is now.
   */
  assigned(owned: readonly number[]): void {
    for (const p of [...this.tasks.keys()]) {
      if (owned.includes(p)) continue;
      this.tasks.delete(p);
      this.opts.metrics.forgetPartition(p);
    }
    this.opts.store.newGeneration();
  }

  /** Whether `task` is still the one this member runs for its partition (a rebalance may have replaced it). */
  isCurrent(task: PartitionTask): boolean {
    return this.tasks.get(task.partition) === task;
  }

  values(): IterableIterator<PartitionTask> {
    return this.tasks.values();
  }

  async checkpointAll(): Promise<void> {
    for (const task of this.tasks.values()) await task.checkpoint();
  }

  status(): Array<{ partition: number; counters: EngineCounters; offsets: Record<string, string> }> {
    return [...this.tasks.values()]
      .sort((a, b) => a.partition - b.partition)
      .map((t) => ({ partition: t.partition, counters: t.pipeline.engine.counters(), offsets: t.snapshotOffsets() }));
  }
}
