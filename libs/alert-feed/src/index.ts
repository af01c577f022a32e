/**
 * @redline/alert-feed — the pure logic behind the inspectors' alert stream:
 * filters (rooms, categories, minimum severity), opaque resumable cursors
 * (an offset per partition), a bounded ring of recent alerts shared by all
 * clients, and per-client bounded queues with the slow-client policy. No
 * Kafka or gRPC here: the gateway feeds records in and writes alerts out.
 *
 * @example
 * const feed = new AlertFeed({ start: await latestOffsets(kafka, topic), openCatchUp });
 * reader.onRecords = (records) => feed.ingest(records);        // one shared reader
 * const sub = feed.subscribe(alertFilter(request), decodeCursor(request.cursor));
 * sub.onReadable(() => { for (let a; (a = sub.take()); ) write(a); });
 * setInterval(() => feed.enforceSlowClientPolicy(), 250);
 */
export { AlertFeed } from "./alert-feed";
export type { AlertFeedOptions, AlertFeedStats } from "./alert-feed";
export { AlertRing } from "./alert-ring";
export type { FeedRecord, RingEntry } from "./alert-ring";
export { decodeCursor, encodeCursor } from "./cursor";
export type { FeedPositions } from "./cursor";
export { CatchUpLimitError, InvalidCursorError, SlowClientError } from "./errors";
export { FeedSubscription } from "./feed-subscription";
export type { CatchUpHandle, CatchUpOpener, QueuedAlert, SubscriptionLimits } from "./feed-subscription";
export { MATCH_ALL, alertFilter, matchesFilter } from "./filters";
export type { AlertFilter } from "./filters";
