import type { Logger, RunningService } from "@redline/common";
import { encodeMessage } from "@redline/events";
import type { EngineCounters, PipelineOutput } from "@redline/engine";
import {
  coPartitionAssigner,
  CountingMetrics,
  createKafkaClient,
  DeadLetterWriter,
  ensureTopics,
  EventConsumer,
  GroupLagMonitor,
  liveEventDecoder,
  partitionCounts,
  partitionNumbers,
  readLatestByKey,
  RecordProducer,
  requireTopics,
  TopicLayoutError,
  type ConsumerMetrics,
  type HandledBatch,
  type OutputRecord,
  type PartitionBatch,
} from "@redline/kafka";
import { Alert, ControlAction, riskCategoryToJSON, severityToJSON, type LiveEvent } from "@redline/proto";
import { consumerMetricsAdapter, type Telemetry } from "@redline/telemetry";
import { requiredTopics, type RiskEngineConfig } from "./config";
import { decodeSnapshot, encodeSnapshot } from "./partition-snapshot";
import { traceOutputs, type TracedOutput } from "./output-tracing";
import { IdleAdvance } from "./idle-advance";
import { LaneConfirmation } from "./lane-confirmation";
import { PartitionTask } from "./partition-task";
import { openPolicies } from "./policies";
import { ProductTableFeed } from "./product-table-feed";
import { createPipeline, restorePipeline, snapshotPipeline, type PipelineSpec } from "@redline/pipeline";
import type { Released } from "./aligned-merge";

export interface RiskEngineDeps {
  logger: Logger;
  /** Metrics and traces; absent in tests that do not look at them. */
  telemetry?: Telemetry;
  now?: () => number;
}

interface GenerationInfo {
  /** Latest snapshot per partition number, from the changelog. */
  snapshots: Map<string, Buffer>;
  /** High-water mark and start position per `topic|partition`. */
  highs: Map<string, bigint>;
  starts: Map<string, bigint>;
  /** When the high-water marks were asked for. */
  highsAsOfMs: number;
}

export interface RiskEngineService extends RunningService {
  /** Partition numbers this member owns, with their engines' counters. */
  status(): Array<{ partition: number; counters: EngineCounters; offsets: Record<string, string> }>;
  /** Checkpoints every owned partition now (also done on an interval and at stop). */
  snapshotAll(): Promise<void>;
  readonly metrics: ConsumerMetrics;
}

/**
 * The risk-engine service: one consumer group over all input topics, one
 * pipeline per partition number.
 *
 * Rebalances, without a blocking rebalance listener (kafkajs has none) or
 * static membership: the co-partitioning assignor gives a member partition p
 * of every topic together. A partition's state is restored lazily, by the
 * first batch fetched for it after a join: the latest snapshot is read from
 * the compacted changelog and the consumer seeks every topic of p to the
 * offsets that snapshot covers, dropping the fetched batch (`positionFor`).
 * A member that loses p drops its state without writing it: the new owner
 * may already have restored, so the old owner's later snapshot could only
 * confuse. What was not yet snapshotted is re-read from the snapshot offsets;
 * the engine is deterministic and outputs carry deterministic ids, so the
 * re-read repeats outputs byte for byte instead of inventing new ones. A
 * clean stop (SIGTERM) drains, snapshots everything, then leaves the group,
 * so a deploy re-reads nothing. Session timeouts bound how long a crashed
 * member holds partitions.
 */
