import { join } from "node:path";
import { createPipeline } from "@redline/pipeline";
import { fixedPolicy, loadPolicyFile } from "@redline/policy";
import { ActionKind, ControlAction, LiveEvent, RoomEventKind } from "@redline/proto";
import { fakeBatch as batch, fakeTask as harness, RecordingSink } from "./partition-task-fakes";

const T0 = Date.UTC(2026, 10, 1, 12, 0, 0);
const ROOMS = "live.rooms";
const LIKES = "live.likes";
const POLICY = join(__dirname, "..", "..", "..", "deploy", "policy", "default-policy.json");

function roomEvent(roomId: string, timeMs: number, age?: number): LiveEvent {
  return LiveEvent.fromPartial({
    eventId: `${roomId}-${timeMs}`,
    roomId,
    eventTimeMs: timeMs,
    platform: "test",
    body: {
      $case: "room",
      value: age === undefined
        ? { kind: RoomEventKind.ROOM_EVENT_KIND_UPDATED, followerCount: 1 }
        : { kind: RoomEventKind.ROOM_EVENT_KIND_STARTED, followerCount: 10, streamer: { userId: `s-${roomId}`, age, realNameVerified: true } },
    },
  });
}

describe("PartitionTask batches", () => {
  it("scores a batch, publishes the alert and its action in one request, reports the alert, and commits past the batch", async () => {
    const { task, sink, reported } = harness({ pipeline: createPipeline({ policy: fixedPolicy(loadPolicyFile(POLICY)) }) });
    const handled = await task.handleBatch(batch(ROOMS, 0, [roomEvent("r1", T0, 14)], 1));
    expect(handled.commitOffset).toBe(1n);
    expect(sink.sent.map((b) => b.topic)).toEqual(["alerts", "actions"]);
    const actions = sink.sent[1]!.records.map((r) => ControlAction.decode(r.value));
    expect(actions.map((a) => a.kind)).toContain(ActionKind.ACTION_KIND_BLOCK_STREAM);
    expect(sink.sent[1]!.records[0]!.key).toBe("r1");
    expect(sink.sent[1]!.records[0]!.headers?.["content-type"]).toBe("application/x-protobuf");
    expect(reported.filter((r) => r.startsWith("alert")).length).toBe(sink.sent[0]!.records.length);
  });

  it("keeps the outputs of a failed send and sends exactly them when the batch is retried", async () => {
    const sink = new RecordingSink(1);
    const { task } = harness({ pipeline: createPipeline({ policy: fixedPolicy(loadPolicyFile(POLICY)) }), sink });
    const first = batch(ROOMS, 0, [roomEvent("r1", T0, 14)], 1);
    await expect(task.handleBatch(first)).rejects.toThrow("broker briefly away");
    expect(sink.sent).toEqual([]);
    await task.handleBatch(first);
    const again = sink.sent.flatMap((b) => b.records.map((r) => `${b.topic}:${r.key}`));
    expect(again.length).toBeGreaterThanOrEqual(2);
    // The retry found its record already merged: nothing was scored twice.
    expect(task.pipeline.engine.counters().eventsIngested).toBe(1);
  });

  it("holds a topic that runs ahead of one still behind, pauses it past the limit, and resumes it at half", async () => {
    const { task, backpressure } = harness({ maxQueuedPerTopic: 2 });
    task.startLanes([{ topic: ROOMS, nextOffset: 0n, highWatermark: 0n }, { topic: LIKES, nextOffset: 0n, highWatermark: 2n }], 0);
    const held = await task.handleBatch(batch(ROOMS, 0, [roomEvent("a", T0 + 1), roomEvent("b", T0 + 2), roomEvent("c", T0 + 3)], 3));
    expect(held.commitOffset).toBe(0n); // nothing released: the rooms topic commits nothing yet
    expect(backpressure.calls).toEqual([`pause ${ROOMS}|3`]);
    const caughtUp = await task.handleBatch(batch(LIKES, 0, [roomEvent("d", T0), roomEvent("e", T0 + 4)], 2));
    expect(caughtUp.commitOffset).toBe(2n);
    expect(backpressure.calls).toEqual([`pause ${ROOMS}|3`, `resume ${ROOMS}|3`]);
    expect(task.snapshotOffsets()).toEqual({ [ROOMS]: "3", [LIKES]: "2" });
  });

  it("snapshots once the interval has passed since the last one, with the offsets the pipeline covers", async () => {
    const { task, snapshots, reported, setClock } = harness({ snapshotIntervalMs: 1_000 });
    setClock(999);
    await task.handleBatch(batch(ROOMS, 0, [roomEvent("a", T0)], 1));
    expect(snapshots).toEqual([]);
    setClock(1_000);
    await task.handleBatch(batch(ROOMS, 1, [roomEvent("a", T0 + 1)], 2));
    expect(snapshots).toEqual([{ offsets: { [ROOMS]: "2" }, atMs: 1_000 }]);
    expect(reported).toContain("state 3 true");
    setClock(1_500);
    await task.checkpoint();
    expect(snapshots.map((s) => s.atMs)).toEqual([1_000, 1_500]);
  });

  it("in the background (sliced snapshots, #15), goes on with input while a snapshot is written, one at a time, and a checkpoint waits for it", async () => {
    const writes: Array<() => void> = [];
    const holdWrite = (): Promise<void> => new Promise((release) => writes.push(release));
    const { task, snapshots, setClock } = harness({ snapshotIntervalMs: 1_000, snapshotInBackground: true, holdWrite });
    setClock(1_000);
    // The batch is committed while its snapshot is still being written.
    expect((await task.handleBatch(batch(ROOMS, 0, [roomEvent("a", T0)], 1))).commitOffset).toBe(1n);
    expect(writes).toHaveLength(1);
    setClock(2_500);
    await task.handleBatch(batch(ROOMS, 1, [roomEvent("a", T0 + 1)], 2));
    expect(writes).toHaveLength(1); // due again, but one is still being written
    const checkpoint = task.checkpoint();
    writes[0]!();
    await new Promise((r) => setImmediate(r));
    expect(writes).toHaveLength(2); // the checkpoint's own, after the first was written
    writes[1]!();
    await checkpoint;
    // The first covers what was captured at its turn, not the batch handled while it was written.
    expect(snapshots).toEqual([
      { offsets: { [ROOMS]: "1" }, atMs: 1_000 },
      { offsets: { [ROOMS]: "2" }, atMs: 2_500 },
    ]);
  });

  it("in the background, spreads the partitions' first snapshots over the interval", async () => {
    const dueAt = async (partition: number): Promise<number> => {
      const { task, snapshots, setClock } = harness({ partition, snapshotIntervalMs: 1_000, snapshotInBackground: true });
      for (let t = 0; t <= 1_000; t += 10) {
        setClock(t);
        await task.handleBatch(batch(ROOMS, t, [roomEvent("a", T0 + t)], t + 1, partition));
        if (snapshots.length > 0) return snapshots[0]!.atMs;
      }
      return Number.NaN;
    };
    expect(await Promise.all([0, 1, 2, 3].map(dueAt))).toEqual([1_000, 390, 770, 150]);
  });

  it("writes nothing once dropped (the partition went to another member), even a snapshot captured before", async () => {
    const writes: Array<() => void> = [];
    const { task, snapshots, setClock } = harness({ snapshotIntervalMs: 1_000, snapshotInBackground: true, holdWrite: () => new Promise((release) => writes.push(release)) });
    setClock(1_000);
    await task.handleBatch(batch(ROOMS, 0, [roomEvent("a", T0)], 1));
    task.drop();
    writes[0]!();
    await new Promise((r) => setImmediate(r));
    expect(snapshots).toEqual([]);
  });
});

