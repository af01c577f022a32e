import type { ConsumerMetrics } from "@redline/kafka";
import type { MetricInstruments } from "./metric-instruments";
import { METRIC_NAMES } from "./metric-names";

/**
 * @redline/kafka's consumer port on real instruments, one counter per method,
 * under the names dashboards and alert rules use. A type-only import: the
 * port is the Kafka lib's; telemetry loads no Kafka client.
 */
export function consumerMetricsOn(instruments: MetricInstruments): ConsumerMetrics {
  const consumed = instruments.counter(METRIC_NAMES.eventsConsumed, "Records fetched from Kafka, by topic");
  const dlqRecords = instruments.counter(METRIC_NAMES.dlqRecords, "Records written to a dead-letter topic, by source topic and reason");
  const decodeFailures = instruments.counter(METRIC_NAMES.decodeFailures, "Records that failed to decode, by topic and reason");
  const handlerRetries = instruments.counter(METRIC_NAMES.handlerRetries, "Retries of a failed batch handler, by topic");
  return {
    recordsConsumed: (topic, count) => consumed.add(count, { topic }),
    recordDeadLettered: (topic, reason) => dlqRecords.add(1, { topic, reason }),
    recordUndecodable: (topic, reason) => decodeFailures.add(1, { topic, reason }),
    handlerRetried: (topic) => handlerRetries.add(1, { topic }),
  };
}
