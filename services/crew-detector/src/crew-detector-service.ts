/**
 * The crew detector service (issue 21): one instance reads every partition of
 * `risk.account-activity` outside any consumer group (the detector is one
 * state over all accounts), puts the records back into exact event-time order
 * behind every producer's watermark (CrewStream), raises account and room
 * alerts on `risk.alerts`, writes account-risk versions and progress marks to
 * the `risk.account-risk` minute table, and snapshots its state with its
 * offsets to a compacted changelog at event-time minute boundaries. A restart
 * restores the snapshot and re-reads from its offsets; what it re-raises has
 * the ids and keys it had, so consumers see it once.
 */
import type { Logger } from "@redline/common";
import { crewAlert, CrewSnapshotError } from "@redline/crews";
import { encodeMessage } from "@redline/events";
import {
  CountingMetrics,
  createKafkaClient,
  DeadLetterWriter,
  earliestOffsets,
  ensureTopics,
  MinuteTableWriter,
  partitionCounts,
  readLatestByKey,
  RecordProducer,
  requireTopics,
  TopicReader,
  type ConsumerMetrics,
  type InputRecord,
  type OutputRecord,
} from "@redline/kafka";
import { Alert } from "@redline/proto";
import { consumerMetricsOn, type Telemetry } from "@redline/telemetry";
import { requiredTopics, type CrewDetectorConfig } from "./config";
import { CrewStream } from "./crew-stream";

const SNAPSHOT_KEY = "crew-detector";

export interface CrewDetectorDeps {
  logger: Logger;
  telemetry?: Telemetry;
  /** Called when the account-activity reader stops for good: the detector can raise nothing more, so main exits for a restart. */
  onFatal?: (err: Error) => void;
}

export interface CrewDetectorStats {
  released: number;
  alerts: number;
  tableValues: number;
  snapshots: number;
  deadLettered: number;
}

/**
 * The snapshot's state, or undefined when the snapshot is another release's (another format or crew config):
 * then the detector replays the retained account activity from the earliest offsets, which is what a replay
 * computes, instead of refusing to start — a crew detector that is down holds every room engine's reads of
 * the account-risk table, so falsification would stop with it. What it re-raises keeps its ids.
 */
function restoreIfSameRelease(saved: Uint8Array, config: CrewDetectorConfig, logger: Logger): CrewStream | undefined {
  try {
    return CrewStream.restore(saved, config.crew, config.snapshotEveryMinutes);
  } catch (err) {
    if (!(err instanceof CrewSnapshotError)) throw err;
    logger.warn("crew detector snapshot is another release's; replaying account activity from the earliest offsets", { err });
    return undefined;
  }
}

export class CrewDetectorService {
  readonly stats: CrewDetectorStats = { released: 0, alerts: 0, tableValues: 0, snapshots: 0, deadLettered: 0 };
  private reader: TopicReader | undefined;
  private stopped = false;

  private constructor(
    private readonly config: CrewDetectorConfig,
    private readonly stream: CrewStream,
    private readonly producer: RecordProducer,
    private readonly table: MinuteTableWriter,
    private readonly deadLetters: DeadLetterWriter,
    private readonly logger: Logger,
  ) {}

  static async start(config: CrewDetectorConfig, deps: CrewDetectorDeps): Promise<CrewDetectorService> {
    const logger = deps.logger.child("crew-detector");
    const kafka = createKafkaClient(config.kafka, logger);
    await requireTopics(kafka, requiredTopics(config));
    await ensureTopics(kafka, [{ topic: config.changelogTopic, numPartitions: 1, configs: { "cleanup.policy": "compact" } }]);
    const metrics: ConsumerMetrics = deps.telemetry ? consumerMetricsOn(deps.telemetry.instruments) : new CountingMetrics();
    const producer = await RecordProducer.connect(kafka, logger);
    const lanes = (await partitionCounts(kafka, [config.activityTopic])).get(config.activityTopic)!;
    const saved = (await readLatestByKey(kafka, config.changelogTopic, logger)).get(SNAPSHOT_KEY);
    const restored = saved === undefined ? undefined : restoreIfSameRelease(saved, config, logger);
    const stream = restored ?? CrewStream.fresh(lanes, await earliestOffsets(kafka, config.activityTopic), config.crew, config.snapshotEveryMinutes);
    logger.info("crew detector state ready", { restored: restored !== undefined, snapshotBytes: saved?.length ?? 0, held: stream.heldCount, lanes });
    const table = await MinuteTableWriter.open(kafka, producer, config.accountRiskTopic);
    const service = new CrewDetectorService(config, stream, producer, table, new DeadLetterWriter(producer, metrics, logger), logger);
    // The first snapshot pins the start offsets, so a crash before the next one resumes here.
    if (restored === undefined) await service.saveSnapshot();
    service.reader = await TopicReader.open({
      kafka,
      topic: config.activityTopic,
      from: stream.from(),
      groupIdPrefix: "redline-crew-detector",
      logger,
      onRecords: (records, heartbeat) => service.handle(records, heartbeat),
      onFatal: (err) => {
        logger.error("account-activity reader stopped; the crew detector raises nothing until restarted", { err });
        deps.onFatal?.(err);
      },
    });
    return service;
  }

  private async handle(records: readonly InputRecord[], heartbeat: () => Promise<void>): Promise<void> {
    if (this.stopped) return;
    const step = this.stream.accept(records);
    await this.deadLetters.write(step.refusals);
    const alerts: OutputRecord[] = step.outputs.map((out) => {
      const alert = crewAlert(out);
      const enc = encodeMessage(Alert, alert, "protobuf");
      return { key: alert.roomId, value: enc.value, headers: { "content-type": enc.contentType } };
    });
    // Alerts and table values before the marks that say they are complete, and both before the snapshot that covers them.
    const batches = [{ topic: this.config.alertsTopic, records: alerts }];
    if (step.markThroughMs !== undefined) batches.push({ topic: this.table.topic, records: this.table.records(step.tableValues, step.markThroughMs) });
    await this.producer.sendMany(batches);
    await heartbeat();
    if (step.snapshotDue) await this.saveSnapshot();
    this.stats.released += step.released;
    this.stats.alerts += alerts.length;
    this.stats.tableValues += step.tableValues.length;
    this.stats.deadLettered += step.refusals.length;
    if (step.released === 0 && this.stream.heldCount > this.config.maxHeldRecords) {
      this.logger.warn("records held above the frontier past the limit; a producer has gone quiet without progress marks", { held: this.stream.heldCount, missing: this.stream.missing().slice(0, 10) });
    }
  }

  private async saveSnapshot(): Promise<void> {
    const value = Buffer.from(this.stream.snapshot());
    await this.producer.send(this.config.changelogTopic, [{ key: SNAPSHOT_KEY, value }], { gzip: true });
    this.stats.snapshots++;
    this.logger.debug("crew detector snapshot", { bytes: value.length, frontierMs: this.stream.frontierMs(), state: this.stream.detector.stateSize() });
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    await this.reader?.stop();
    await this.producer.disconnect();
  }
}
