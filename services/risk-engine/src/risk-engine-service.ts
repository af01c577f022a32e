import type { Logger, RunningService } from "@redline/common";
import type { EngineCounters } from "@redline/engine";
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
} from "@redline/kafka";
import { MinuteTableHold, type PipelineSpec } from "@redline/pipeline";
import type { LiveEvent } from "@redline/proto";
import { consumerMetricsOn, type Telemetry } from "@redline/telemetry";
import type { EngineOutput } from "./account-activity-outputs";
import { requiredTopics, type RiskEngineConfig } from "./config";
import { CrewWiring } from "./crew-wiring";
import { BaselinesWiring } from "./baselines-wiring";
import { HeldEventsRelease } from "./held-events-release";
import { IdleAdvance } from "./idle-advance";
import { LaneConfirmation } from "./lane-confirmation";
import { noopRiskEngineMetrics, riskEngineMetricsOn, type RiskEngineMetrics } from "./metrics";
import { OutputPublisher } from "./output-publisher";
import { pipelineOutputRoutes } from "./output-routes";
import { PartitionStateStore } from "./partition-state-store";
import { PartitionTask } from "./partition-task";
import { PartitionTasks } from "./partition-tasks";
import { openPolicies } from "./policies";
import { ProductTableFeed } from "./product-table-feed";
import { QuietPartitionMarks } from "./quiet-partition-marks";

export interface RiskEngineDeps {
  logger: Logger;
  /** Called when the input consumer stops for good (see EventConsumerOptions.onFatal); main exits for a restart. */
  onFatal?: (err: Error) => void;
  /** Metrics and traces; absent in tests that do not look at them. */
  telemetry?: Telemetry;
  now?: () => number;
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
 * pipeline per partition number (a `PartitionTask`), state in a compacted
 * changelog (`PartitionStateStore`), outputs through an `OutputPublisher`.
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
  const engineMetrics: RiskEngineMetrics = deps.telemetry ? riskEngineMetricsOn(deps.telemetry.instruments) : noopRiskEngineMetrics;
  const metrics: ConsumerMetrics = deps.telemetry ? consumerMetricsOn(deps.telemetry.instruments) : new CountingMetrics();
  const kafka = createKafkaClient(config.kafka, logger);
  const inputPartitions = await checkTopics(kafka, config);

  const producer = await RecordProducer.connect(kafka, logger);
  // Its own broker connections: a snapshot of several MB queued on the outputs' connection held their acknowledgements behind it (#15).
  const snapshotProducer = await RecordProducer.connect(kafka, logger);
  const deadLetters = new DeadLetterWriter(producer, metrics, logger);
  const policies = openPolicies(config, logger);
  const products = await ProductTableFeed.openConfigured(config, { kafka, deadLetters, logger });
  const crew = await CrewWiring.open(config, inputPartitions, { kafka, deadLetters, logger, ...(deps.onFatal ? { onFatal: deps.onFatal } : {}) });
  const baselines = await BaselinesWiring.open(config, inputPartitions, { kafka, deadLetters, logger, ...(deps.onFatal ? { onFatal: deps.onFatal } : {}) });
  // One hold over every minute table the engine reads (#21 account risk, #12 baselines).
  const tables = { ...crew.tables(), ...baselines.tables() };
  const hold = Object.keys(tables).length > 0 ? new MinuteTableHold(tables) : undefined;
  const spec: PipelineSpec = {
    engine: config.engine,
    ...policies.sources,
    ...(products ? { products: products.table } : {}),
    ...crew.spec(),
    ...baselines.spec(),
    ...(hold ? { hold } : {}),
  };

  const store = new PartitionStateStore({
    io: {
      readSnapshots: () => readLatestByKey(kafka, config.changelogTopic, logger),
      watermarks: () => consumer.watermarks(),
      committedOffsets: () => consumer.committedOffsets(),
      writeSnapshot: async (key, value) => {
        await snapshotProducer.send(config.changelogTopic, [{ key, value }], { gzip: true });
      },
    },
    spec,
    specFor: (partition) => crew.specFor(partition),
    inputTopics: config.inputTopics,
    logger,
    now,
    roomsPerSlice: config.snapshotRoomsPerSlice,
  });
  const publisher = new OutputPublisher<EngineOutput>([...pipelineOutputRoutes(config), ...crew.routes(), ...baselines.routes()], producer);
  const tasks: PartitionTasks = new PartitionTasks({
    store,
    metrics: engineMetrics,
    logger,
    now,
    newTask: (partition, pipeline) =>
      new PartitionTask({
        partition,
        pipeline,
        topics: config.inputTopics,
        publisher,
        ...((a) => (a ? { activity: a } : {}))(crew.activityOf(partition)),
        ...((b) => (b ? { baselines: b } : {}))(baselines.outputsOf(partition)),
        backpressure: consumer,
        saveSnapshot: (p, offsets, pl, stillWanted) => store.save(p, offsets, pl, stillWanted),
        snapshotInBackground: config.snapshotRoomsPerSlice > 0,
        requestLaneConfirmation: () => laneConfirmation.request(),
        metrics: engineMetrics,
        logger,
        now,
        maxQueuedPerTopic: config.maxQueuedPerTopic,
        snapshotIntervalMs: config.snapshotIntervalMs,
      }),
  });
  const idleAdvance = new IdleAdvance({
    idleTimeoutMs: config.idleTimeoutMs,
    inputTopics: config.inputTopics,
    readHighWatermarks: () => consumer.highWatermarks(),
    isCurrent: (task) => tasks.isCurrent(task),
    logger,
    now,
    apply: (task) => task.applyIdle(),
  });
  const quietMarks =
    crew.publishesActivity || baselines.enabled
      ? new QuietPartitionMarks({
          quietAfterMs: config.idleTimeoutMs,
          eventClockMs: () => Math.max(...[...tasks.values()].map((t) => t.pipeline.engine.appliedThroughMs)),
          maxPastSkewMs: config.limits.maxPastSkewMs,
          inputTopics: config.inputTopics,
          readHighWatermarks: () => consumer.highWatermarks(),
          isCurrent: (task) => tasks.isCurrent(task),
          logger,
          now,
        })
      : undefined;
  const heldRelease = hold
    ? new HeldEventsRelease({ hold, tasks: () => tasks.values(), isCurrent: (task) => tasks.isCurrent(task), logger, maxTableWaitMs: config.maxTableWaitMs, metrics: engineMetrics, now })
    : undefined;
  const laneConfirmation = new LaneConfirmation({
    inputTopics: config.inputTopics,
    readHighWatermarks: () => consumer.highWatermarks(),
    tasks: () => tasks.values(),
    isCurrent: (task) => tasks.isCurrent(task),
    minIntervalMs: 500,
    logger,
    now,
    apply: (task) => task.applyConfirmed(),
  });

