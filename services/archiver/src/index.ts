/**
 * @redline/archiver — archives alerts, actions, feedback and input events in
 * ClickHouse. Run `node services/archiver/dist/main.js`; embed with
 * `startArchiver(loadConfig(env), { logger })` (the integration tests do).
 */
export { startArchiver } from "./archiver";
export type { Archiver, ArchiverDeps } from "./archiver";
export { loadConfig } from "./config";
export type { ArchiverConfig } from "./config";
export { archiveDecoder, toArchiveBatch } from "./archive-records";
export type { ArchiveRecord } from "./archive-records";
