import type { RedlineMetrics } from "./redline-metrics";

/**
 * Structural copies of the counting interfaces other packages declare
 * (`ConsumerMetrics` in @redline/kafka, `DispatcherMetrics` in the action
 * dispatcher). Re-declared, not imported: telemetry must not depend on the
 * Kafka client or on a service; TypeScript checks the fit where they meet.
 */
export interface ConsumerMetricsPort {
  recordsConsumed(topic: string, count: number): void;
  recordDeadLettered(topic: string, reason: string): void;
  handlerRetried(topic: string): void;
}

export interface DispatcherMetricsPort {
  actionDelivered(kind: string, outcome: string): void;
  applyRetried(): void;
  shadowSkipped(): void;
}

/**
 * The reason @redline/kafka gives records its handler refused after retries;
 * every other dead-letter reason comes from the decoder (`UNDECODABLE` or an
 * `InvalidEventError` reason such as `MISSING_FIELD`).
 */
export const HANDLER_FAILED_REASON = "HANDLER_FAILED";

/** `ConsumerMetrics` on real instruments: consumed, DLQ (+ decode failures) and retries. */
export function consumerMetricsAdapter(metrics: RedlineMetrics): ConsumerMetricsPort {
  return {
    recordsConsumed: (topic, count) => metrics.eventsConsumed(topic, count),
    recordDeadLettered: (topic, reason) => {
      metrics.deadLettered(topic, reason);
      if (reason !== HANDLER_FAILED_REASON) metrics.decodeFailed(topic, reason);
    },
    handlerRetried: (topic) => metrics.handlerRetried(topic),
  };
}

/** `DispatcherMetrics` on real instruments: actions by kind/outcome, Apply retries, shadow skips. */
export function dispatcherMetricsAdapter(metrics: RedlineMetrics): DispatcherMetricsPort {
  return {
    actionDelivered: (kind, outcome) => metrics.actionDelivered(kind, outcome),
    applyRetried: () => metrics.applyRetried(),
    shadowSkipped: () => metrics.shadowSkipped(),
  };
}
