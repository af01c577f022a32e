import { silentLogger } from "@redline/common";
import type { RiskPipeline } from "@redline/engine";
import type { OutputRecord, PartitionBatch, TopicPartitions } from "@redline/kafka";
import { markKeysFor } from "@redline/kafka";
import { progressMarkKey } from "@redline/minute-table";
import { LiveEvent, RoomEventKind } from "@redline/proto";
import { createPipeline } from "@redline/pipeline";
import { AccountActivityOutputs, type EngineOutput } from "./account-activity-outputs";
import { noopRiskEngineMetrics, type RiskEngineMetrics } from "./metrics";
import { OutputPublisher, type OutputSink } from "./output-publisher";
import { accountActivityRoutes, pipelineOutputRoutes } from "./output-routes";
import { PartitionTask, type Backpressure } from "./partition-task";

/**
 * In-memory stand-ins for what a PartitionTask talks to (the producer, the
 * consumer's pause state, the changelog, the metrics), so its batch handling
 * and the timers that drive it are tested without a broker.
 */

/** A sink that keeps what it was sent, and fails the first `failures` sends. */
export class RecordingSink implements OutputSink {
  readonly sent: Array<{ topic: string; records: readonly OutputRecord[] }> = [];
  constructor(private failures = 0) {}
  async sendMany(batches: ReadonlyArray<{ topic: string; records: readonly OutputRecord[] }>): Promise<void> {
    if (this.failures > 0) {
      this.failures--;
      throw new Error("broker briefly away");
    }
    this.sent.push(...batches);
  }
}

export class PausedSet implements Backpressure {
  readonly paused = new Set<string>();
  readonly calls: string[] = [];
  pause(tps: readonly TopicPartitions[]): void {
    for (const tp of tps) {
      for (const p of tp.partitions) {
        this.paused.add(`${tp.topic}|${p}`);
        this.calls.push(`pause ${tp.topic}|${p}`);
      }
    }
  }
  resume(tps: readonly TopicPartitions[]): void {
    for (const tp of tps) {
      for (const p of tp.partitions) {
        this.paused.delete(`${tp.topic}|${p}`);
        this.calls.push(`resume ${tp.topic}|${p}`);
      }
    }
  }
  isPaused(topic: string, partition: number): boolean {
    return this.paused.has(`${topic}|${partition}`);
  }
}

export interface FakeTaskOptions {
  partition?: number;
  topics?: readonly string[];
  pipeline?: RiskPipeline;
  sink?: RecordingSink;
  maxQueuedPerTopic?: number;
  snapshotIntervalMs?: number;
  /** Due snapshots written after the turn (the service's sliced snapshots). */
  snapshotInBackground?: boolean;
  /** Holds each snapshot write until the returned promise resolves (for writes that outlast a turn). */
  holdWrite?: () => Promise<void>;
  /** Account-activity records and marks, to the topic "activity". */
  activity?: AccountActivityOutputs;
  /** The wall clock when the task is made. */
  nowMs?: number;
}

/** A task on fakes, with what it sent, paused, snapshotted and reported, and its clock. */
export function fakeTask(opts: FakeTaskOptions = {}) {
  let clock = opts.nowMs ?? 0;
  const sink = opts.sink ?? new RecordingSink();
  const backpressure = new PausedSet();
  const snapshots: Array<{ offsets: Record<string, string>; atMs: number }> = [];
  const reported: string[] = [];
  const metrics: RiskEngineMetrics = {
    ...noopRiskEngineMetrics,
    alertRaised: (category, subcategory, severity) => reported.push(`alert ${category} ${subcategory} ${severity}`),
    lateEvent: (_topic, n) => reported.push(`late ${n}`),
    setStateBytes: (p, bytes) => reported.push(`state ${p} ${bytes > 0}`),
  };
  const task = new PartitionTask({
    partition: opts.partition ?? 3,
    pipeline: opts.pipeline ?? createPipeline({ engine: { allowedLatenessMs: 10_000 } }),
    topics: opts.topics ?? ["live.rooms", "live.likes"],
    publisher: new OutputPublisher<EngineOutput>([...pipelineOutputRoutes({ alertsTopic: "alerts", actionsTopic: "actions" }), ...accountActivityRoutes("activity")], sink),
    ...(opts.activity ? { activity: opts.activity } : {}),
    backpressure,
    saveSnapshot: async (_p, offsets, _pipeline, stillWanted) => {
      const atMs = clock;
      await opts.holdWrite?.();
      if (!stillWanted()) return 0;
      snapshots.push({ offsets, atMs });
      return 100;
    },
    requestLaneConfirmation: () => undefined,
    metrics,
    logger: silentLogger,
    now: () => clock,
    maxQueuedPerTopic: opts.maxQueuedPerTopic ?? 1_000,
    snapshotIntervalMs: opts.snapshotIntervalMs ?? 60_000,
    snapshotInBackground: opts.snapshotInBackground ?? false,
  });
  return { task, sink, backpressure, snapshots, reported, setClock: (ms: number) => (clock = ms) };
}

/** A fetched batch of `events` at consecutive offsets from `firstOffset`. */
export function fakeBatch(topic: string, firstOffset: number, events: LiveEvent[], highWatermark: number, partition = 3): PartitionBatch<LiveEvent> {
  return {
    topic,
    partition,
    records: events.map((value, i) => ({
      value,
      record: { topic, partition, offset: BigInt(firstOffset + i), key: null, value: Buffer.alloc(0), headers: {}, timestampMs: 0 },
    })),
    lastOffset: BigInt(firstOffset + events.length - 1),
    highWatermark: BigInt(highWatermark),
    heartbeat: async () => undefined,
    signal: new AbortController().signal,
  };
}

/**
 * A task on one topic whose pipeline keeps account activity (#21), publishing
 * it to "activity" with `activityPartitions` partitions as partition
 * `partition` of `enginePartitions`; lateness 10 s.
 */
export function fakeActivityTask(partition: number, enginePartitions: number, activityPartitions: number, topic: string, nowMs = 0) {
  const activity = new AccountActivityOutputs(partition, enginePartitions, markKeysFor(progressMarkKey(partition), activityPartitions));
  return fakeTask({ partition, topics: [topic], pipeline: createPipeline({ accountActivity: true, engine: { allowedLatenessMs: 10_000 } }), activity, nowMs });
}

/** A room's STARTED event with its streamer and category, and a like in it: account activity with room context. */
export const activityEvents = {
  started(roomId: string, eventTimeMs: number): LiveEvent {
    return LiveEvent.fromPartial({
      eventId: `start-${roomId}`,
      roomId,
      eventTimeMs,
      platform: "test",
      body: { $case: "room", value: { kind: RoomEventKind.ROOM_EVENT_KIND_STARTED, category: "beauty", streamer: { userId: `streamer-${roomId}`, age: 30, realNameVerified: true } } },
    });
  },
  like(roomId: string, userId: string, eventTimeMs: number): LiveEvent {
    return LiveEvent.fromPartial({ eventId: `like-${userId}-${eventTimeMs}`, roomId, eventTimeMs, platform: "test", body: { $case: "like", value: { user: { userId, deviceId: `d-${userId}` }, count: 1 } } });
  },
};
