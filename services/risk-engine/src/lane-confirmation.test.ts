import { silentLogger } from "@redline/common";
import { LiveEvent, RoomEventKind } from "@redline/proto";
import { LaneConfirmation } from "./lane-confirmation";
import { fakeTask } from "./partition-task-fakes";

const TOPICS = ["live.likes", "live.views"];

function event(id: string, timeMs: number): LiveEvent {
  return LiveEvent.fromPartial({
    eventId: id,
    roomId: "r",
    eventTimeMs: timeMs,
    platform: "test",
    body: { $case: "room", value: { kind: RoomEventKind.ROOM_EVENT_KIND_UPDATED, followerCount: 1 } },
  });
}

async function until(condition: () => boolean): Promise<void> {
  for (let i = 0; i < 200 && !condition(); i++) await new Promise((r) => setTimeout(r, 5));
}

/** A task whose merge released l1 and waits at v1, published after likes (drained) was last heard from. */
function waitingTask(): ReturnType<typeof fakeTask>["task"] {
  const { task } = fakeTask({ partition: 2, topics: TOPICS });
  task.merge.startLane("live.likes", 0n, 1n, 0);
  task.merge.startLane("live.views", 0n, 3n, 0);
  task.merge.add("live.likes", [{ offset: 0n, event: event("l1", 1_000), publishedAtMs: 1_000 }], 1n);
  task.merge.add("live.views", [{ offset: 0n, event: event("v1", 2_000), publishedAtMs: 5_000 }], 3n);
  expect(task.merge.release().map((r) => r.event.eventId)).toEqual(["l1"]);
  expect(task.merge.waitingForConfirmation).toBe(true);
  return task;
}

/** A confirmation of `task` whose reads start at 8,000 (past v1 by more than the 2 s in-flight margin), each taking `readMs(n)` for the n-th. */
function confirmationOf(task: ReturnType<typeof waitingTask>, readMs: (n: number) => number) {
  const clock = { ms: 8_000 };
  const released: string[] = [];
  const reads: number[] = [];
  const confirmation = new LaneConfirmation({
    inputTopics: TOPICS,
    readHighWatermarks: async () => {
      reads.push(clock.ms);
      clock.ms += readMs(reads.length); // the answer comes later than the question
      return new Map([
        ["live.likes", new Map([[2, 1n]])],
        ["live.views", new Map([[2, 3n]])],
      ]);
    },
    tasks: () => [task],
    isCurrent: () => true,
    apply: async (t) => {
      released.push(...t.merge.release().map((r) => r.event.eventId));
    },
    minIntervalMs: 0,
    logger: silentLogger,
    now: () => clock.ms,
  });
  return { confirmation, released, reads };
}

describe("LaneConfirmation", () => {
  it("reads the broker's marks for a merge waiting at a drained topic, dated before the read, and lets it go on", async () => {
    const task = waitingTask();
    const { confirmation, released, reads } = confirmationOf(task, () => 50);
    confirmation.request();
    confirmation.request(); // one read for both
    await until(() => released.length > 0);
    confirmation.stop();
    expect(released).toEqual(["v1"]);
    expect(reads).toEqual([8_000]);
    expect(task.merge.waitingForConfirmation).toBe(false);
  });

  it("takes a read held up longer than the in-flight margin for no confirmation, and reads again (#17, network stall)", async () => {
    // The first read is held 30 s (a stall); the second answers at once.
    const { confirmation, released, reads } = confirmationOf(waitingTask(), (n) => (n === 1 ? 30_000 : 50));
    confirmation.request();
    await until(() => released.length > 0);
    confirmation.stop();
    expect(reads).toEqual([8_000, 38_000]);
    expect(released).toEqual(["v1"]);
  });
});
