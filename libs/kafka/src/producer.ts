import { retry, type Logger } from "@redline/common";
import { CompressionTypes, Partitioners, type Kafka, type Producer, type RecordMetadata } from "kafkajs";
import { isBrokerUnavailable } from "./broker-unavailable";
import { BrokerUnavailableError } from "./errors";
import type { OutputRecord } from "./record";

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
    return new RecordProducer(producer, opts.maxSendAttempts ?? 5, logger.child("producer"));
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
        messages: b.records.map((r) => ({ key: r.key, value: r.value, headers: r.headers })),
      }));
    if (topicMessages.length === 0) return [];
    const compression = opts.gzip ? CompressionTypes.GZIP : CompressionTypes.None;
    try {
      return await retry(() => this.producer.sendBatch({ topicMessages, acks: -1, compression }), {
        maxAttempts: this.maxSendAttempts,
        initialDelayMs: 200,
        maxDelayMs: 5000,
        onRetry: (err, attempt, delayMs) =>
          this.logger.warn("send failed, retrying", { err, attempt, delayMs, topics: topicMessages.map((t) => t.topic) }),
      });
    } catch (err) {
      // A broker that is restarting or unreachable is not a refusal of these records: said retriable, a consumer
      // retries or restarts from its last commit instead of dead-lettering valid input as HANDLER_FAILED (#17).
      if (isBrokerUnavailable(err)) throw new BrokerUnavailableError(topicMessages.map((t) => t.topic), err);
      throw err;
    }
  }

  async disconnect(): Promise<void> {
    await this.producer.disconnect();
  }
}
