import { randomBytes } from "node:crypto";
import { retry, type Logger } from "@redline/common";
import type { Consumer, Kafka } from "kafkajs";
import { latestOffsets, type PartitionOffsets } from "./offsets";
import { toInputRecord, type InputRecord } from "./record";

export interface TopicReaderOptions {
  kafka: Kafka;
  topic: string;
  /** Where to start per partition; partitions not named start at the live end. */
  from: PartitionOffsets;
  /**
   * Gets each fetched batch of one partition, in offset order. The reader
   * fetches nothing more for that partition until the promise settles, so a
   * slow sink holds the reader back instead of filling memory; a sink that
   * waits long should call `heartbeat` now and then.
   */
  onRecords: (records: readonly InputRecord[], heartbeat: () => Promise<void>) => Promise<void>;
  logger: Logger;
  /** Prefix of the throw-away group id (kafkajs needs one; nothing is ever committed). */
  groupIdPrefix?: string;
  /** Upper bound on one fetch per partition. */
  maxBytesPerPartition?: number;
  sessionTimeoutMs?: number;
  /**
   * Called once if the reader stops for good (kafkajs gave up restarting it,
   * or `onRecords` threw something not retriable); a crash kafkajs restarts
   * from is not reported, the reader re-seeks to its own positions instead.
   */
  onFatal?: (err: Error) => void;
}

/**
 * Reads every partition of one topic from explicit offsets without
 * committing anything: the position lives in the caller (e.g. a tail
 * cursor), not in a consumer group. kafkajs has no manual assignment, so the
 * reader joins a group of its own and seeks after every join; it also drops
 * records below its own position, so a rejoin can never deliver a record
 * twice.
 */
export class TopicReader {
  private readonly next = new Map<number, bigint>();
  private stopped = false;

  private constructor(
    private readonly consumer: Consumer,
    private readonly opts: TopicReaderOptions,
  ) {}

  static async open(opts: TopicReaderOptions): Promise<TopicReader> {
    const live = await latestOffsets(opts.kafka, opts.topic);
    const groupId = `${opts.groupIdPrefix ?? "redline-topic-reader"}-${randomBytes(6).toString("hex")}`;
    const consumer = opts.kafka.consumer({
      groupId,
      allowAutoTopicCreation: false,
      maxBytesPerPartition: opts.maxBytesPerPartition ?? 1024 * 1024,
      sessionTimeout: opts.sessionTimeoutMs ?? 30_000,
      maxWaitTimeInMs: 200,
    });
    const reader = new TopicReader(consumer, opts);
    for (const [partition, high] of live) reader.next.set(partition, opts.from.get(partition) ?? high);
    consumer.on(consumer.events.GROUP_JOIN, () => reader.seekAll());
    consumer.on(consumer.events.CRASH, ({ payload }) => {
      if (payload.restart || reader.stopped) return;
      reader.stopped = true;
      opts.onFatal?.(payload.error);
    });
    await consumer.connect();
    try {
      // A topic created a moment ago may not be in the broker's metadata yet (retriable).
      await retry(() => consumer.subscribe({ topics: [opts.topic], fromBeginning: false }), {
        maxAttempts: 20,
        initialDelayMs: 200,
        maxDelayMs: 2000,
      });
      await reader.run();
    } catch (err) {
      await consumer.disconnect().catch(() => undefined);
      throw err;
    }
    reader.seekAll();
    return reader;
  }

  private async run(): Promise<void> {
    await this.consumer.run({
      autoCommit: false,
      eachBatch: async ({ batch, heartbeat, isRunning, isStale }) => {
        const start = this.next.get(batch.partition) ?? 0n;
        const fresh = batch.messages.map((m) => toInputRecord(batch.topic, batch.partition, m)).filter((r) => r.offset >= start);
        if (fresh.length === 0 || this.stopped || !isRunning() || isStale()) return;
        await this.opts.onRecords(fresh, heartbeat);
        this.next.set(batch.partition, fresh[fresh.length - 1]!.offset + 1n);
        await heartbeat();
      },
    });
  }

  /** The next offset this reader will deliver, per partition. */
  positions(): Map<number, bigint> {
    return new Map(this.next);
  }

  private seekAll(): void {
    if (this.stopped) return;
    try {
      for (const [partition, offset] of this.next) {
        this.consumer.seek({ topic: this.opts.topic, partition, offset: offset.toString() });
      }
    } catch (err) {
      // The first GROUP_JOIN can fire before kafkajs has set up its group
      // ("consumer#run must be called first"); the seek after run() covers it.
      this.opts.logger.debug("seek deferred until the reader runs", { err, topic: this.opts.topic });
    }
  }

  async stop(): Promise<void> {
    if (this.stopped) return;
    this.stopped = true;
    try {
      await this.consumer.disconnect();
    } catch (err) {
      this.opts.logger.warn("topic reader did not disconnect cleanly", { err, topic: this.opts.topic });
    }
  }
}
