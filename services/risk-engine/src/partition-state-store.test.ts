import { silentLogger, type Logger } from "@redline/common";
import type { TopicOffsets } from "@redline/kafka";
import { encodeState } from "@redline/engine";
import { createPipeline, decodeSnapshot, encodeSnapshot, restorePipeline, SNAPSHOT_VERSION } from "@redline/pipeline";
import { LiveEvent, RoomEventKind } from "@redline/proto";
import { PartitionStateStore, type PartitionStateIO } from "./partition-state-store";

const TOPICS = ["live.rooms", "live.likes"];
const T0 = Date.UTC(2026, 10, 1, 12, 0, 0);
const offsets = (entries: Array<[string, number, bigint]>): TopicOffsets => {
  const out: TopicOffsets = new Map();
  for (const [topic, p, o] of entries) out.set(topic, new Map([...(out.get(topic) ?? []), [p, o]]));
  return out;
};

/** A changelog and broker in memory; counts how often the generation is read. */
class MemoryIO implements PartitionStateIO {
  readonly changelog = new Map<string, Buffer>();
  reads = 0;
  low = offsets([["live.rooms", 0, 5n], ["live.likes", 0, 0n]]);
  high = offsets([["live.rooms", 0, 40n], ["live.likes", 0, 30n]]);
  committed = offsets([["live.rooms", 0, 12n]]);
  async readSnapshots() {
    this.reads++;
    return new Map(this.changelog);
  }
  async watermarks() {
    return { low: this.low, high: this.high };
  }
  async committedOffsets() {
    return this.committed;
  }
  async writeSnapshot(key: string, value: Buffer) {
    this.changelog.set(key, value);
  }
}

function store(io: MemoryIO, logger: Logger = silentLogger): PartitionStateStore {
  return new PartitionStateStore({ io, spec: {}, inputTopics: TOPICS, logger, now: () => 1_000, roomsPerSlice: 2 });
}

