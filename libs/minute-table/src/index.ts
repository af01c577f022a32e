/**
 * @redline/minute-table — deterministic event-time data across partitions
 * and services (#21 account risk, #12 peer baselines). A producer stamps
 * every record with its partition and watermark (`progressHeaders`) and
 * writes progress marks to every partition when it has nothing else to say;
 * a reader tracks the least watermark over every (partition, producer)
 * (`ProducerProgress`) and either releases a stream in exact
 * (eventTimeMs, eventId) order behind it (`WatermarkRelease`) or keeps a
 * table of values versioned by the event-time minute that produced them
 * (`MinuteVersionedTable`), used only for later minutes and only once every
 * producer has passed them. Pure logic; the Kafka half is in @redline/kafka.
 *
 * @example
 * const table = new MinuteVersionedTable<Risk>(partitions);
 * table.observe(record.partition, readProgress(record.headers));
 * if (!isProgressMark(record.headers)) table.put(tableKeyOf(key), { minuteMs: readTableMinute(record.headers), producerPartition, value });
 * if (table.readyFor(event.eventTimeMs)) use(table.valueAt(accountId, event.eventTimeMs));
 */
export { MINUTE_MS, minuteStart } from "./minute";
export {
  PRODUCER_PARTITION_HEADER,
  PRODUCER_PARTITIONS_HEADER,
  PRODUCER_WATERMARK_HEADER,
  PROGRESS_MARK_HEADER,
  TABLE_MINUTE_HEADER,
  isProgressMark,
  progressHeaders,
  progressMarkKey,
  readProgress,
  readTableMinute,
} from "./progress";
export type { ProducerMark } from "./progress";
export { ProducerProgress } from "./producer-progress";
export type { ProducerProgressSnapshot } from "./producer-progress";
export { WatermarkRelease, compareOrdered } from "./watermark-release";
export type { Ordered } from "./watermark-release";
export { MinuteVersionedTable } from "./minute-versioned-table";
export type { TableVersion } from "./minute-versioned-table";
export { tableKeyOf, tableRecordKey } from "./record-key";
export { InvalidProgressError, MinuteTableError, ProducerLayoutError } from "./errors";
