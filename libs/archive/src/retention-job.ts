import { silentLogger, type Logger } from "@redline/common";
import { ident, sql, type ClickHouseClient } from "@redline/clickhouse";
import { expiredPartitions, parsePartition, type PartitionRef, type RetentionDays } from "./retention";

export const ARCHIVE_TABLES = ["alerts", "actions", "action_outcomes", "feedback", "events", "event_records"] as const;

/** Drops every archive partition older than its retention class allows; returns what it dropped. */
export async function dropExpiredPartitions(
  db: ClickHouseClient,
  database: string,
  days: RetentionDays,
  nowMs: number,
  logger: Logger = silentLogger,
): Promise<PartitionRef[]> {
  const rows = await db.query<{ table: string; partition_id: string; partition: string }>(
    sql`SELECT DISTINCT table, partition_id, partition FROM system.parts WHERE database = ${database} AND active AND has(${[...ARCHIVE_TABLES]}, table)`,
  );
  const parts = rows
    .map((r) => parsePartition(r.table, r.partition_id, r.partition))
    .filter((p): p is PartitionRef => p !== undefined);
  const [server] = await db.query<{ tz: string }>(sql`SELECT timezone() AS tz`);
  const expired = expiredPartitions(parts, days, nowMs, server?.tz ?? "UTC");
  for (const p of expired) {
    await db.exec(sql`ALTER TABLE ${ident(p.table)} DROP PARTITION ID ${p.partitionId}`);
    logger.info("partition dropped", { table: p.table, retentionClass: p.retentionClass, day: p.day });
  }
  return expired;
}
