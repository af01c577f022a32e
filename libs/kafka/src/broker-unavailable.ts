/**
 * kafkajs errors that mean the broker could not be reached or answered too
 * late (a restart, a stall), after kafkajs's own retries: they pass, so the
 * caller must retry rather than treat the records as refused. kafkajs wraps
 * them in KafkaJSNonRetriableError / KafkaJSNumberOfRetriesExceeded when its
 * retries run out, so the cause chain is followed.
 */
const UNAVAILABLE = new Set(["KafkaJSConnectionError", "KafkaJSConnectionClosedError", "KafkaJSRequestTimeoutError", "KafkaJSBrokerNotFound", "KafkaJSNumberOfRetriesExceeded"]);

export function isBrokerUnavailable(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; typeof e === "object" && e !== null && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const { name, retriable } = e as { name?: unknown; retriable?: unknown };
    if (typeof name === "string" && UNAVAILABLE.has(name)) return true;
    // A protocol error kafkajs itself calls retriable (NOT_LEADER, a coordinator loading after a restart).
    if (name === "KafkaJSProtocolError" && retriable === true) return true;
  }
  return false;
}
