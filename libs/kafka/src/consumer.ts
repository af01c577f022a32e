import { isRetriable, retry, type Logger, type RetryOptions } from "@redline/common";
import type { Consumer, EachBatchPayload, Kafka, PartitionAssigner } from "kafkajs";
import { refusalOf, type DeadLetterWriter, type Refusal } from "./dead-letter";
import { noopConsumerMetrics, type ConsumerMetrics } from "./metrics";
import { toInputRecord, type InputRecord } from "./record";

/** Turns a record into a value, or throws; a non-retriable throw dead-letters the record. */
export type RecordDecoder<T> = (record: InputRecord) => T;

export interface DecodedRecord<T> {
  record: InputRecord;
  value: T;
}

/**
 * What a handler that holds records back (e.g. to merge topics in event
 * time) tells the consumer: commit only up to here, not past the batch.
 */
export interface HandledBatch {
  commitOffset: string;
}

/** Records of one partition, in offset order, handed to the handler together. */
export interface PartitionBatch<T> {
  topic: string;
  partition: number;
  records: ReadonlyArray<DecodedRecord<T>>;
  /** Offset of the last record of the chunk, refused ones included. */
  lastOffset: string;
  /** The partition's high-water mark when the batch was fetched. */
  highWatermark: string;
  /** Call during long work so the group does not consider this member dead. */
  heartbeat(): Promise<void>;
  /**
   * Aborted when the consumer stops. Work that can wait a long time (retrying
   * a peer that is down) should give up on it by throwing: the chunk is then
   * neither committed nor dead-lettered, and goes to the partition's next owner.
   */
  signal: AbortSignal;
}

export interface EventConsumerOptions<T> {
  kafka: Kafka;
  groupId: string;
  topics: readonly string[];
  fromBeginning?: boolean;
  decode: RecordDecoder<T>;
  /**
   * Resolves once the records' effects are durable (outputs acknowledged);
   * only then are their offsets committed. A retriable rejection is retried
   * with backoff; a non-retriable one dead-letters the records it was given.
   */
  handleBatch: (batch: PartitionBatch<T>) => Promise<void | HandledBatch>;
  deadLetters: DeadLetterWriter;
  logger: Logger;
  metrics?: ConsumerMetrics;
  /** Upper bound on records decoded and held at once per partition (backpressure). */
  maxRecordsPerChunk?: number;
  handlerRetry?: Omit<RetryOptions, "shouldRetry" | "onRetry">;
  sessionTimeoutMs?: number;
  heartbeatIntervalMs?: number;
  partitionsConsumedConcurrently?: number;
  maxBytesPerPartition?: number;
  partitionAssigners?: PartitionAssigner[];
  /**
   * Called before a batch of a partition is decoded. Returning an offset
   * other than the batch's first makes the consumer seek there and drop the
   * batch: how state restored from a snapshot resumes at the offsets it
   * covers (kafkajs has no blocking rebalance listener to do it earlier).
   */
  positionFor?: (topic: string, partition: number, firstOffset: string) => Promise<string | undefined>;
}

const DEFAULT_HANDLER_RETRY = { maxAttempts: 8, initialDelayMs: 200, maxDelayMs: 10_000 };
/** The handler gave up because the consumer is stopping: commit nothing more. */
const INTERRUPTED = Symbol("interrupted");
const STOPPED = new Error("consumer stopping");

/**
 * A consumer-group member that decodes, dead-letters what it must, hands
 * the rest to a handler partition by partition, and commits offsets only
 * after the handler resolved. Auto-commit is off: a crash redelivers at most
 * the chunk in flight (at-least-once).
 */
export class EventConsumer<T> {
  private readonly consumer: Consumer;
  private readonly metrics: ConsumerMetrics;
  private readonly logger: Logger;
  private readonly maxRecordsPerChunk: number;
  private inFlight = 0;
  private draining = false;
  private readonly stopping = new AbortController();
  private readonly idleWaiters: Array<() => void> = [];

  constructor(private readonly opts: EventConsumerOptions<T>) {
    this.metrics = opts.metrics ?? noopConsumerMetrics;
    this.logger = opts.logger.child("consumer", { groupId: opts.groupId });
    this.maxRecordsPerChunk = opts.maxRecordsPerChunk ?? 500;
    this.consumer = opts.kafka.consumer({
      groupId: opts.groupId,
      sessionTimeout: opts.sessionTimeoutMs ?? 30_000,
      heartbeatInterval: opts.heartbeatIntervalMs ?? 3_000,
      maxBytesPerPartition: opts.maxBytesPerPartition ?? 1_048_576,
      allowAutoTopicCreation: false,
      ...(opts.partitionAssigners ? { partitionAssigners: opts.partitionAssigners } : {}),
    });
    this.consumer.on(this.consumer.events.CRASH, (e) =>
      this.logger.error("consumer crashed", { err: e.payload.error, restart: e.payload.restart }),
    );
  }

  /** The underlying group member, for events (GROUP_JOIN) and pause/seek by the owner. */
  get raw(): Consumer {
    return this.consumer;
  }

