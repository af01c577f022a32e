/**
 * Keeps a `MinuteVersionedTable` (libs/minute-table) in step with its
 * compacted topic: every instance reads the whole topic from its start,
 * outside any consumer group (the table is not co-partitioned with anything),
 * as the engine's product table does. Every record's producer progress goes
 * to the table; a value goes in under its table key and producing minute. A
 * record whose headers, key or value are malformed is dead-lettered with its
 * reason and its progress, if readable, still counts. `open` resolves once
 * the topic is read to the end it had, or after `maxCatchUpWaitMs`.
 */
import type { Logger } from "@redline/common";
import { isProgressMark, MinuteVersionedTable, readProgress, readTableMinute, tableKeyOf } from "@redline/minute-table";
import type { Kafka } from "kafkajs";
import { CompactedTableReader } from "./compacted-table-reader";
import { refusalOf, type DeadLetterWriter, type Refusal } from "./dead-letter";
import type { InputRecord } from "./record";
import { partitionCounts } from "./topics";

export interface MinuteTableFeedOptions<V> {
  kafka: Kafka;
  topic: string;
  /** The value of a record; throws (a typed, non-retriable error) for bytes that are not one. */
  decode: (value: Buffer, contentType: string | undefined) => V;
  deadLetters: DeadLetterWriter;
  logger: Logger;
  onFatal?: (err: Error) => void;
  maxCatchUpWaitMs?: number;
  /**
   * Values of keys another reader keeps (the crew room alerts on the
   * account-risk topic, #21): they share the table's progress, not its value
   * type. `put` throws (typed, non-retriable) for a value it cannot read.
   */
  divert?: TableDivert;
}

export interface TableDivert {
  takes(key: string): boolean;
  put(key: string, minuteMs: number, value: Buffer): void;
}

/** Applies one record of a table topic; returns its refusal when it is malformed. */
export function applyTableRecord<V>(table: MinuteVersionedTable<V>, record: InputRecord, decode: MinuteTableFeedOptions<V>["decode"], divert?: TableDivert): Refusal | undefined {
  try {
    const mark = readProgress(record.headers);
    table.observe(record.partition, mark);
    if (isProgressMark(record.headers)) return undefined;
    const key = tableKeyOf(record.key?.toString("utf8") ?? "");
    const minuteMs = readTableMinute(record.headers);
    if (divert?.takes(key) === true) {
      divert.put(key, minuteMs, record.value);
      return undefined;
    }
    table.put(key, { minuteMs, producerPartition: mark.producerPartition, value: decode(record.value, record.headers["content-type"]) });
    return undefined;
  } catch (err) {
    return refusalOf(record, err, "INVALID_FIELD");
  }
}

export class MinuteTableFeed<V> {
  private constructor(
    readonly table: MinuteVersionedTable<V>,
    private readonly reader: CompactedTableReader,
  ) {}

  static async open<V>(opts: MinuteTableFeedOptions<V>): Promise<MinuteTableFeed<V>> {
    const lanes = (await partitionCounts(opts.kafka, [opts.topic])).get(opts.topic)!;
    const table = new MinuteVersionedTable<V>(lanes);
    const reader = await CompactedTableReader.open({ ...opts, groupIdPrefix: "redline-minute-table", apply: (r) => applyTableRecord(table, r, opts.decode, opts.divert) });
    if (reader.caughtUp) opts.logger.info("minute table loaded", { topic: opts.topic, keys: table.size });
    else opts.logger.warn("minute table not read to its end in time; events wait until it is ready for them", { topic: opts.topic, keys: table.size });
    return new MinuteTableFeed(table, reader);
  }

  stop(): Promise<void> {
    return this.reader.stop();
  }
}
