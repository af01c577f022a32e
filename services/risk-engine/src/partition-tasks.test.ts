import { silentLogger } from "@redline/common";
import { createPipeline } from "@redline/pipeline";
import { noopRiskEngineMetrics } from "./metrics";
import type { PartitionStart, PartitionStateStore } from "./partition-state-store";
import { fakeTask } from "./partition-task-fakes";
import { PartitionTasks } from "./partition-tasks";

/** A state store whose reads wait until `finish` is called, as the changelog read of a large group does. */
function slowStore() {
  let finish!: () => void;
  const read = new Promise<void>((resolve) => (finish = resolve));
  const store = {
    start: async (): Promise<PartitionStart> => {
      await read;
      return { pipeline: createPipeline(), restored: false, lanes: [{ topic: "live.likes", nextOffset: 0n, highWatermark: 0n }], highsAsOfMs: 0 };
    },
    newGeneration: () => undefined,
  };
  return { store: store as unknown as PartitionStateStore, finish };
}

describe("PartitionTasks", () => {
  it("does not take on, or snapshot, a partition revoked while its state was being read", async () => {
    const { store, finish } = slowStore();
    const made: Array<ReturnType<typeof fakeTask>> = [];
    const tasks = new PartitionTasks({
      store,
      newTask: (partition, pipeline) => {
        const fake = fakeTask({ partition, pipeline, topics: ["live.likes"] });
        made.push(fake);
        return fake.task;
      },
      metrics: noopRiskEngineMetrics,
      logger: silentLogger,
      now: () => 0,
    });
    tasks.assigned([1]);
    const starting = tasks.taskFor(1);
    // A rebalance hands partition 1 to another member before its changelog read returns.
    tasks.assigned([0]);
    finish();
    await starting;
    expect([...tasks.values()].map((t) => t.partition)).toEqual([]);
    // Its first snapshot (and every periodic one after) would overwrite what the new owner restores from.
    await tasks.snapshotDue();
    expect(made.flatMap((m) => m.snapshots)).toEqual([]);
  });
});
