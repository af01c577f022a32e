/**
 * Where dead letters go and what they carry: Kafka layout, so it lives with
 * the dead-letter writer (#13; it was in libs/events). Services and tools
 * that create or read dead-letter topics take the names from here.
 */

/** Where refused messages of `topic` go. */
export function dlqTopicFor(topic: string): string {
  return `${topic}.dlq`;
}

/** Headers a dead-lettered record carries beside its untouched key, value and original headers. */
export const DLQ_HEADERS = Object.freeze({
  reason: "redline-dlq-reason",
  detail: "redline-dlq-detail",
  sourceTopic: "redline-source-topic",
  sourcePartition: "redline-source-partition",
  sourceOffset: "redline-source-offset",
  failedAtMs: "redline-dlq-failed-at-ms",
});
