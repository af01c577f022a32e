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
  /** Tasks being taken on: a batch and `startOwned` may ask for the same partition at once. */
  private readonly starting = new Map<number, Promise<PartitionTask>>();
  private owned: readonly number[] = [];

  constructor(private readonly opts: PartitionTasksOptions) {}

  taskFor(partition: number): Promise<PartitionTask> {
    const existing = this.tasks.get(partition);
    if (existing) return Promise.resolve(existing);
    const started = this.starting.get(partition) ?? this.start(partition).finally(() => this.starting.delete(partition));
    this.starting.set(partition, started);
    return started;
  }

  /**
   * Takes on every owned partition no batch has come for yet: one without
   * input still has to tell the crew detector how far it got (#21,
   * `QuietPartitionMarks`), and a task is what remembers its promise.
   */
  async startOwned(): Promise<void> {
    for (const p of this.owned) if (!this.tasks.has(p)) await this.taskFor(p);
  }

  private async start(partition: number): Promise<PartitionTask> {
    const startedAt = this.opts.now();
    const start = await this.opts.store.start(partition);
    const task = this.opts.newTask(partition, start.pipeline);
    task.startLanes(start.lanes, start.highsAsOfMs);
    if (!this.owned.includes(partition)) {
      // Revoked while its state was read: its new owner restores from the changelog, which this task's
      // first and periodic snapshots would overwrite with a state that goes no further.
      task.drop();
      this.opts.logger.info("partition revoked while its state was read; not taken on", { partition });
      return task;
    }
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
    this.owned = [...owned];
    for (const p of [...this.tasks.keys()]) {
      if (owned.includes(p)) continue;
      this.tasks.get(p)?.drop();
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

  /** The periodic snapshots: each partition whose interval has passed takes one (in the background when sliced). */
  async snapshotDue(): Promise<void> {
    for (const task of this.tasks.values()) await task.snapshotIfDue();
  }

  status(): Array<{ partition: number; counters: EngineCounters; offsets: Record<string, string> }> {
    return [...this.tasks.values()]
      .sort((a, b) => a.partition - b.partition)
      .map((t) => ({ partition: t.partition, counters: t.pipeline.engine.counters(), offsets: t.snapshotOffsets() }));
  }
}
