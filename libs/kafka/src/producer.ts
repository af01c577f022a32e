import { isRetriable, retry, type Logger } from "@redline/common";
import { CompressionTypes, Partitioners, type Kafka, type Producer, type RecordMetadata } from "kafkajs";
import { isBrokerUnavailable } from "./broker-unavailable";
import { BrokerUnavailableError } from "./errors";
import { outgoingHeaders, type OutputRecord } from "./record";

export interface ProducerOptions {
  /**
   * Broker-side dedupe of producer retries. Off by default: every Redline
   * output carries a deterministic id its consumers dedupe by, a restart
   * repeats outputs anyway, and kafkajs only honours idempotence with
   * unlimited retries, which would hide a dead broker from the caller.
   */
  idempotent?: boolean;
  /** How long a send may keep retrying retriable broker errors before failing. */
  maxSendAttempts?: number;
  /**
   * How long a send keeps trying while the broker cannot be reached (a restart, a network outage) before it
   * fails with `BrokerUnavailableError`, counted from its first attempt (retry's `maxElapsedMs`). 0 (the default): kafkajs's retries
   * and `maxSendAttempts` only, which give up after about 10 s. A service leaves it at 0: its consumer retries the
   * batch or restarts from its last commit. A publisher with nothing to fall back on sets it: `redline produce`
   * exited 1 on the fault suite's broker restart (#17, 15-30 s of broker down).
   */
  maxUnavailableMs?: number;
}

export interface SendOptions {
  /** Compress the batch (large state snapshots). */
  gzip?: boolean;
}

/**
 * Produces with acks from all in-sync replicas, so a resolved `send` means the
 * records are durable: callers commit input offsets only after it resolves.
 */
export class RecordProducer {
  private constructor(
    private readonly producer: Producer,
    private readonly maxSendAttempts: number,
    private readonly maxUnavailableMs: number,
    private readonly logger: Logger,
  ) {}

  static async connect(kafka: Kafka, logger: Logger, opts: ProducerOptions = {}): Promise<RecordProducer> {
    const producer = kafka.producer({
      idempotent: opts.idempotent ?? false,
      // One request in flight: a retried batch cannot overtake the next, so per-room order holds.
      maxInFlightRequests: 1,
      allowAutoTopicCreation: false,
      createPartitioner: Partitioners.DefaultPartitioner,
    });
    await producer.connect();
    return new RecordProducer(producer, opts.maxSendAttempts ?? 5, opts.maxUnavailableMs ?? 0, logger.child("producer"));
  }

  async send(topic: string, records: readonly OutputRecord[], opts: SendOptions = {}): Promise<RecordMetadata[]> {
    return this.sendMany([{ topic, records }], opts);
  }

  /** One request for several topics; resolves when every record is acknowledged. */
  async sendMany(
    batches: ReadonlyArray<{ topic: string; records: readonly OutputRecord[] }>,
    opts: SendOptions = {},
  ): Promise<RecordMetadata[]> {
    const topicMessages = batches
      .filter((b) => b.records.length > 0)
      .map((b) => ({
        topic: b.topic,
        messages: b.records.map((r) => ({ key: r.key, value: r.value, headers: outgoingHeaders(r) })),
      }));
    if (topicMessages.length === 0) return [];
    const compression = opts.gzip ? CompressionTypes.GZIP : CompressionTypes.None;
    const topics = (): string[] => topicMessages.map((t) => t.topic);
    const ridesOut = this.maxUnavailableMs > 0;
    try {
      return await retry(() => this.producer.sendBatch({ topicMessages, acks: -1, compression }), {
        // Riding out an outage, the time bounds the send, not the count: each attempt is kafkajs's own ~10 s of retries.
        maxAttempts: ridesOut ? Infinity : this.maxSendAttempts,
        ...(ridesOut ? { maxElapsedMs: this.maxUnavailableMs } : {}),
        initialDelayMs: 200,
        maxDelayMs: 5000,
        // kafkajs reports an outage it gave up on as not retriable; only a publisher that rides it out tries again.
        shouldRetry: (err) => isRetriable(err) || (ridesOut && isBrokerUnavailable(err)),
        onRetry: (err, attempt, delayMs) =>
          !isRetriable(err)
            ? this.logger.warn("broker unavailable; sending again", { err, attempt, delayMs, maxUnavailableMs: this.maxUnavailableMs })
            : this.logger.warn("send failed, retrying", { err, attempt, delayMs, topics: topics() }),
      });
    } catch (err) {
      // A broker that is restarting or unreachable is not a refusal of these records: said retriable, a consumer
      // retries or restarts from its last commit instead of dead-lettering valid input as HANDLER_FAILED (#17).
      if (isBrokerUnavailable(err)) throw new BrokerUnavailableError(topics(), err);
      throw err;
    }
  }

  async disconnect(): Promise<void> {
    await this.producer.disconnect();
  }
}
