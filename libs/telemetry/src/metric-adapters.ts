import type { RedlineMetrics } from "./redline-metrics";

/**
 * A structural copy of @redline/kafka's `ConsumerMetrics`, re-declared, not
 * imported: telemetry must not depend on the Kafka client; TypeScript checks
 * the fit where they meet. To go the way of the risk engine's and the
 * dispatcher's ports, which their packages bind themselves.
 */
export interface ConsumerMetricsPort {
  recordsConsumed(topic: string, count: number): void;
  recordDeadLettered(topic: string, reason: string): void;
  handlerRetried(topic: string): void;
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
