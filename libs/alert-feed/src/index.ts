/**
 * @redline/alert-feed — the pure logic behind the inspectors' alert stream:
 * filters (rooms, categories, minimum severity), a bounded ring of recent
 * alerts shared by all clients, and per-client bounded queues with the
 * slow-client policy; each queued alert carries @redline/common's resumable
 * cursor. No Kafka or gRPC here: the gateway feeds records in and writes
 * alerts out.
 *
 * @example
 * const feed = new AlertFeed({ start: await latestOffsets(kafka, topic), openCatchUp });
 * reader.onRecords = (records) => feed.ingest(records);        // one shared reader
 * const sub = feed.subscribe(alertFilter(request), decodeCursor(request.cursor)); // decodeCursor from @redline/common
 * sub.onReadable(() => { for (let a; (a = sub.take()); ) write(a); });
 * setInterval(() => feed.enforceSlowClientPolicy(), 250);
 */
export { AlertFeed } from "./alert-feed";
export type { AlertFeedOptions, AlertFeedStats } from "./alert-feed";
export { AlertRing } from "./alert-ring";
export type { FeedRecord, RingEntry } from "./alert-ring";
export { CatchUpLimitError, SlowClientError } from "./errors";
export { FeedSubscription } from "./feed-subscription";
export type { CatchUpHandle, CatchUpOpener, QueuedAlert, SubscriptionLimits } from "./feed-subscription";
export { MATCH_ALL, alertFilter, matchesFilter } from "./filters";
export type { AlertFilter } from "./filters";
