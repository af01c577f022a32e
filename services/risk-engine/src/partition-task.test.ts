import { createPipeline } from "@redline/pipeline";
import { LiveEvent, RoomEventKind } from "@redline/proto";
import { PartitionTask } from "./partition-task";

const T0 = Date.UTC(2026, 10, 1, 12, 0, 0);
const TOPICS = ["live.rooms", "live.likes"];

function roomEvent(roomId: string, timeMs: number): LiveEvent {
  return LiveEvent.fromPartial({
    eventId: `${roomId}-${timeMs}`,
    roomId,
    eventTimeMs: timeMs,
    platform: "test",
    body: { $case: "room", value: { kind: RoomEventKind.ROOM_EVENT_KIND_UPDATED, followerCount: 1 } },
  });
}

function taskWith(events: LiveEvent[], receivedAtMs: number): PartitionTask {
  const task = new PartitionTask(0, createPipeline({ engine: { allowedLatenessMs: 10_000 } }), TOPICS, 0);
  for (const e of events) task.pipeline.push(e);
  task.received(Math.max(...events.map((e) => e.eventTimeMs)), receivedAtMs);
  return task;
}

describe("PartitionTask idleness", () => {
  it("is idle only once input has been quiet for the timeout while events are held", () => {
    const task = taskWith([roomEvent("a", T0), roomEvent("a", T0 + 2_000)], 1_000);
    expect(task.isIdle(5_999, 5_000)).toBe(false);
    expect(task.isIdle(6_000, 5_000)).toBe(true);
    expect(task.oldestUnappliedAgeMs(6_000)).toBe(5_000);
    task.pipeline.idle();
    expect(task.isIdle(60_000, 5_000)).toBe(false);
    expect(task.oldestUnappliedAgeMs(60_000)).toBe(0);
  });

  it("ages from the oldest batch the watermark has not passed, not from the newest", () => {
    const task = taskWith([roomEvent("a", T0)], 1_000);
    task.pipeline.push(roomEvent("a", T0 + 4_000));
    task.received(T0 + 4_000, 3_000);
    expect(task.oldestUnappliedAgeMs(4_000)).toBe(3_000);
    // 11 s later in event time the watermark (lateness 10 s) passes the first batch only.
    task.pipeline.push(roomEvent("a", T0 + 11_000));
    task.received(T0 + 11_000, 3_500);
    expect(task.oldestUnappliedAgeMs(4_000)).toBe(1_000);
    expect(task.isIdle(8_000, 5_000)).toBe(false);
    expect(task.isIdle(8_500, 5_000)).toBe(true);
  });

  it("treats a pipeline restored with held events as idle even before any new batch", () => {
    const task = new PartitionTask(0, createPipeline(), TOPICS, 0);
    task.pipeline.push(roomEvent("a", T0));
    expect(task.isIdle(5_000, 5_000)).toBe(true);
  });

  it("runs exclusive work one at a time, in call order, past a failure", async () => {
    const task = new PartitionTask(0, createPipeline(), TOPICS, 0);
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
