import { partitionForKey } from "@redline/kafka";
import { isProgressMark as isMarkRecord, readProgress } from "@redline/minute-table";
import { createPipeline } from "@redline/pipeline";
import { AccountActivity, type LiveEvent } from "@redline/proto";
import { activityEvents, fakeActivityTask, fakeBatch, fakeTask } from "./partition-task-fakes";

const T0 = Date.UTC(2026, 10, 1, 12, 0, 0);
const TOPIC = "live.events";
const PARTITION = 3;
const ENGINE_PARTITIONS = 4;
const ACTIVITY_PARTITIONS = 2;

const started = (): LiveEvent => activityEvents.started("r1", T0);
const like = (userId: string, eventTimeMs: number): LiveEvent => activityEvents.like("r1", userId, eventTimeMs);
const activityTask = () => fakeActivityTask(PARTITION, ENGINE_PARTITIONS, ACTIVITY_PARTITIONS, TOPIC);

describe("account activity from a partition task", () => {
  it("publishes each applied interaction keyed by account with the partition's progress, then marks every activity partition once a minute", async () => {
    const { task, sink } = activityTask();
    const first = [started(), like("u1", T0 + 10_000), like("u2", T0 + 50_000), like("u1", T0 + 70_000), like("u3", T0 + 130_000)];
    await task.handleBatch(fakeBatch(TOPIC, 0, first, first.length, PARTITION));
    const activity = sink.sent.filter((b) => b.topic === "activity").flatMap((b) => b.records);
    const records = activity.filter((r) => !isMarkRecord(r.headers!));
    const marks = activity.filter((r) => isMarkRecord(r.headers!));
    // The engine applied what its watermark (newest less 10 s of lateness) passed: not yet u3's like.
    expect(records.map((r) => r.key)).toEqual(["u1", "u2", "u1"]);
    const decoded = records.map((r) => AccountActivity.decode(r.value));
    expect(decoded[0]).toMatchObject({ accountId: "u1", roomId: "r1", streamerId: "streamer-r1", roomCategory: "beauty", roomStartedMs: T0, eventTimeMs: T0 + 10_000 });
    expect(records.map((r) => readProgress(r.headers!))).toEqual(
      decoded.map((a) => ({ producerPartition: PARTITION, producerPartitions: ENGINE_PARTITIONS, watermarkMs: a.eventTimeMs - 1 })),
    );
    // Marks after the records they cover, one landing on each activity partition, through the sealed watermark.
    expect(activity.indexOf(marks[0]!)).toBeGreaterThan(activity.indexOf(records[2]!));
    expect(marks.map((m) => partitionForKey(String(m.key), ACTIVITY_PARTITIONS)).sort()).toEqual([0, 1]);
    expect(marks.map((m) => readProgress(m.headers!).watermarkMs)).toEqual([T0 + 120_000, T0 + 120_000]);

    // Same minute: no new marks; the next minute: u3's record, then marks through the new watermark.
    sink.sent.length = 0;
    await task.handleBatch(fakeBatch(TOPIC, 5, [like("u4", T0 + 135_000)], 6, PARTITION));
    expect(sink.sent.filter((b) => b.topic === "activity").flatMap((b) => b.records).filter((r) => isMarkRecord(r.headers!))).toEqual([]);
    sink.sent.length = 0;
    await task.handleBatch(fakeBatch(TOPIC, 6, [like("u5", T0 + 200_000)], 7, PARTITION));
    const next = sink.sent.filter((b) => b.topic === "activity").flatMap((b) => b.records);
    expect(next.filter((r) => !isMarkRecord(r.headers!)).map((r) => r.key)).toEqual(["u3", "u4"]);
    expect(next.filter((r) => isMarkRecord(r.headers!)).map((m) => readProgress(m.headers!).watermarkMs)).toEqual([T0 + 190_000, T0 + 190_000]);
  });

  it("publishes nothing to the activity topic without the activity outputs", async () => {
    const { task, sink } = fakeTask({ partition: PARTITION, topics: [TOPIC], pipeline: createPipeline({ accountActivity: true }) });
    await task.handleBatch(fakeBatch(TOPIC, 0, [started(), like("u1", T0 + 10_000), like("u2", T0 + 90_000)], 3, PARTITION));
    expect(sink.sent.map((b) => b.topic)).not.toContain("activity");
  });
});