  async start(): Promise<void> {
    await this.consumer.connect();
    // A topic created a moment ago may not be in every broker's metadata yet (retriable UNKNOWN_TOPIC_OR_PARTITION).
    await retry(
      () => this.consumer.subscribe({ topics: [...this.opts.topics], fromBeginning: this.opts.fromBeginning ?? false }),
      { maxAttempts: 20, initialDelayMs: 200, maxDelayMs: 2000 },
    );
    await this.consumer.run({
      autoCommit: false,
      eachBatchAutoResolve: false,
      partitionsConsumedConcurrently: this.opts.partitionsConsumedConcurrently ?? 1,
      eachBatch: (payload) => this.onBatch(payload),
    });
  }

  /**
   * Leaves the group. A chunk whose handler finishes is committed; a handler
   * that gives up on the stop signal leaves its chunk uncommitted for the
   * next owner, so stopping never waits out a retry budget.
   */
  async stop(): Promise<void> {
    this.stopping.abort();
    await this.consumer.disconnect();
  }

  /**
   * Stops handling while staying in the group: pauses every topic, lets the
   * chunk in flight finish and commit, and resolves when nothing runs. The
   * owner can then checkpoint before `stop()` hands the partitions over.
   */
  async drain(): Promise<void> {
    this.draining = true;
    this.consumer.pause(this.opts.topics.map((topic) => ({ topic })));
    if (this.inFlight === 0) return;
    await new Promise<void>((resolve) => this.idleWaiters.push(resolve));
  }

  private async onBatch(payload: EachBatchPayload): Promise<void> {
    if (this.draining) return;
    this.inFlight++;
    try {
      await this.processBatch(payload);
    } finally {
      this.inFlight--;
      if (this.inFlight === 0) for (const wake of this.idleWaiters.splice(0)) wake();
    }
  }

  private async processBatch(payload: EachBatchPayload): Promise<void> {
    const { batch, heartbeat, isRunning, isStale, resolveOffset } = payload;
    const { topic, partition } = batch;
    const first = batch.messages[0];
    if (first === undefined) return;
    if (this.opts.positionFor) {
      const wanted = await this.opts.positionFor(topic, partition, first.offset);
      if (wanted !== undefined && wanted !== first.offset) {
        this.logger.info("seeking to the position state was restored at", { topic, partition, from: first.offset, to: wanted });
        this.consumer.seek({ topic, partition, offset: wanted });
        return;
      }
    }
    for (let i = 0; i < batch.messages.length; i += this.maxRecordsPerChunk) {
      if (!isRunning() || isStale() || this.draining) return;
      const chunk = batch.messages.slice(i, i + this.maxRecordsPerChunk);
      const decoded: DecodedRecord<T>[] = [];
      const refused: Refusal[] = [];
      for (const message of chunk) {
        const record = toInputRecord(topic, partition, message);
        try {
          decoded.push({ record, value: this.opts.decode(record) });
        } catch (err) {
          if (isRetriable(err)) throw err;
          refused.push(refusalOf(record, err, "UNDECODABLE"));
        }
      }
      this.metrics.recordsConsumed(topic, chunk.length);
      await this.opts.deadLetters.write(refused);
      const lastOffset = chunk[chunk.length - 1]!.offset;
      const highWatermark = batch.highWatermark;
      // Called even when every record was refused, so a handler that holds records back can say what is safe to commit.
      const handled = await this.handle({ topic, partition, records: decoded, heartbeat, lastOffset, highWatermark, signal: this.stopping.signal });
      if (handled === INTERRUPTED) return;
      const commitOffset = handled?.commitOffset ?? (BigInt(lastOffset) + 1n).toString();
      await this.consumer.commitOffsets([{ topic, partition, offset: commitOffset }]);
      resolveOffset(lastOffset);
      await heartbeat();
    }
  }

  private async handle(batch: PartitionBatch<T>): Promise<void | HandledBatch | typeof INTERRUPTED> {
    try {
      return await retry(() => (this.stopping.signal.aborted ? Promise.reject(STOPPED) : this.opts.handleBatch(batch)), {
        ...DEFAULT_HANDLER_RETRY,
        ...this.opts.handlerRetry,
        signal: this.stopping.signal,
        onRetry: (err, attempt, delayMs) => {
          this.metrics.handlerRetried(batch.topic);
          this.logger.warn("handler failed, retrying", { err, attempt, delayMs, topic: batch.topic, partition: batch.partition });
          void batch.heartbeat().catch(() => undefined);
        },
      });
    } catch (err) {
      // Whatever failed while stopping is left to the next owner: not retried here, not dead-lettered.
      if (this.stopping.signal.aborted) {
        this.logger.info("chunk left uncommitted at shutdown", { topic: batch.topic, partition: batch.partition, lastOffset: batch.lastOffset, reason: (err as Error).message });
        return INTERRUPTED;
      }
      // Retries used up on a retriable failure: crash the run so kafkajs
      // restarts it from the last commit; nothing is lost or skipped.
      if (isRetriable(err) || (err as Error).name === "RetriesExhaustedError") throw err;
      await this.opts.deadLetters.write(batch.records.map((r) => refusalOf(r.record, err, "HANDLER_FAILED")));
      return undefined;
    }
  }
}
