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

describe("LaneConfirmation", () => {
  it("reads the broker's marks for a merge waiting at a drained topic, dated before the read, and lets it go on", async () => {
    const { task } = fakeTask({ partition: 2, topics: TOPICS });
    task.merge.startLane("live.likes", 0n, 1n, 0);
    task.merge.startLane("live.views", 0n, 3n, 0);
    task.merge.add("live.likes", [{ offset: 0n, event: event("l1", 1_000), publishedAtMs: 1_000 }], 1n);
    task.merge.add("live.views", [{ offset: 0n, event: event("v1", 2_000), publishedAtMs: 5_000 }], 3n);
    expect(task.merge.release().map((r) => r.event.eventId)).toEqual(["l1"]);
    expect(task.merge.waitingForConfirmation).toBe(true);

    const clock = { ms: 8_000 }; // past the record by more than the merge's 2 s in-flight margin
    const released: string[] = [];
    const reads: number[] = [];
    const confirmation = new LaneConfirmation({
      inputTopics: TOPICS,
      readHighWatermarks: async () => {
        reads.push(clock.ms);
        clock.ms += 50; // the answer comes later than the question
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
    confirmation.request();
    confirmation.request(); // one read for both
    await until(() => released.length > 0);
    confirmation.stop();
    expect(released).toEqual(["v1"]);
    expect(reads).toEqual([8_000]);
    expect(task.merge.waitingForConfirmation).toBe(false);
  });
});