describe("PartitionStateStore", () => {
  it("with slices, writes the pipeline as it stood at the call while the pipeline goes on between slices (#15)", async () => {
    const io = new MemoryIO();
    const pipeline = createPipeline();
    const roomEvent = (roomId: string, n: number): LiveEvent =>
      LiveEvent.fromPartial({ eventId: `${roomId}-${n}`, roomId, eventTimeMs: T0 + n, platform: "t", body: { $case: "room", value: { kind: RoomEventKind.ROOM_EVENT_KIND_UPDATED, followerCount: n } } });
    for (let r = 0; r < 9; r++) pipeline.push(roomEvent(`r${r}`, 1));
    pipeline.engine.flush();
    const atCall = encodeSnapshot(pipeline, { partition: 0, offsets: { "live.rooms": "9" }, takenAtMs: 1_000 });
    const saving = store(io).save(0, { "live.rooms": "9" }, pipeline);
    // Input goes on while the slices are encoded: every room changes after the call.
    for (let n = 2; n < 6; n++) {
      for (let r = 0; r < 9; r++) pipeline.push(roomEvent(`r${r}`, n));
      pipeline.engine.flush();
      await new Promise((resolve) => setImmediate(resolve));
    }
    await saving;
    // Sliced, the bytes differ; the state is the same: re-encoded whole after a restore, it is the call's, byte for byte.
    const restored = restorePipeline(decodeSnapshot("0", io.changelog.get("0")!), {});
    expect(encodeSnapshot(restored, { partition: 0, offsets: { "live.rooms": "9" }, takenAtMs: 1_000 }).equals(atCall)).toBe(true);
    expect(encodeSnapshot(pipeline, { partition: 0, offsets: { "live.rooms": "9" }, takenAtMs: 1_000 }).equals(atCall)).toBe(false);
  });

  it("encodes sliced snapshots of several partitions one after another, not stepping together", async () => {
    const io = new MemoryIO();
    const steps: string[] = [];
    const pipelineLogging = (name: string) => {
      const pipeline = createPipeline();
      for (let r = 0; r < 5; r++) {
        pipeline.push(LiveEvent.fromPartial({ eventId: `${name}${r}`, roomId: `${name}-r${r}`, eventTimeMs: T0, platform: "t", body: { $case: "room", value: { kind: RoomEventKind.ROOM_EVENT_KIND_UPDATED } } }));
      }
      const engine = pipeline.engine;
      const capture = engine.captureSnapshot.bind(engine);
      engine.captureSnapshot = (n: number) => {
        const c = capture(n);
        const step = c.step.bind(c);
        c.step = () => (steps.push(name), step());
        return c;
      };
      return pipeline;
    };
    const s = store(io);
    await Promise.all([s.save(0, {}, pipelineLogging("a")), s.save(1, {}, pipelineLogging("b"))]);
    expect(steps.join("")).toMatch(/^a+b+$/);
  });

  it("starts a partition without a snapshot at the group's commits, else at the oldest retained offset", async () => {
    const start = await store(new MemoryIO()).start(0);
    expect(start.restored).toBe(false);
    expect(start.pipeline.engine.counters().eventsIngested).toBe(0);
    expect(start.lanes).toEqual([
      { topic: "live.rooms", nextOffset: 12n, highWatermark: 40n },
      { topic: "live.likes", nextOffset: 0n, highWatermark: 30n },
    ]);
    expect(start.highsAsOfMs).toBe(1_000);
  });

  it("restores what it saved, resuming at the offsets the snapshot covers", async () => {
    const io = new MemoryIO();
    const pipeline = createPipeline();
    pipeline.push(LiveEvent.fromPartial({ eventId: "e1", roomId: "r", eventTimeMs: T0, platform: "t", body: { $case: "room", value: { kind: RoomEventKind.ROOM_EVENT_KIND_UPDATED } } }));
    const bytes = await store(io).save(0, { "live.rooms": "20", "live.likes": "7" }, pipeline);
    expect(bytes).toBe(io.changelog.get("0")!.length);
    const start = await store(io).start(0);
    expect(start.restored).toBe(true);
    expect(start.pipeline.engine.counters().eventsIngested).toBe(1);
    expect(start.lanes.map((l) => l.nextOffset)).toEqual([20n, 7n]);
  });

  it("starts a partition whose snapshot is unusable from the commits, and says so", async () => {
    const io = new MemoryIO();
    io.changelog.set("0", Buffer.from("not a snapshot"));
    const errors: string[] = [];
    const start = await store(io, { ...silentLogger, error: (msg) => errors.push(msg) }).start(0);
    expect(start.restored).toBe(false);
    expect(start.lanes[0]!.nextOffset).toBe(12n);
    expect(errors).toEqual(["snapshot unusable; starting this partition from its committed offsets"]);
  });

  it("refuses a snapshot of an older format with a version warning and rebuilds the partition from the commits", async () => {
    const pipeline = createPipeline();
    pipeline.push(LiveEvent.fromPartial({ eventId: "e1", roomId: "r", eventTimeMs: T0, platform: "t", body: { $case: "room", value: { kind: RoomEventKind.ROOM_EVENT_KIND_UPDATED } } }));
    const current = encodeSnapshot(pipeline, { partition: 0, offsets: { "live.rooms": "20", "live.likes": "7" }, takenAtMs: 0 });
    const older = Buffer.from(current);
    older.writeUInt16BE(SNAPSHOT_VERSION - 1, 4);
    // The record the release before the envelope wrote: MessagePack with a `format` and the pipeline as bytes, no header.
    const beforeEnvelope = Buffer.from(encodeState({ format: 2, partition: 0, offsets: { "live.rooms": "20" }, takenAtMs: 0, pipeline: new Uint8Array([1]) }));
    for (const old of [older, beforeEnvelope]) {
      const io = new MemoryIO();
      io.changelog.set("0", old);
      const logged: Array<{ level: string; msg: string; err: unknown }> = [];
      const logger = { ...silentLogger, warn: (msg: string, f?: Record<string, unknown>) => logged.push({ level: "warn", msg, err: f?.err }), error: (msg: string, f?: Record<string, unknown>) => logged.push({ level: "error", msg, err: f?.err }) };
      const start = await store(io, logger).start(0);
      expect(start.restored).toBe(false);
      expect(start.pipeline.engine.counters().eventsIngested).toBe(0);
      // The committed offsets, not the snapshot's: live.rooms at the group's commit, live.likes at the oldest retained.
      expect(start.lanes.map((l) => l.nextOffset)).toEqual([12n, 0n]);
      expect(logged.map((l) => [l.level, l.msg])).toEqual([["warn", "snapshot of another version; rebuilding this partition from its committed offsets"]]);
      expect(String(logged[0]!.err)).toMatch(/partition 0 .*snapshot version/);
    }
    // The same state in this release's envelope restores.
    const io = new MemoryIO();
    io.changelog.set("0", current);
    const start = await store(io).start(0);
    expect(start.restored).toBe(true);
    expect(start.lanes.map((l) => l.nextOffset)).toEqual([20n, 7n]);
  });

  it("reads the changelog and offsets once per generation of the group", async () => {
    const io = new MemoryIO();
    const s = store(io);
    await s.start(0);
    io.changelog.set("0", encodeSnapshot(createPipeline(), { partition: 0, offsets: { "live.rooms": "33" }, takenAtMs: 0 }));
    expect((await s.start(0)).restored).toBe(false); // same generation: what was read at its start
    s.newGeneration();
    expect((await s.start(0)).lanes[0]!.nextOffset).toBe(33n);
    expect(io.reads).toBe(2);
  });
});
