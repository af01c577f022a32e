import { silentLogger } from "@redline/common";
import { createPipeline, MinuteTableHold } from "@redline/pipeline";
import { activityEvents, fakeBatch, fakeTask } from "./partition-task-fakes";
import { HeldEventsRelease } from "./held-events-release";

const T0 = Date.UTC(2026, 10, 1, 12, 0, 0);
const TOPIC = "live.events";
const M = 60_000;

describe("events held for the minute tables", () => {
  it("wait in the engine, pause the partition past the limit, and are applied and resumed once the table moves", async () => {
    const table = { readyMs: T0 - 1, readyThroughMs(): number { return this.readyMs; } };
    const hold = new MinuteTableHold({ "account-risk": table });
    const { task, backpressure } = fakeTask({ partition: 0, topics: [TOPIC], pipeline: createPipeline({ accountActivity: true, hold, engine: { allowedLatenessMs: 10_000 } }), maxQueuedPerTopic: 4 });
    const release = new HeldEventsRelease({ hold, tasks: () => [task], isCurrent: () => true, logger: silentLogger });
    const likes = Array.from({ length: 12 }, (_, i) => activityEvents.like("r1", `u${i}`, T0 + i * 10_000));
    await task.handleBatch(fakeBatch(TOPIC, 0, [activityEvents.started("r1", T0), ...likes], 13, 0));
    // The watermark passed ten events, the table is ready for none of them: all held, the partition paused.
    expect(task.pipeline.engine.counters().eventsApplied).toBe(0);
    expect(task.pipeline.engine.appliedThroughMs).toBe(T0 - 1);
    expect(backpressure.isPaused(TOPIC, 0)).toBe(true);
    expect(await release.check()).toEqual([0]);
    expect(task.pipeline.engine.counters().eventsApplied).toBe(0);
    // Ready for the first minute: its events are applied; the rest (five) still past the limit of four.
    table.readyMs = T0 + M - 1;
    expect(await release.check()).toEqual([0]);
    expect(task.pipeline.engine.counters().eventsApplied).toBe(7);
    expect(backpressure.isPaused(TOPIC, 0)).toBe(true);
    // Nothing new from the table: nothing to do.
    expect(await release.check()).toEqual([]);
    table.readyMs = T0 + 2 * M - 1;
    await release.check();
    // What the watermark passed is applied; what it did not is the lateness buffer, which does not pause.
    expect(task.pipeline.engine.counters().eventsApplied).toBe(task.pipeline.engine.counters().eventsIngested - task.pipeline.engine.bufferedEvents);
    expect(task.pipeline.engine.appliedThroughMs).toBe(task.pipeline.engine.watermarkMs);
    expect(backpressure.isPaused(TOPIC, 0)).toBe(false);
  });

  it("stop waiting on a table that stood still past REDLINE_ENGINE_TABLE_MAX_WAIT_MS, count the minutes, and wait again once it moves", async () => {
    const table = { readyMs: T0 - 1, readyThroughMs(): number { return this.readyMs; } };
    const hold = new MinuteTableHold({ "account-risk": table });
    const { task } = fakeTask({ partition: 0, topics: [TOPIC], pipeline: createPipeline({ accountActivity: true, hold, engine: { allowedLatenessMs: 10_000 } }), maxQueuedPerTopic: 1000 });
    let wallMs = 5_000_000;
    const lags: number[] = [];
    let minutes = 0;
    const warnings: string[] = [];
    const logger = { ...silentLogger, warn: (msg: string) => warnings.push(msg) };
    const metrics = { setTableLagMs: (_t: string, ms: number) => lags.push(ms), tableMinutesPassedOver: (_t: string, n: number) => (minutes += n) };
    const release = new HeldEventsRelease({ hold, tasks: () => [task], isCurrent: () => true, logger, maxTableWaitMs: 60_000, metrics, now: () => wallMs });
    const likes = Array.from({ length: 18 }, (_, i) => activityEvents.like("r1", `u${i}`, T0 + i * 10_000));
    await task.handleBatch(fakeBatch(TOPIC, 0, [activityEvents.started("r1", T0), ...likes], 19, 0));
    await release.check();
    wallMs += 59_999;
    await release.check();
    expect(task.pipeline.engine.counters().eventsApplied).toBe(0);
    expect(lags.at(-1)).toBe(task.pipeline.engine.watermarkMs - (T0 - 1));
    expect(minutes).toBe(0);
    // The bound runs out: what the watermark passed is applied without the table, minutes 0-2 counted, with a warning.
    wallMs += 1;
    await release.check();
    expect(task.pipeline.engine.appliedThroughMs).toBe(task.pipeline.engine.watermarkMs);
    expect(task.pipeline.engine.counters().eventsApplied).toBe(task.pipeline.engine.counters().eventsIngested - task.pipeline.engine.bufferedEvents);
    expect(minutes).toBe(3);
    expect(warnings).toEqual([expect.stringContaining("applying held events without it")]);
    // The table moves: the engine waits on it again, for events past it.
    table.readyMs = T0 + M - 1;
    await release.check();
    expect(warnings.at(-1)).toContain("waits on it again");
    const applied = task.pipeline.engine.counters().eventsApplied;
    await task.handleBatch(fakeBatch(TOPIC, 19, [activityEvents.like("r1", "late-a", T0 + 4 * M), activityEvents.like("r1", "late-b", T0 + 5 * M)], 21, 0));
    expect(task.pipeline.engine.counters().eventsApplied).toBe(applied);
    // Minute 2's last event (held for lateness when the bound ran out) and minute 4's wait for the table, not for the bound.
    table.readyMs = T0 + 5 * M - 1;
    await release.check();
    expect(task.pipeline.engine.counters().eventsApplied).toBe(applied + 2);
    expect(minutes).toBe(3);
  });
});
