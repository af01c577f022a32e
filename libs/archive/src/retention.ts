/**
 * Retention classes, the first element of every archive table's partition
 * key, so expiry is a whole-partition drop on 18.16 and current ClickHouse alike.
 * - `transient`: every input event and its Kafka record, briefly, so evidence can be promoted later;
 * - `normal`: a sample of ordinary rooms' input events (statistics, model work), without records;
 * - `key`: everything about key rooms (many fans, large sales), kept longer;
 * - `evidence`: what an evidence bundle needs about ordinary rooms (issue 20): the input events an
 *   alert cites with their records, and the alerts, actions and reviews themselves.
 */
export type RetentionClass = "transient" | "normal" | "key" | "evidence";

export const RETENTION_CLASSES: readonly RetentionClass[] = ["transient", "normal", "key", "evidence"];

export type RetentionDays = Readonly<Record<RetentionClass, number>>;

export const DEFAULT_RETENTION_DAYS: RetentionDays = Object.freeze({
  transient: 2,
  normal: 90,
  key: 365,
  evidence: 365,
});

export interface PartitionRef {
  table: string;
  partitionId: string;
  retentionClass: RetentionClass;
  /** yyyymmdd of the partition's day. */
  day: number;
}

const PARTITION_TEXT = /^\('([a-z]+)',\s*(\d{8})\)$/;

/**
 * Parses `system.parts.partition` text of our own key, e.g. `('normal',20261101)`.
 * Returns undefined for anything else, which the retention job leaves alone.
 */
export function parsePartition(table: string, partitionId: string, text: string): PartitionRef | undefined {
  const m = PARTITION_TEXT.exec(text.replace(/\\'/g, "'"));
  if (!m) return undefined;
  const cls = m[1] as RetentionClass;
  if (!RETENTION_CLASSES.includes(cls)) return undefined;
  return { table, partitionId, retentionClass: cls, day: Number(m[2]) };
}

/** The calendar day of `ms` in `timeZone` as yyyymmdd. */
function yyyymmdd(ms: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat("en-US", { timeZone, year: "numeric", month: "numeric", day: "numeric" }).formatToParts(ms);
  const part = (type: string): number => Number(parts.find((p) => p.type === type)!.value);
  return part("year") * 10000 + part("month") * 100 + part("day");
}

/**
 * Partitions whose whole day lies before now minus their class's retention. `timeZone` is the server's
 * (`SELECT timezone()`): `toYYYYMMDD(event_time)` names a partition by its day there, and read as a UTC
 * day a server west of Greenwich had its partitions dropped up to a time-zone offset early.
 */
export function expiredPartitions(parts: readonly PartitionRef[], days: RetentionDays, nowMs: number, timeZone = "UTC"): PartitionRef[] {
  return parts.filter((p) => p.day < yyyymmdd(nowMs - days[p.retentionClass] * 86_400_000, timeZone));
}
