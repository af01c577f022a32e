/**
 * kafkajs errors that mean the broker could not be reached or answered too
 * late (a restart, a stall), after kafkajs's own retries: they pass, so the
 * caller must retry rather than treat the records as refused. kafkajs wraps
 * them in KafkaJSNonRetriableError / KafkaJSNumberOfRetriesExceeded when its
 * retries run out, so the cause chain is followed. Classes, not names (#13):
 * a name is a string anyone can set, and a subclass kafkajs adds keeps its
 * parent's meaning.
 */
import { KafkaJSBrokerNotFound, KafkaJSConnectionError, KafkaJSNumberOfRetriesExceeded, KafkaJSProtocolError, KafkaJSRequestTimeoutError } from "kafkajs";

/** KafkaJSConnectionClosedError extends KafkaJSConnectionError, so it is covered too. */
const UNAVAILABLE = [KafkaJSConnectionError, KafkaJSRequestTimeoutError, KafkaJSBrokerNotFound, KafkaJSNumberOfRetriesExceeded];

export function isBrokerUnavailable(err: unknown): boolean {
  for (let e: unknown = err, depth = 0; typeof e === "object" && e !== null && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    if (UNAVAILABLE.some((unavailable) => e instanceof unavailable)) return true;
    // A protocol error kafkajs itself calls retriable (NOT_LEADER, a coordinator loading after a restart).
    if (e instanceof KafkaJSProtocolError && e.retriable) return true;
  }
  return false;
}
