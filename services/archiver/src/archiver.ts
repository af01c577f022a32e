import { ArchiveWriter, dropExpiredPartitions, KeyRoomTracker, migrateArchive } from "@redline/archive";
import { ClickHouseClient } from "@redline/clickhouse";
import { describeError, type Logger, type RunningService } from "@redline/common";
import {
  CountingMetrics,
  createKafkaClient,
  DeadLetterWriter,
  EventConsumer,
  RecordProducer,
  requireTopics,
  type ConsumerMetrics,
} from "@redline/kafka";
import { consumerMetricsOn, type Telemetry } from "@redline/telemetry";
import { archiveDecoder, toArchiveBatch, type ArchiveRecord } from "./archive-records";
import { requiredTopics, type ArchiverConfig } from "./config";
import { archiverMetricsOn } from "./metrics";

export interface ArchiverDeps {
  logger: Logger;
  /** Called when the input consumer stops for good (see EventConsumerOptions.onFatal); main exits for a restart. */
  onFatal?: (err: Error) => void;
  telemetry?: Telemetry;
  metrics?: ConsumerMetrics;
  now?: () => number;
}

export interface Archiver extends RunningService {
  readonly metrics: ConsumerMetrics;
  /** Runs the retention job once (also run on a timer). */
  enforceRetention(): Promise<void>;
}

/**
 * Migrates the archive, then consumes outputs and input events into it. A
 * ClickHouse outage makes the batch handler fail with a retriable error: the
 * consumer retries with backoff and commits nothing meanwhile, so consumption
 * pauses and resumes where it stopped.
 */
export async function startArchiver(config: ArchiverConfig, deps: ArchiverDeps): Promise<Archiver> {
  const logger = deps.logger.child("archiver");
  const instruments = deps.telemetry?.metrics;
  const metrics = deps.metrics ?? (deps.telemetry ? consumerMetricsOn(deps.telemetry.instruments) : new CountingMetrics());
  const evidenceMetrics = deps.telemetry ? archiverMetricsOn(deps.telemetry.instruments) : undefined;
  const kafka = createKafkaClient(config.kafka, logger);
  // Before the archive is migrated: a service that cannot run should leave nothing behind.
  await requireTopics(kafka, requiredTopics(config));
  const server = new ClickHouseClient({
    url: config.clickhouse.url,
    database: null,
    user: config.clickhouse.user,
    password: config.clickhouse.password,
    requestTimeoutMs: config.clickhouse.requestTimeoutMs,
    logger,
  });
  await migrateArchive(server, config.clickhouse.database, logger);
  const db = server.withDatabase(config.clickhouse.database);
  const writer = new ArchiveWriter(db, new KeyRoomTracker({ maxRooms: config.maxKeyRooms }), {
    eventSampleRate: config.eventSampleRate,
    evidenceLookupWindowMs: config.evidenceLookupWindowMs,
    maxPendingEvidence: 10_000,
    logger,
    onInsert: (table, rows, ok) => (ok ? instruments?.clickhouseBatch(table, rows) : instruments?.clickhouseFailed(table)),
    onEvidencePending: (_alerts, events) => evidenceMetrics?.evidencePending(events),
    onEvidenceAbandoned: (events, reason) => evidenceMetrics?.evidenceAbandoned(events, reason),
    ...(deps.now ? { now: deps.now } : {}),
  });

  const restored = await writer.restoreKeyRooms(config.maxKeyRooms);
  if (restored > 0) logger.info("key rooms restored from the archive", { rooms: restored });
  const awaiting = await writer.restorePendingEvidence();
  if (awaiting > 0) logger.info("alerts whose cited events are not all archived yet: looking for them again", { alerts: awaiting });

  const producer = await RecordProducer.connect(kafka, logger);
  const consumer = new EventConsumer<ArchiveRecord>({
    kafka,
    groupId: config.groupId,
    topics: [config.alertsTopic, config.actionsTopic, config.feedbackTopic, config.outcomesTopic, ...config.inputTopics],
    fromBeginning: true,
    decode: archiveDecoder(config, deps.now),
    handleBatch: async (batch) => {
      const archiveBatch = toArchiveBatch(batch.records);
      if (archiveBatch.skipped > 0) logger.debug("invalid input events not archived", { topic: batch.topic, count: archiveBatch.skipped });
      await writer.write(archiveBatch);
    },
    deadLetters: new DeadLetterWriter(producer, metrics, logger),
    logger,
    ...(deps.onFatal ? { onFatal: deps.onFatal } : {}),
    metrics,
    maxRecordsPerChunk: config.maxRecordsPerChunk,
    // An outage of any length only delays archiving: keep retrying, at most every 30 s.
    handlerRetry: { maxAttempts: Number.MAX_SAFE_INTEGER, initialDelayMs: 500, maxDelayMs: 30_000 },
  });
  await consumer.start();

  const enforceRetention = async (): Promise<void> => {
    await dropExpiredPartitions(db, config.clickhouse.database, config.retentionDays, (deps.now ?? Date.now)(), logger);
  };
  const timer = setInterval(() => {
    enforceRetention().catch((err: unknown) => logger.warn("retention job failed; next run will retry", { err: describeError(err) }));
  }, config.retentionIntervalMs);
  timer.unref();

  return {
    metrics,
    enforceRetention,
    async stop() {
      clearInterval(timer);
      await consumer.stop();
      await producer.disconnect();
    },
  };
}
