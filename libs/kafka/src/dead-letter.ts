import { describeError, type Logger } from "@redline/common";
import { DLQ_HEADERS, dlqTopicFor } from "./dead-letter-topics";
import { DeadLetterError } from "./errors";
import type { ConsumerMetrics } from "./metrics";
import type { RecordProducer } from "./producer";
import type { InputRecord, OutputRecord } from "./record";

/** The reason given to valid records a handler refused (not retriable, or out of retries on a non-retriable error). */
export const HANDLER_FAILED_REASON = "HANDLER_FAILED";

export interface Refusal {
  record: InputRecord;
  /** Machine-readable, e.g. `MISSING_FIELD`; becomes the `redline-dlq-reason` header. */
  reason: string;
  /** Human-readable; no payload content. */
  detail: string;
  /**
   * The record itself is at fault (it would not decode or validate), so it is
   * counted in `redline_decode_failures_total` too. False for a valid record a
   * handler refused or the dispatcher could not deliver (REJECTED,
   * RETRY_BUDGET_EXHAUSTED, ...): those are not decode failures.
   */
  undecodable: boolean;
}

/** A record that would not decode or validate, with the error's `reason` (InvalidEventError) or `fallbackReason`. */
export function refusalOf(record: InputRecord, err: unknown, fallbackReason: string): Refusal {
  const reason = (err as { reason?: unknown }).reason;
  return {
    record,
    reason: typeof reason === "string" ? reason : fallbackReason,
    detail: describeError(err).slice(0, 1000),
    undecodable: true,
  };
}

/**
 * A valid record whose handler failed for good: `HANDLER_FAILED`, unless the
 * handler's error names what was wrong with the record (an InvalidEventError
 * found while handling), which is then a decode failure like any other.
 */
export function handlerRefusalOf(record: InputRecord, err: unknown): Refusal {
  const reason = (err as { reason?: unknown }).reason;
  return typeof reason === "string" ? refusalOf(record, err, HANDLER_FAILED_REASON) : { record, reason: HANDLER_FAILED_REASON, detail: describeError(err).slice(0, 1000), undecodable: false };
}

/**
 * Writes refused records to `<topic>.dlq`: the original key, value and
 * headers untouched, plus headers naming the reason and where it came from,
 * so the record can be inspected and replayed.
 */
export class DeadLetterWriter {
  constructor(
    private readonly producer: RecordProducer,
    private readonly metrics: ConsumerMetrics,
    private readonly logger: Logger,
    private readonly now: () => number = Date.now,
  ) {}

  async write(refusals: readonly Refusal[]): Promise<void> {
    if (refusals.length === 0) return;
    const byTopic = new Map<string, OutputRecord[]>();
    for (const { record, reason, detail } of refusals) {
      const topic = dlqTopicFor(record.topic);
      const list = byTopic.get(topic) ?? [];
      list.push({
        key: record.key,
        value: record.value,
        // As the broker held them: decoded to strings, a binary header (a schema id) came out changed (U+FFFD).
        rawHeaders: record.rawHeaders ?? record.headers,
        headers: {
          [DLQ_HEADERS.reason]: reason,
          [DLQ_HEADERS.detail]: detail,
          [DLQ_HEADERS.sourceTopic]: record.topic,
          [DLQ_HEADERS.sourcePartition]: String(record.partition),
          [DLQ_HEADERS.sourceOffset]: record.offset.toString(),
          [DLQ_HEADERS.failedAtMs]: String(this.now()),
        },
      });
      byTopic.set(topic, list);
    }
    try {
      await this.producer.sendMany([...byTopic].map(([topic, records]) => ({ topic, records })));
    } catch (err) {
      throw new DeadLetterError([...byTopic.keys()].join(","), err);
    }
    for (const r of refusals) {
      this.metrics.recordDeadLettered(r.record.topic, r.reason);
      if (r.undecodable) this.metrics.recordUndecodable(r.record.topic, r.reason);
      this.logger.warn("record dead-lettered", {
        topic: r.record.topic,
        partition: r.record.partition,
        offset: r.record.offset.toString(),
        reason: r.reason,
        detail: r.detail,
      });
    }
  }
}