export async function startRiskEngine(config: RiskEngineConfig, deps: RiskEngineDeps): Promise<RiskEngineService> {
  const logger = deps.logger.child("risk-engine");
  const now = deps.now ?? Date.now;
  const telemetryMetrics = deps.telemetry?.metrics;
  const metrics: ConsumerMetrics = telemetryMetrics ? consumerMetricsAdapter(telemetryMetrics) : new CountingMetrics();
  const kafka = createKafkaClient(config.kafka, logger);

  await requireTopics(kafka, requiredTopics(config));
  const counts = await partitionCounts(kafka, config.inputTopics);
  if (new Set(counts.values()).size !== 1) {
    const detail = [...counts].map(([t, n]) => `${t}=${n}`).join(", ");
    throw new TopicLayoutError(
      `input topics must have the same partition count (rooms are co-partitioned), got ${detail}; recreate them with one count (npx redline topics ensure --partitions N)`,
      { partitionCounts: Object.fromEntries(counts) },
    );
  }
  await ensureTopics(kafka, [
    {
      topic: config.changelogTopic,
      numPartitions: 1,
      configs: { "cleanup.policy": "compact", "max.message.bytes": String(64 * 1024 * 1024) },
    },
  ]);
  const producer = await RecordProducer.connect(kafka, logger);
  const policies = openPolicies(config, logger);
  const products = await ProductTableFeed.openConfigured(config, { kafka, deadLetters: new DeadLetterWriter(producer, metrics, logger), logger });
  const spec: PipelineSpec = { engine: config.engine, ...policies.sources, ...(products ? { products: products.table } : {}) };

  const tasks = new Map<number, PartitionTask>();
  /** What a partition new to this member starts from; read once per group generation. */
  let generation: Promise<GenerationInfo> | undefined;
  const loadGeneration = async (): Promise<GenerationInfo> => {
    const highsAsOfMs = now();
    const [snapshots, marks, committed] = await Promise.all([
      readLatestByKey(kafka, config.changelogTopic, logger),
      consumer.watermarks(),
      consumer.committedOffsets(),
    ]);
    const highs = new Map<string, bigint>();
    const starts = new Map<string, bigint>();
    for (const [topic, parts] of marks.high) for (const [partition, high] of parts) highs.set(`${topic}|${partition}`, high);
    for (const [topic, parts] of marks.low) for (const [partition, low] of parts) starts.set(`${topic}|${partition}`, low);
    for (const [topic, parts] of committed) for (const [partition, offset] of parts) starts.set(`${topic}|${partition}`, offset);
    return { snapshots, highs, starts, highsAsOfMs };
  };

  const snapshotTask = async (task: PartitionTask): Promise<void> => {
    const value = encodeSnapshot({
      partition: task.partition,
      offsets: task.snapshotOffsets(),
      pipeline: snapshotPipeline(task.pipeline),
      takenAtMs: now(),
    });
    await producer.send(config.changelogTopic, [{ key: String(task.partition), value }], { gzip: true });
    task.lastSnapshotAtMs = now();
    telemetryMetrics?.setStateBytes(task.partition, value.length);
  };

  const restoreTask = async (partition: number): Promise<PartitionTask> => {
    const existing = tasks.get(partition);
    if (existing) return existing;
    const startedAt = now();
    const info = await (generation ??= loadGeneration());
    const bytes = info.snapshots.get(String(partition));
    let task: PartitionTask | undefined;
    if (bytes !== undefined) {
      try {
        const snap = decodeSnapshot(String(partition), bytes);
        task = new PartitionTask(partition, restorePipeline(snap.pipeline, spec, String(partition)), config.inputTopics, now());
        for (const [topic, offset] of Object.entries(snap.offsets)) info.starts.set(`${topic}|${partition}`, BigInt(offset));
      } catch (err) {
        logger.error("snapshot unusable; starting this partition from its committed offsets", { partition, err });
      }
    }
    task ??= new PartitionTask(partition, createPipeline(spec), config.inputTopics, now());
    for (const topic of config.inputTopics) {
      const key = `${topic}|${partition}`;
      task.merge.startLane(topic, info.starts.get(key) ?? 0n, info.highs.get(key) ?? 0n, info.highsAsOfMs);
    }
    tasks.set(partition, task);
    // A first snapshot pins the start offsets, so even a crash before the next one resumes here.
    if (bytes === undefined) await snapshotTask(task);
    telemetryMetrics?.stateRestoredMs(now() - startedAt);
    logger.info("partition state ready", { partition, restored: bytes !== undefined, restoreMs: now() - startedAt });
    return task;
  };

  const topicOf = (out: PipelineOutput): string => ("alert" in out ? config.alertsTopic : config.actionsTopic);
  const toRecord = ({ output: out, headers }: TracedOutput): OutputRecord => {
    const enc = "alert" in out ? encodeMessage(Alert, out.alert, "protobuf") : encodeMessage(ControlAction, out.action, "protobuf");
    const key = "alert" in out ? out.alert.roomId : out.action.roomId;
    return { key, value: enc.value, headers: { ...headers, "content-type": enc.contentType } };
  };

  const flushPending = async (task: PartitionTask): Promise<void> => {
    if (task.pending.length === 0) return;
    const byTopic = new Map<string, OutputRecord[]>();
    for (const traced of task.pending) {
      const topic = topicOf(traced.output);
      const records = byTopic.get(topic) ?? [];
      records.push(toRecord(traced));
      byTopic.set(topic, records);
    }
    await producer.sendMany([...byTopic].map(([topic, records]) => ({ topic, records })));
    task.pending = [];
  };

  const applyBackpressure = (task: PartitionTask): void => {
    for (const topic of config.inputTopics) {
      const queued = task.merge.queued(topic);
      const paused = consumer.isPaused(topic, task.partition);
      if (queued > config.maxQueuedPerTopic && !paused) consumer.pause([{ topic, partitions: [task.partition] }]);
      else if (queued <= config.maxQueuedPerTopic / 2 && paused) consumer.resume([{ topic, partitions: [task.partition] }]);
    }
  };

  /** Runs released events through the pipeline and queues their outputs with trace context. */
  const score = (task: PartitionTask, released: readonly Released[]): void => {
    const scoringStartedAt = performance.now();
    for (const { event, topic, traceparent } of released) {
      task.traces.remember(event.eventId, { topic, traceparent });
      queueOutputs(task, { topic, traceparent }, task.pipeline.push(event));
    }
    if (released.length > 0) telemetryMetrics?.scoringLatencyMs((performance.now() - scoringStartedAt) / released.length);
  };

  const queueOutputs = (task: PartitionTask, origin: { topic: string; traceparent: string | undefined }, outputs: PipelineOutput[]): void => {
    if (outputs.length === 0) return;
    task.pending.push(...traceOutputs(origin, outputs, task.traces, topicOf));
    for (const out of outputs) {
      if ("alert" in out) telemetryMetrics?.alertRaised(riskCategoryToJSON(out.alert.category), out.alert.subcategory, severityToJSON(out.alert.severity));
    }
  };

  const reportCounts = (task: PartitionTask): void => {
    const fresh = task.countsSinceLastReport();
    if (fresh.lateEvents > 0) telemetryMetrics?.lateEvent("input", fresh.lateEvents);
    if (fresh.duplicateEvents > 0) telemetryMetrics?.duplicateEvents(fresh.duplicateEvents);
    if (fresh.idleAdvances > 0) telemetryMetrics?.idleAdvanced(fresh.idleAdvances);
    if (fresh.roomsEvicted > 0) {
      telemetryMetrics?.roomsEvicted(fresh.roomsEvicted);
      logger.warn("rooms evicted: the partition holds its maximum of rooms; raise REDLINE_ENGINE_MAX_ROOMS_PER_PARTITION or add partitions", {
        partition: task.partition,
        evicted: fresh.roomsEvicted,
        maxRooms: config.engine.maxRooms,
      });
    }
    telemetryMetrics?.setOldestUnappliedAgeMs(task.partition, task.oldestUnappliedAgeMs(now()));
  };

  let busy = false;
  const handleBatch = async (batch: PartitionBatch<LiveEvent>): Promise<HandledBatch> => {
    busy = true;
    try {
      const task = await restoreTask(batch.partition);
      return await task.exclusive(async () => {
        const high = batch.highWatermark;
        let maxEventTimeMs = -1;
        for (const r of batch.records) if (r.value.eventTimeMs > maxEventTimeMs) maxEventTimeMs = r.value.eventTimeMs;
        if (batch.records.length > 0) task.received(maxEventTimeMs, now());
        // A retried batch finds its records already received: only the outputs are sent again.
        const receivedAtMs = now();
        task.merge.add(
          batch.topic,
          batch.records.map((r) => ({
            offset: r.record.offset,
            event: r.value,
            traceparent: r.record.headers.traceparent,
            // A producer clock ahead of ours must not date a record after we had it.
            publishedAtMs: r.record.timestampMs > 0 ? Math.min(r.record.timestampMs, receivedAtMs) : undefined,
          })),
          high,
        );
        task.merge.advance(batch.topic, batch.lastOffset + 1n, high);
        telemetryMetrics?.setConsumerLag(batch.topic, batch.partition, Number(high - batch.lastOffset - 1n));
        score(task, task.merge.release());
        if (task.merge.waitingForConfirmation) laneConfirmation.request();
        reportCounts(task);
        await flushPending(task);
        applyBackpressure(task);
        if (now() - task.lastSnapshotAtMs >= config.snapshotIntervalMs) await snapshotTask(task);
        return { commitOffset: task.merge.firstUnreleased().get(batch.topic) ?? batch.lastOffset + 1n };
      });
    } finally {
      busy = false;
    }
  };

  const idleAdvance = new IdleAdvance({
    idleTimeoutMs: config.idleTimeoutMs,
    inputTopics: config.inputTopics,
    readHighWatermarks: () => consumer.highWatermarks(),
    isCurrent: (task) => tasks.get(task.partition) === task,
    logger,
    now,
    apply: async (task) => {
      score(task, task.merge.release());
      // Events the merge still holds for a confirmation would turn late behind an idle advance: confirm first.
      if (task.merge.waitingForConfirmation) laneConfirmation.request();
      else queueOutputs(task, { topic: "idle", traceparent: undefined }, task.pipeline.idle());
      reportCounts(task);
      await flushPending(task);
      logger.debug("partition idle: held events applied", { partition: task.partition, watermarkMs: task.pipeline.engine.watermarkMs });
    },
  });
  const laneConfirmation = new LaneConfirmation({
    inputTopics: config.inputTopics,
    readHighWatermarks: () => consumer.highWatermarks(),
    tasks: () => tasks.values(),
    isCurrent: (task) => tasks.get(task.partition) === task,
    minIntervalMs: 500,
    logger,
    now,
    apply: async (task) => {
      score(task, task.merge.release());
      reportCounts(task);
      await flushPending(task);
      applyBackpressure(task);
    },
  });
  const advanceIdlePartitions = async (): Promise<void> => {
    await idleAdvance.check(tasks.values());
    for (const task of tasks.values()) telemetryMetrics?.setOldestUnappliedAgeMs(task.partition, task.oldestUnappliedAgeMs(now()));
  };

  const consumer = new EventConsumer<LiveEvent>({
    kafka,
    groupId: config.groupId,
    topics: config.inputTopics,
    fromBeginning: true,
    decode: liveEventDecoder(config.limits, now),
    handleBatch,
    deadLetters: new DeadLetterWriter(producer, metrics, logger),
    logger,
    metrics,
    maxRecordsPerChunk: config.maxRecordsPerChunk,
    maxBytesPerPartition: config.maxBytesPerPartition,
    sessionTimeoutMs: config.sessionTimeoutMs,
    partitionAssigners: [coPartitionAssigner],
    positionFor: async (topic, partition, firstOffset) => {
      const task = await restoreTask(partition);
      return task.merge.received(topic) ?? firstOffset;
    },
    onAssigned: (assigned) => {
      const owned = partitionNumbers(assigned);
      // Co-partitioned: partition p of every topic moves together, so a task is kept or dropped whole.
      for (const p of [...tasks.keys()]) {
        if (owned.includes(p)) continue;
        tasks.delete(p);
        telemetryMetrics?.forgetPartition(p);
      }
      // Partitions new to this member must read the changelog and offsets as they are now.
      generation = undefined;
      logger.info("partitions assigned", { partitions: owned });
    },
  });
  await consumer.start();

  // Declared before the timers that read it: the idle timer can fire while the lag monitor's first read is
  // still awaited below, and reading `stopping` before its declaration crashed the engine at start-up (#17).
  let stopping = false;
  let idleTimer: NodeJS.Timeout | undefined;
  if (config.idleTimeoutMs > 0) {
    let checking = false;
    idleTimer = setInterval(() => {
      if (checking || stopping) return;
      checking = true;
      advanceIdlePartitions()
        .catch((err: unknown) => logger.warn("idle advance failed; the next check retries", { err }))
        .finally(() => {
          checking = false;
        });
    }, Math.max(100, Math.floor(config.idleTimeoutMs / 4)));
    idleTimer.unref();
  }
  const lagMonitor =
    config.lagPollMs > 0 && telemetryMetrics !== undefined
      ? new GroupLagMonitor({
          kafka,
          groupId: config.groupId,
          topics: config.inputTopics,
          intervalMs: config.lagPollMs,
          logger,
          onLag: (lags) => {
            for (const l of lags) telemetryMetrics.setGroupLag(config.groupId, l.topic, l.partition, l.lag);
          },
        })
      : undefined;
  await lagMonitor?.start();

  const snapshotTimer = setInterval(() => {
    if (busy || stopping) return;
    snapshotAll().catch((err: unknown) => logger.warn("periodic snapshot failed; the next one retries", { err }));
  }, Math.max(1000, config.snapshotIntervalMs));
  snapshotTimer.unref();

  const snapshotAll = async (): Promise<void> => {
    for (const task of tasks.values()) {
      await task.exclusive(async () => {
        await flushPending(task);
        await snapshotTask(task);
      });
    }
  };

  return {
    metrics,
    snapshotAll,
    status: () =>
      [...tasks.values()]
        .sort((a, b) => a.partition - b.partition)
        .map((t) => ({ partition: t.partition, counters: t.pipeline.engine.counters(), offsets: t.snapshotOffsets() })),
    async stop() {
      stopping = true;
      clearInterval(snapshotTimer);
      clearInterval(idleTimer);
      laneConfirmation.stop();
      await lagMonitor?.stop();
      await consumer.drain();
      await snapshotAll();
      await consumer.stop();
      await products?.stop();
      await producer.disconnect();
      policies.close();
    },
  };
}
