import { silentLogger } from "@redline/common";
import { createPipeline } from "@redline/pipeline";
import { LiveEvent, RoomEventKind } from "@redline/proto";
import { BEHIND_LANE_GIVE_UP_FACTOR, IdleAdvance } from "./idle-advance";
import type { PartitionTask } from "./partition-task";
import { fakeBatch, fakeTask } from "./partition-task-fakes";

const T0 = Date.UTC(2026, 10, 1, 12, 0, 0);
const TOPICS = ["live.rooms", "live.likes"];
const IDLE_MS = 1_000;

function roomEvent(id: string, timeMs: number): LiveEvent {
  return LiveEvent.fromPartial({
    eventId: id,
    roomId: "r",
    eventTimeMs: timeMs,
    platform: "test",
    body: { $case: "room", value: { kind: RoomEventKind.ROOM_EVENT_KIND_UPDATED, followerCount: 1 } },
  });
}

/** A partition 2 of whose likes are still on the broker: rooms delivered offsets 0-1, likes only offset 0 of 0-2. */
async function backlogTask(): Promise<PartitionTask> {
  const { task } = fakeTask({ topics: TOPICS, pipeline: createPipeline({ engine: { allowedLatenessMs: 0 } }) });
  task.startLanes([{ topic: "live.rooms", nextOffset: 0n, highWatermark: 2n }, { topic: "live.likes", nextOffset: 0n, highWatermark: 3n }], Number.POSITIVE_INFINITY);
  await task.handleBatch(fakeBatch("live.rooms", 0, [roomEvent("room-1", T0), roomEvent("room-2", T0 + 60_000)], 2));
  await task.handleBatch(fakeBatch("live.likes", 0, [roomEvent("like-1", T0 + 1_000)], 3));
  return task;
}

function advanceWith(clock: { ms: number }, highs: Map<string, Map<number, bigint>>, applied: PartitionTask[], readTakesMs = () => 0): IdleAdvance {
  return new IdleAdvance({
    idleTimeoutMs: IDLE_MS,
    inputTopics: TOPICS,
    readHighWatermarks: async () => {
      clock.ms += readTakesMs();
      return highs;
    },
    isCurrent: () => true,
    logger: silentLogger,
    now: () => clock.ms,
    apply: async (task) => {
      for (const r of task.merge.release()) task.pipeline.push(r.event);
      task.pipeline.idle();
      applied.push(task);
    },
  });
}

describe("IdleAdvance", () => {
  it("does not take a gap between backlog batches for quiet input while the broker holds more for a lane", async () => {
    const task = await backlogTask();
    const clock = { ms: 5 * IDLE_MS };
    const applied: PartitionTask[] = [];
    const highs = new Map([["live.rooms", new Map([[3, 2n]])], ["live.likes", new Map([[3, 3n]])]]);
    expect(await advanceWith(clock, highs, applied).check([task])).toEqual([]);
    expect(applied).toEqual([]);
    // The second room event stays held, so the likes still to come are not late.
    task.merge.add("live.likes", [{ offset: 1n, event: roomEvent("like-2", T0 + 2_000) }, { offset: 2n, event: roomEvent("like-3", T0 + 3_000) }], 3n);
    for (const r of task.merge.release()) task.pipeline.push(r.event);
    expect(task.pipeline.engine.counters().lateEvents).toBe(0);
  });

  it("applies what a partition holds once the broker confirms every lane is read to its end", async () => {
    const task = await backlogTask();
    task.merge.add("live.likes", [{ offset: 1n, event: roomEvent("like-2", T0 + 2_000) }, { offset: 2n, event: roomEvent("like-3", T0 + 3_000) }], 2n);
    const clock = { ms: IDLE_MS - 1 };
    const applied: PartitionTask[] = [];
    const highs = new Map([["live.rooms", new Map([[3, 2n]])], ["live.likes", new Map([[3, 3n]])]]);
    const advance = advanceWith(clock, highs, applied);
    expect(await advance.check([task])).toEqual([]); // not quiet for long enough yet
    clock.ms = IDLE_MS;
    expect(await advance.check([task])).toEqual([3]);
    expect(task.pipeline.engine.counters().eventsApplied).toBe(5);
    expect(task.pipeline.engine.counters().lateEvents).toBe(0);
  });

  it("stops waiting for a lane whose remaining offsets are never delivered, after the give-up time", async () => {
    const task = await backlogTask();
    const clock = { ms: BEHIND_LANE_GIVE_UP_FACTOR * IDLE_MS - 1 };
    const applied: PartitionTask[] = [];
    const highs = new Map([["live.rooms", new Map([[3, 2n]])], ["live.likes", new Map([[3, 3n]])]]);
    const advance = advanceWith(clock, highs, applied);
    expect(await advance.check([task])).toEqual([]);
    clock.ms += 1;
    expect(await advance.check([task])).toEqual([3]);
    expect(task.pipeline.engine.counters().eventsApplied).toBe(3);
  });

  it("takes no read the network held up for a confirmation, and confirms on the next check", async () => {
    const task = await backlogTask();
    task.merge.add("live.likes", [{ offset: 1n, event: roomEvent("like-2", T0 + 2_000) }, { offset: 2n, event: roomEvent("like-3", T0 + 3_000) }], 2n);
    const clock = { ms: IDLE_MS };
    const applied: PartitionTask[] = [];
    const highs = new Map([["live.rooms", new Map([[3, 2n]])], ["live.likes", new Map([[3, 3n]])]]);
    let readMs = 30_000; // a stall: the answer may predate records producers sent meanwhile
    const advance = advanceWith(clock, highs, applied, () => readMs);
    expect(await advance.check([task])).toEqual([]);
    expect(applied).toEqual([]);
    readMs = 2_000;
    expect(await advance.check([task])).toEqual([3]);
    expect(task.pipeline.engine.counters().eventsApplied).toBe(5);
  });
});
