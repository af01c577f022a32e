import { isRetriable, retry, RetriesExhaustedError, type Logger } from "@redline/common";
import type { Admin, Consumer, EachBatchPayload } from "kafkajs";
import { assignmentFrom, revokedBetween, type TopicPartitions } from "./assignment";
import type { DecodedRecord, EventConsumerOptions, HandledBatch, PartitionBatch } from "./consumer-options";
import { handlerRefusalOf, refusalOf, type Refusal } from "./dead-letter";
import { noopConsumerMetrics, type ConsumerMetrics } from "./metrics";
import { fetchCommittedOffsets, fetchWatermarks, type TopicOffsets } from "./offsets";
import { toInputRecord } from "./record";

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
  private assigned: TopicPartitions[] = [];
  private admin: Promise<Admin> | undefined;
  private fatal = false;
  /** Per `topic|partition`, the offset `positionFor` last had the consumer seek to. */
  private readonly sought = new Map<string, bigint>();

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
    this.consumer.on(this.consumer.events.CRASH, (e) => this.onCrash(e.payload.error, e.payload.restart));
    this.consumer.on(this.consumer.events.GROUP_JOIN, (e) => this.onJoin(assignmentFrom(e.payload.memberAssignment)));
  }

  /** Logs a crash; one kafkajs will not restart from is fatal (`EventConsumerOptions.onFatal`), unless we are stopping. */
  private onCrash(error: Error, restart: boolean): void {
    this.logger.error("consumer crashed", { err: error, restart });
    if (restart || this.stopping.signal.aborted || this.fatal) return;
    this.fatal = true;
    this.opts.onFatal?.(error);
  }

  /** What this member owns since its last join of the group. */
  assignment(): readonly TopicPartitions[] {
    return this.assigned;
  }

  /**
   * Stops fetching these partitions (backpressure) until `resume`; what was
   * fetched already is still handed over. Kept across rebalances for the
   * partitions the member keeps; lifted from those it loses.
   */
  pause(partitions: readonly TopicPartitions[]): void {
    this.consumer.pause(partitions.map((tp) => ({ topic: tp.topic, partitions: [...tp.partitions] })));
  }

  resume(partitions: readonly TopicPartitions[]): void {
    this.consumer.resume(partitions.map((tp) => ({ topic: tp.topic, partitions: [...tp.partitions] })));
  }

  isPaused(topic: string, partition: number): boolean {
    return this.consumer.paused().some((tp) => tp.topic === topic && tp.partitions.includes(partition));
  }

  /** Low- and high-water marks of every partition of the consumer's topics, as the broker has them now. */
  async watermarks(): Promise<{ low: TopicOffsets; high: TopicOffsets }> {
    return fetchWatermarks(await this.connectedAdmin(), this.opts.topics);
  }

  /** High-water marks (next offset to be written) of every partition of the consumer's topics. */
  async highWatermarks(): Promise<TopicOffsets> {
    return (await this.watermarks()).high;
  }

  /** The group's committed offsets on the consumer's topics; partitions never committed are absent. */
  async committedOffsets(): Promise<TopicOffsets> {
    return fetchCommittedOffsets(await this.connectedAdmin(), this.opts.groupId, this.opts.topics);
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
    const admin = this.admin;
    this.admin = undefined;
    if (admin) await (await admin.catch(() => undefined))?.disconnect();
  }

  /** One admin connection for the offset queries, opened on first use. */
  private connectedAdmin(): Promise<Admin> {
    if (this.admin === undefined) {
      const admin = this.opts.kafka.admin();
      this.admin = admin.connect().then(() => admin);
      // A failed connect is not cached: the next query tries again.
      this.admin.catch(() => (this.admin = undefined));
    }
    return this.admin;
  }

  private onJoin(now: TopicPartitions[]): void {
    const revoked = revokedBetween(this.assigned, now);
    this.assigned = now;
    // kafkajs keeps a pause through rebalances; one on a partition this member lost would greet its next assignment.
    if (revoked.length > 0) this.resume(revoked);
    try {
      if (revoked.length > 0) this.opts.onRevoked?.(revoked);
      this.opts.onAssigned?.(now);
    } catch (err) {
      // Not rethrown: kafkajs emits GROUP_JOIN inside its join, which would take the throw for a failed join and rejoin for ever.
      this.logger.error("assignment callback failed", { err, assigned: now, revoked });
    }
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
      const firstOffset = BigInt(first.offset);
      const wanted = await this.opts.positionFor(topic, partition, firstOffset);
      const key = `${topic}|${partition}`;
      if (wanted !== undefined && wanted !== firstOffset && !(await this.goneFromLog(topic, partition, wanted, firstOffset))) {
        this.logger.info("seeking to the position state was restored at", { topic, partition, from: first.offset, to: wanted.toString() });
        this.sought.set(key, wanted);
        this.consumer.seek({ topic, partition, offset: wanted.toString() });
        return;
      }
      this.sought.delete(key);
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
      const lastOffset = BigInt(chunk[chunk.length - 1]!.offset);
      const highWatermark = BigInt(batch.highWatermark);
      // Called even when every record was refused, so a handler that holds records back can say what is safe to commit.
      const handled = await this.handle({ topic, partition, records: decoded, heartbeat, lastOffset, highWatermark, signal: this.stopping.signal });
      if (handled === INTERRUPTED) return;
      const commitOffset = handled?.commitOffset ?? lastOffset + 1n;
      await this.consumer.commitOffsets([{ topic, partition, offset: commitOffset.toString() }]);
      resolveOffset(lastOffset.toString());
      await heartbeat();
    }
  }

  /**
   * Whether `wanted` was sought already and the log now starts past it: retention (or deleteRecords) took
   * records the restored state never read while it was not running. The fetch after such a seek restarts
   * at the log's start, and seeking back again looped for ever with the partition read no further.
   */
  private async goneFromLog(topic: string, partition: number, wanted: bigint, firstOffset: bigint): Promise<boolean> {
    if (this.sought.get(`${topic}|${partition}`) !== wanted || wanted > firstOffset) return false;
    const logStart = (await this.watermarks()).low.get(topic)?.get(partition);
    if (logStart === undefined || logStart <= wanted) return false;
    this.logger.warn("records the restored state had not read are gone from the log (retention); reading on from the oldest retained", {
      topic,
      partition,
      wanted: wanted.toString(),
      logStart: logStart.toString(),
      lost: (logStart - wanted).toString(),
    });
    return true;
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
        this.logger.info("chunk left uncommitted at shutdown", { topic: batch.topic, partition: batch.partition, lastOffset: batch.lastOffset.toString(), reason: (err as Error).message });
        return INTERRUPTED;
      }
      // Retries used up on a retriable failure: crash the run so kafkajs
      // restarts it from the last commit; nothing is lost or skipped.
      if (isRetriable(err) || err instanceof RetriesExhaustedError) throw err;
      await this.opts.deadLetters.write(batch.records.map((r) => handlerRefusalOf(r.record, err)));
      return undefined;
    }
  }
}
