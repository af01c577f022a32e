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
import { refusalOf, type DeadLetterWriter, type Refusal } from "./dead-letter";
import { earliestOffsets } from "./offsets";
import type { InputRecord } from "./record";
import { latestOffsets, TopicReader } from "./topic-reader";
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
}

/** Applies one record of a table topic; returns its refusal when it is malformed. */
export function applyTableRecord<V>(table: MinuteVersionedTable<V>, record: InputRecord, decode: MinuteTableFeedOptions<V>["decode"]): Refusal | undefined {
  try {
    const mark = readProgress(record.headers);
    table.observe(record.partition, mark);
    if (isProgressMark(record.headers)) return undefined;
    const key = tableKeyOf(record.key?.toString("utf8") ?? "");
    const minuteMs = readTableMinute(record.headers);
    table.put(key, { minuteMs, producerPartition: mark.producerPartition, value: decode(record.value, record.headers["content-type"]) });
    return undefined;
  } catch (err) {
    return refusalOf(record, err, "INVALID_FIELD");
  }
}

export class MinuteTableFeed<V> {
  private reader: TopicReader | undefined;

  private constructor(readonly table: MinuteVersionedTable<V>) {}

  static async open<V>(opts: MinuteTableFeedOptions<V>): Promise<MinuteTableFeed<V>> {
    const lanes = (await partitionCounts(opts.kafka, [opts.topic])).get(opts.topic)!;
    const feed = new MinuteTableFeed(new MinuteVersionedTable<V>(lanes));
    const [from, until] = await Promise.all([earliestOffsets(opts.kafka, opts.topic), latestOffsets(opts.kafka, opts.topic)]);
    const pending = new Set([...until].filter(([p, end]) => end > (from.get(p) ?? 0)).map(([p]) => p));
    let caughtUp!: () => void;
    const ready = new Promise<void>((resolve) => (caughtUp = resolve));
    if (pending.size === 0) caughtUp();
    feed.reader = await TopicReader.open({
      kafka: opts.kafka,
      topic: opts.topic,
      from,
      groupIdPrefix: "redline-minute-table",
      logger: opts.logger,
      onFatal: opts.onFatal,
      onRecords: async (records) => {
        const refusals = records.map((r) => applyTableRecord(feed.table, r, opts.decode)).filter((r): r is Refusal => r !== undefined);
        await opts.deadLetters.write(refusals);
        const last = records[records.length - 1]!;
        if (pending.has(last.partition) && Number(last.offset) + 1 >= (until.get(last.partition) ?? 0)) {
          pending.delete(last.partition);
          if (pending.size === 0) caughtUp();
        }
      },
    });
    let timer: NodeJS.Timeout | undefined;
    const gaveUp = await Promise.race([ready.then(() => false), new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), opts.maxCatchUpWaitMs ?? 60_000)))]);
    clearTimeout(timer);
    if (gaveUp) opts.logger.warn("minute table not read to its end in time; events wait until it is ready for them", { topic: opts.topic, keys: feed.table.size });
    else opts.logger.info("minute table loaded", { topic: opts.topic, keys: feed.table.size });
    return feed;
  }

  async stop(): Promise<void> {
    await this.reader?.stop();
  }
}