describe("PartitionTask idleness", () => {
  it("is idle only once input has been quiet for the timeout while events are held", async () => {
    const { task, setClock } = harness();
    setClock(1_000);
    await task.handleBatch(batch(ROOMS, 0, [roomEvent("a", T0), roomEvent("a", T0 + 2_000)], 2));
    expect(task.isIdle(5_999, 5_000)).toBe(false);
    expect(task.isIdle(6_000, 5_000)).toBe(true);
    expect(task.oldestUnappliedAgeMs(6_000)).toBe(5_000);
    await task.exclusive(() => task.applyIdle());
    expect(task.isIdle(60_000, 5_000)).toBe(false);
    expect(task.oldestUnappliedAgeMs(60_000)).toBe(0);
  });

  it("ages from the oldest batch the watermark has not passed, not from the newest", async () => {
    const { task, setClock } = harness();
    setClock(1_000);
    await task.handleBatch(batch(ROOMS, 0, [roomEvent("a", T0)], 1));
    setClock(3_000);
    await task.handleBatch(batch(ROOMS, 1, [roomEvent("a", T0 + 4_000)], 2));
    expect(task.oldestUnappliedAgeMs(4_000)).toBe(3_000);
    // 11 s later in event time the watermark (lateness 10 s) passes the first batch only.
    setClock(3_500);
    await task.handleBatch(batch(ROOMS, 2, [roomEvent("a", T0 + 11_000)], 3));
    expect(task.oldestUnappliedAgeMs(4_000)).toBe(1_000);
    expect(task.isIdle(8_000, 5_000)).toBe(false);
    expect(task.isIdle(8_500, 5_000)).toBe(true);
  });

  it("treats a pipeline restored with held events as idle even before any new batch", () => {
    const pipeline = createPipeline();
    pipeline.push(roomEvent("a", T0));
    const { task } = harness({ pipeline });
    expect(task.isIdle(5_000, 5_000)).toBe(true);
  });

  it("runs exclusive work one at a time, in call order, past a failure", async () => {
    const { task } = harness();
    const order: string[] = [];
    const slow = task.exclusive(async () => {
      await new Promise((r) => setTimeout(r, 20));
      order.push("batch");
      throw new Error("boom");
    });
    const idle = task.exclusive(async () => {
      order.push("idle");
    });
    await expect(slow).rejects.toThrow("boom");
    await idle;
    expect(order).toEqual(["batch", "idle"]);
  });
});
