/**
 * @redline/archive — Redline's audit trail in ClickHouse: the schema
 * (migrations), row mapping, idempotent batch writes with retention classes
 * (transient, normal, key, evidence), evidence promotion and look-up, and
 * partition-dropping retention that works on 18.16 and current releases.
 *
 * @example
 * await migrateArchive(server, "redline");
 * const writer = new ArchiveWriter(server.withDatabase("redline"), new KeyRoomTracker(rules), opts);
 * await writer.write({ alerts, actions, feedback, events, outcomes });
 * const evidence = await new ClickHouseEvidenceStore(db).getEvidence(alertId);
 */
export { ArchiveWriter } from "./archive-writer";
export type { ArchiveBatch, ArchiveWriterOptions } from "./archive-writer";
export { CorruptArchiveRowError } from "./errors";
export { ClickHouseEvidenceSource } from "./evidence-export-source";
export { ClickHouseEvidenceStore } from "./evidence-store";
export type { Evidence, EvidenceStore } from "./evidence-store";
export { KeyRoomTracker } from "./key-rooms";
export type { KeyRoomRules } from "./key-rooms";
export { ARCHIVE_MIGRATIONS_DIR, migrateArchive } from "./migrations";
export type { AbandonReason } from "./pending-evidence";
export { DEFAULT_RETENTION_DAYS, expiredPartitions, parsePartition, RETENTION_CLASSES } from "./retention";
export type { PartitionRef, RetentionClass, RetentionDays } from "./retention";
export { ARCHIVE_TABLES, dropExpiredPartitions } from "./retention-job";
export { actionRow, alertRow, eventRecordRow, eventRow, feedbackRow, outcomeRow } from "./rows";
export type { SourceRecord } from "./rows";
export { inSample } from "./sampling";
