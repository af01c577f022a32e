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
  /**
   * How long a send keeps trying while the broker cannot be reached (a restart, a network outage) before it
   * fails with `BrokerUnavailableError`, counted from the first send that fails so after kafkajs's own retries. 0 (the default): kafkajs's retries
   * and `maxSendAttempts` only, which give up after about 10 s. A service leaves it at 0: its consumer retries the
   * batch or restarts from its last commit. A publisher with nothing to fall back on sets it: `redline produce`
   * exited 1 on the fault suite's broker restart (#17, 15-30 s of broker down).
   */
  maxUnavailableMs?: number;
}

/** Wait between two sends while the broker is unreachable (kafkajs backs off within each). */
const UNAVAILABLE_PAUSE_MS = 1_000;

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
        messages: b.records.map((r) => ({ key: r.key, value: r.value, headers: r.headers })),
      }));
    if (topicMessages.length === 0) return [];
    const compression = opts.gzip ? CompressionTypes.GZIP : CompressionTypes.None;
    let unavailableSinceMs: number | undefined;
    for (;;) {
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
        if (!isBrokerUnavailable(err)) throw err;
        const nowMs = Date.now();
        unavailableSinceMs ??= nowMs;
        const waitedMs = nowMs - unavailableSinceMs;
        if (waitedMs >= this.maxUnavailableMs) throw new BrokerUnavailableError(topicMessages.map((t) => t.topic), err);
        this.logger.warn("broker unavailable; sending again", { err, waitedMs, maxUnavailableMs: this.maxUnavailableMs });
        await new Promise((resolve) => setTimeout(resolve, Math.min(UNAVAILABLE_PAUSE_MS, this.maxUnavailableMs - waitedMs)));
      }
    }
  }

  async disconnect(): Promise<void> {
    await this.producer.disconnect();
  }
}
