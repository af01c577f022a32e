import { silentLogger } from "@redline/common";
import { isProgressMark, readProgress } from "@redline/minute-table";
import { activityEvents, fakeActivityTask, fakeBatch } from "./partition-task-fakes";
import { QuietPartitionMarks } from "./quiet-partition-marks";

const T0 = Date.UTC(2026, 10, 1, 12, 0, 0);
const TOPIC = "live.events";
const QUIET_MS = 1_000;
const PAST_SKEW_MS = 7 * 86_400_000;

/** Quiet marks whose member's event clock (the newest watermark of its other partitions) is `eventClock.ms`. */
function marksWith(clock: { ms: number }, highs: Map<string, Map<number, bigint>>, eventClock: { ms: number }): QuietPartitionMarks {
  return new QuietPartitionMarks({
    quietAfterMs: QUIET_MS,
    eventClockMs: () => eventClock.ms,
    maxPastSkewMs: PAST_SKEW_MS,
    inputTopics: [TOPIC],
    readHighWatermarks: async () => highs,
    isCurrent: () => true,
    logger: silentLogger,
    now: () => clock.ms,
  });
}

describe("QuietPartitionMarks", () => {
  it("marks a quiet partition through the member's event clock once it holds nothing and the broker has no more for it, again only when that moved", async () => {
    // Wall time a day on: the input is in the past, and the promise follows event time, not the wall.
    const clock = { ms: T0 + 86_400_000 };
    const eventClock = { ms: T0 + 5 * 60_000 };
    const { task, sink, setClock } = fakeActivityTask(0, 2, 2, TOPIC, clock.ms);
    const tick = (ms: number) => {
      clock.ms = ms;
      setClock(ms);
    };
    const input = [activityEvents.started("r1", T0), activityEvents.like("r1", "u1", T0 + 10_000), activityEvents.like("r1", "u2", T0 + 20_000)];
    await task.handleBatch(fakeBatch(TOPIC, 0, input, 3, 0));
    const highs = new Map([[TOPIC, new Map([[0, 3n]])]]);
    const marks = marksWith(clock, highs, eventClock);
    const activityMarks = () => sink.sent.filter((b) => b.topic === "activity").flatMap((b) => b.records).filter((r) => isProgressMark(r.headers!));

    // Not quiet long enough; then quiet but the engine still holds u2's like (IdleAdvance applies it first).
    tick(clock.ms + QUIET_MS / 2);
    expect(await marks.check([task])).toEqual([]);
    tick(clock.ms + QUIET_MS);
    expect(task.holdsEvents()).toBe(true);
    expect(await marks.check([task])).toEqual([]);
    await task.exclusive(() => task.applyIdle());
    sink.sent.length = 0;

    // The broker says more is coming: no promise.
    highs.get(TOPIC)!.set(0, 4n);
    expect(await marks.check([task])).toEqual([]);
    highs.get(TOPIC)!.set(0, 3n);
    expect(await marks.check([task])).toEqual([0]);
    expect(activityMarks().map((m) => readProgress(m.headers!))).toEqual([
      { producerPartition: 0, producerPartitions: 2, watermarkMs: eventClock.ms },
      { producerPartition: 0, producerPartitions: 2, watermarkMs: eventClock.ms },
    ]);
    const promisedMs = eventClock.ms;

    // Nothing moved: nothing sent. The clock moved, even within the minute: marks again (input may have ended there).
    sink.sent.length = 0;
    tick(clock.ms + 1_000);
    await marks.check([task]);
    expect(activityMarks()).toEqual([]);
    eventClock.ms += 1_000;
    tick(clock.ms + 1_000);
    await marks.check([task]);
    expect(activityMarks().map((m) => readProgress(m.headers!).watermarkMs)).toEqual([eventClock.ms, eventClock.ms]);

    // A like that comes later at or below the promise gets no record; one after it does.
    sink.sent.length = 0;
    await task.handleBatch(fakeBatch(TOPIC, 3, [activityEvents.like("r1", "u-late", promisedMs - 1_000), activityEvents.like("r1", "u-new", eventClock.ms + 20_000)], 5, 0));
    await task.exclusive(() => task.applyIdle());
    const records = sink.sent.filter((b) => b.topic === "activity").flatMap((b) => b.records).filter((r) => !isProgressMark(r.headers!));
    expect(records.map((r) => r.key)).toEqual(["u-new"]);
  });

  it("marks a partition that never had input, through the oldest time input may have when no partition has an event clock", async () => {
    const clock = { ms: T0 };
    const { task, sink } = fakeActivityTask(1, 2, 3, TOPIC, clock.ms);
    task.startLanes([{ topic: TOPIC, nextOffset: 0n, highWatermark: 0n }], clock.ms);
    clock.ms += QUIET_MS;
    expect(await marksWith(clock, new Map([[TOPIC, new Map([[1, 0n]])]]), { ms: Number.NEGATIVE_INFINITY }).check([task])).toEqual([1]);
    const marks = sink.sent.flatMap((b) => b.records);
    expect(marks).toHaveLength(3);
    expect(marks.every((m) => isProgressMark(m.headers!) && readProgress(m.headers!).watermarkMs === clock.ms - PAST_SKEW_MS)).toBe(true);
  });
});
