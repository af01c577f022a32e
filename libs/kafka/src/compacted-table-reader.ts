/**
 * Reads a compacted table topic from its start, outside any consumer group
 * (a table is not co-partitioned with what reads it: every instance reads all
 * of it), applies each record, dead-letters the ones `apply` refuses, and keeps
 * following the topic. `open` resolves once the topic is read to the end it
 * had at the call, or after `maxCatchUpWaitMs`: offsets a consumer never
 * receives (a transaction marker at the end) would otherwise hold start-up
 * forever. The product table and the minute tables both read this way.
 */
import type { Logger } from "@redline/common";
import type { Kafka } from "kafkajs";
import type { DeadLetterWriter, Refusal } from "./dead-letter";
import { earliestOffsets, latestOffsets } from "./offsets";
import type { InputRecord } from "./record";
import { TopicReader } from "./topic-reader";

export interface CompactedTableReaderOptions {
  kafka: Kafka;
  topic: string;
  /** Names the reader's throwaway group id. */
  groupIdPrefix: string;
  /** Applies one record to the table; returns its refusal when it is malformed. */
  apply: (record: InputRecord) => Refusal | undefined;
  deadLetters: DeadLetterWriter;
  logger: Logger;
  onFatal?: (err: Error) => void;
  maxCatchUpWaitMs?: number;
}

const CATCH_UP_WAIT_MS = 60_000;

export class CompactedTableReader {
  private constructor(
    private readonly reader: TopicReader,
    /** Whether `open` read the topic to the end it had; false when it gave up waiting. */
    readonly caughtUp: boolean,
  ) {}

  static async open(opts: CompactedTableReaderOptions): Promise<CompactedTableReader> {
    const [from, until] = await Promise.all([earliestOffsets(opts.kafka, opts.topic), latestOffsets(opts.kafka, opts.topic)]);
    const pending = new Set([...until].filter(([p, end]) => end > (from.get(p) ?? 0n)).map(([p]) => p));
    let markCaughtUp!: () => void;
    const ready = new Promise<void>((resolve) => (markCaughtUp = resolve));
    if (pending.size === 0) markCaughtUp();
    const reader = await TopicReader.open({
      kafka: opts.kafka,
      topic: opts.topic,
      from,
      groupIdPrefix: opts.groupIdPrefix,
      logger: opts.logger,
      onFatal: opts.onFatal,
      onRecords: async (records) => {
        await opts.deadLetters.write(records.map(opts.apply).filter((r): r is Refusal => r !== undefined));
        const last = records[records.length - 1]!;
        if (pending.has(last.partition) && last.offset + 1n >= (until.get(last.partition) ?? 0n)) {
          pending.delete(last.partition);
          if (pending.size === 0) markCaughtUp();
        }
      },
    });
    let timer: NodeJS.Timeout | undefined;
    const gaveUp = await Promise.race([
      ready.then(() => false),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), opts.maxCatchUpWaitMs ?? CATCH_UP_WAIT_MS))),
    ]);
    clearTimeout(timer);
    return new CompactedTableReader(reader, !gaveUp);
  }

  stop(): Promise<void> {
    return this.reader.stop();
  }
}