  // Batches in hand (several with partitionsConsumedConcurrently): the periodic snapshot waits for none.
  let busy = 0;
  const consumer: EventConsumer<LiveEvent> = new EventConsumer<LiveEvent>({
    kafka,
    groupId: config.groupId,
    topics: config.inputTopics,
    fromBeginning: true,
    decode: liveEventDecoder(config.limits, now),
    handleBatch: async (batch) => {
      busy++;
      try {
        return await (await tasks.taskFor(batch.partition)).handleBatch(batch);
      } finally {
        busy--;
      }
    },
    deadLetters,
    logger,
    metrics,
    ...(deps.onFatal ? { onFatal: deps.onFatal } : {}),
    maxRecordsPerChunk: config.maxRecordsPerChunk,
    partitionsConsumedConcurrently: config.partitionsConsumedConcurrently,
    maxBytesPerPartition: config.maxBytesPerPartition,
    sessionTimeoutMs: config.sessionTimeoutMs,
    partitionAssigners: [coPartitionAssigner],
    positionFor: async (topic, partition, firstOffset) => (await tasks.taskFor(partition)).merge.received(topic) ?? firstOffset,
    onAssigned: (assigned) => {
      // Co-partitioned: partition p of every topic moves together, so a task is kept or dropped whole.
      const owned = partitionNumbers(assigned);
      tasks.assigned(owned);
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
      idleAdvance
        .check(tasks.values())
        .then(async () => {
          for (const task of tasks.values()) task.reportUnappliedAge();
          if (quietMarks === undefined) return;
          await tasks.startOwned();
          await quietMarks.check(tasks.values());
        })
        .catch((err: unknown) => logger.warn("idle advance failed; the next check retries", { err }))
        .finally(() => {
          checking = false;
        });
    }, Math.max(100, Math.floor(config.idleTimeoutMs / 4)));
    idleTimer.unref();
  }
  const lagMonitor =
    config.lagPollMs > 0 && deps.telemetry !== undefined
      ? new GroupLagMonitor({
          kafka,
          groupId: config.groupId,
          topics: config.inputTopics,
          intervalMs: config.lagPollMs,
          logger,
          onLag: (lags) => {
            for (const l of lags) engineMetrics.setGroupLag(config.groupId, l.topic, l.partition, l.lag);
          },
        })
      : undefined;
  await lagMonitor?.start();

  // The table's reader moves it on its own: look for that often, so a held partition waits no longer than this.
  let releasing = false;
  const heldTimer =
    heldRelease === undefined
      ? undefined
      : setInterval(() => {
          if (releasing || stopping) return;
          releasing = true;
          heldRelease
            .check()
            .catch((err: unknown) => logger.warn("applying events held for the minute tables failed; the next check retries", { err }))
            .finally(() => {
              releasing = false;
            });
        }, 100);
  heldTimer?.unref();

  const snapshotTimer = setInterval(() => {
    if (busy > 0 || stopping) return;
    tasks.snapshotDue().catch((err: unknown) => logger.warn("periodic snapshot failed; the next one retries", { err }));
  }, Math.max(1000, config.snapshotIntervalMs));
  snapshotTimer.unref();

  return {
    metrics,
    snapshotAll: () => tasks.checkpointAll(),
    status: () => tasks.status(),
    async stop() {
      stopping = true;
      clearInterval(snapshotTimer);
      clearInterval(idleTimer);
      clearInterval(heldTimer);
      laneConfirmation.stop();
      await lagMonitor?.stop();
      await consumer.drain();
      await tasks.checkpointAll();
      await consumer.stop();
      await products?.stop();
      await crew.stop();
      await baselines.stop();
      await producer.disconnect();
      await snapshotProducer.disconnect();
      policies.close();
    },
  };
}

/**
 * The topics the service reads and writes exist, its input topics are
 * co-partitioned, and its changelog exists; resolves to the input partition count.
 */
async function checkTopics(kafka: ReturnType<typeof createKafkaClient>, config: RiskEngineConfig): Promise<number> {
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
  return [...counts.values()][0]!;
}
