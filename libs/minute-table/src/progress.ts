/**
 * Producer progress, carried in record headers. Every record of a
 * minute-table topic (or of a stream read the same way) says which partition
 * of the producer's own input wrote it and that producer's watermark: no
 * later record from that producer on the same topic partition has an event
 * time at or below it. A producer with nothing to say writes a progress mark
 * (a record with only headers' worth of content) to every partition, so a
 * quiet producer does not hold readers back.
 */
import { InvalidProgressError } from "./errors";

export const PRODUCER_PARTITION_HEADER = "redline-producer-partition";
export const PRODUCER_PARTITIONS_HEADER = "redline-producer-partitions";
export const PRODUCER_WATERMARK_HEADER = "redline-producer-watermark-ms";
/** Present (value "1") on a progress mark, which carries no table value. */
export const PROGRESS_MARK_HEADER = "redline-progress-mark";

export interface ProducerMark {
  /** Partition of the producer's input that wrote the record (0 for a single producer). */
  producerPartition: number;
  /** How many such partitions there are: a reader waits for a mark from each. */
  producerPartitions: number;
  /** The producer's event-time watermark when it wrote the record. */
  watermarkMs: number;
}

export function progressHeaders(mark: ProducerMark, isMark = false): Record<string, string> {
  const headers: Record<string, string> = {
    [PRODUCER_PARTITION_HEADER]: String(mark.producerPartition),
    [PRODUCER_PARTITIONS_HEADER]: String(mark.producerPartitions),
    [PRODUCER_WATERMARK_HEADER]: String(mark.watermarkMs),
  };
  if (isMark) headers[PROGRESS_MARK_HEADER] = "1";
  return headers;
}

/** Compacted-topic key of producer `p`'s mark: one per producer partition and topic partition, so compaction keeps the latest. */
export function progressMarkKey(producerPartition: number): string {
  return `~progress/${producerPartition}`;
}

export function isProgressMark(headers: Readonly<Record<string, string>>): boolean {
  return headers[PROGRESS_MARK_HEADER] === "1";
}

/** The producer progress a record's headers carry; throws `InvalidProgressError` naming the header at fault. */
export function readProgress(headers: Readonly<Record<string, string>>): ProducerMark {
  const int = (name: string, min: number): number => {
    const raw = headers[name];
    if (raw === undefined) throw new InvalidProgressError(name, "is missing");
    const n = Number(raw);
    if (!/^-?\d+$/.test(raw) || !Number.isSafeInteger(n) || n < min) throw new InvalidProgressError(name, `must be an integer >= ${min}, got '${raw.slice(0, 32)}'`);
    return n;
  };
  const producerPartitions = int(PRODUCER_PARTITIONS_HEADER, 1);
  const producerPartition = int(PRODUCER_PARTITION_HEADER, 0);
  if (producerPartition >= producerPartitions) throw new InvalidProgressError(PRODUCER_PARTITION_HEADER, `must be below ${PRODUCER_PARTITIONS_HEADER} (${producerPartitions}), got ${producerPartition}`);
  return { producerPartition, producerPartitions, watermarkMs: int(PRODUCER_WATERMARK_HEADER, Number.MIN_SAFE_INTEGER) };
}

/** On a table value: the event-time minute (its start, ms) whose input produced it. */
export const TABLE_MINUTE_HEADER = "redline-table-minute-ms";

/** The producing minute a table value's headers carry; throws `InvalidProgressError` when absent or not a minute start. */
export function readTableMinute(headers: Readonly<Record<string, string>>): number {
  const raw = headers[TABLE_MINUTE_HEADER];
  if (raw === undefined) throw new InvalidProgressError(TABLE_MINUTE_HEADER, "is missing");
  const n = Number(raw);
  if (!/^\d+$/.test(raw) || !Number.isSafeInteger(n) || n % 60_000 !== 0) throw new InvalidProgressError(TABLE_MINUTE_HEADER, `must be the start of a minute in ms, got '${raw.slice(0, 32)}'`);
  return n;
}
