import { RoomContextTracker } from "@redline/crews";
import { LiveEvent, RoomEventKind, ViewKind } from "@redline/proto";
import { AccountActivityStage } from "./account-activity-stage";
import { createPipeline, drainAccountActivity, sealAccountActivity } from "./create-pipeline";
import { decodeSnapshot, encodeSnapshot, restorePipeline } from "./pipeline-snapshot";

const T0 = Date.UTC(2026, 10, 1, 12, 0, 0);

function events(): LiveEvent[] {
  const out: LiveEvent[] = [
    LiveEvent.fromPartial({ eventId: "start", roomId: "r1", eventTimeMs: T0, platform: "test", body: { $case: "room", value: { kind: RoomEventKind.ROOM_EVENT_KIND_STARTED, category: "beauty", streamer: { userId: "streamer-1", age: 30, realNameVerified: true } } } }),
  ];
  for (let i = 0; i < 40; i++) {
    const user = { userId: `u${i % 8}`, deviceId: `d${i % 8}`, ipPrefix: "203.0.113.0/24" };
    const at = T0 + 5_000 + i * 7_000;
    out.push(
      i % 3 === 0
        ? LiveEvent.fromPartial({ eventId: `e${i}`, roomId: "r1", eventTimeMs: at, platform: "test", body: { $case: "view", value: { user, kind: ViewKind.VIEW_KIND_JOIN } } })
        : LiveEvent.fromPartial({ eventId: `e${i}`, roomId: "r1", eventTimeMs: at, platform: "test", body: { $case: "like", value: { user, count: 1 } } }),
    );
  }
  // Arrival slightly out of order, as Kafka delivers several topics; the engine applies in event-time order.
  return out.map((e, i) => ({ e, k: i + (i % 4 === 1 ? 1.5 : 0) })).sort((a, b) => a.k - b.k).map(({ e }) => e);
}

describe("AccountActivityStage", () => {
  const expected = (() => {
    const tracker = new RoomContextTracker();
    return [...events()].sort((a, b) => a.eventTimeMs - b.eventTimeMs).map((e) => tracker.toActivity(e)).filter((a) => a !== undefined);
  })();

  it("keeps one record per account interaction, in the order the engine applied them, with the room's streamer and category", () => {
    const pipeline = createPipeline({ accountActivity: true });
    const drained = [];
    for (const e of events()) {
      pipeline.push(e);
      drained.push(...drainAccountActivity(pipeline));
    }
    pipeline.end();
    drained.push(...drainAccountActivity(pipeline));
    expect(drained).toEqual(expected);
    expect(drained[0]).toMatchObject({ streamerId: "streamer-1", roomCategory: "beauty", roomStartedMs: T0 });
    expect(drainAccountActivity(createPipeline())).toEqual([]);
  });

  it("gives no record for an event the engine applies late, out of order, so the records stay in order", () => {
    const pipeline = createPipeline({ accountActivity: true });
    for (const e of events()) pipeline.push(e);
    const late = LiveEvent.fromPartial({ eventId: "late", roomId: "r1", eventTimeMs: T0 + 6_000, platform: "test", body: { $case: "like", value: { user: { userId: "u-late" }, count: 1 } } });
    pipeline.push(late);
    pipeline.end();
    const drained = drainAccountActivity(pipeline);
    expect(pipeline.engine.counters().lateEvents).toBe(1);
    expect(drained.map((a) => a.accountId)).not.toContain("u-late");
    const stage = pipeline.stageNamed(AccountActivityStage.STAGE_NAME) as AccountActivityStage;
    expect(stage.lateDropped).toBe(1);
    // After a seal, even an event late but after the last record gets none: the watermark announced holds.
    const sealed = sealAccountActivity(pipeline);
    pipeline.push(LiveEvent.fromPartial({ ...late, eventId: "late-2", eventTimeMs: sealed }));
    pipeline.end();
    expect(drainAccountActivity(pipeline)).toEqual([]);
    expect(stage.lateDropped).toBe(2);
    const keys = drained.map((a) => [a.eventTimeMs, a.eventId] as const);
    expect(keys).toEqual([...keys].sort((x, y) => x[0] - y[0] || (x[1] < y[1] ? -1 : 1)));
  });

  it("seals past the engine's watermark when told to, for a quiet partition, and no record goes at or below it", () => {
    const pipeline = createPipeline({ accountActivity: true });
    for (const e of events()) pipeline.push(e);
    pipeline.end();
    drainAccountActivity(pipeline);
    const engineWatermark = pipeline.engine.watermarkMs;
    const through = engineWatermark + 600_000;
    expect(sealAccountActivity(pipeline, through)).toBe(through);
    // Never below the engine's own watermark.
    expect(sealAccountActivity(pipeline, engineWatermark - 600_000)).toBe(pipeline.engine.watermarkMs);
    const like = (eventId: string, eventTimeMs: number) =>
      LiveEvent.fromPartial({ eventId, roomId: "r1", eventTimeMs, platform: "test", body: { $case: "like", value: { user: { userId: "u-after", deviceId: "d-after" }, count: 1 } } });
    pipeline.push(like("in-sealed-span", engineWatermark + 60_000));
    pipeline.push(like("after-seal", through + 1));
    pipeline.end();
    expect(drainAccountActivity(pipeline).map((a) => a.eventId)).toEqual(["after-seal"]);
    expect((pipeline.stageNamed(AccountActivityStage.STAGE_NAME) as AccountActivityStage).lateDropped).toBe(1);
  });

  it("keeps the room context across a pipeline snapshot", () => {
    let pipeline = createPipeline({ accountActivity: true });
    const drained = [];
    events().forEach((e, i) => {
      pipeline.push(e);
      drained.push(...drainAccountActivity(pipeline));
      if (i === 10) pipeline = restorePipeline(decodeSnapshot("0", encodeSnapshot(pipeline, { partition: 0, offsets: {}, takenAtMs: 0 })), { accountActivity: true });
    });
    pipeline.end();
    drained.push(...drainAccountActivity(pipeline));
    expect(drained).toEqual(expected);
  });
});
