/**
 * Writes a minute-versioned table (libs/minute-table) to its compacted topic:
 * each value keyed `<key>@<minuteMs>/<producerPartition>` with the producer's
 * progress and the producing minute in headers, then a progress mark on every
 * partition, in one send, so on each partition a reader meets the values
 * before the mark that says they are complete. kafkajs's producer picks a
 * partition by key; a mark's key gets a suffix chosen so that the default
 * partitioner puts it on the partition it is for.
 */
import { partitionForKey } from "./partitioner";
import { progressHeaders, progressMarkKey, tableRecordKey, TABLE_MINUTE_HEADER, type ProducerMark } from "@redline/minute-table";
import type { RecordProducer } from "./producer";
import type { OutputRecord } from "./record";
import { partitionCounts } from "./topics";
import type { Kafka } from "kafkajs";

export interface TableValue {
  key: string;
  /** Start of the event-time minute whose input produced it. */
  minuteMs: number;
  value: Buffer;
}

export class MinuteTableWriter {
  private readonly markKeys: string[];

  constructor(
    private readonly producer: RecordProducer,
    readonly topic: string,
    readonly partitions: number,
    private readonly producerPartition = 0,
    private readonly producerPartitions = 1,
  ) {
    this.markKeys = markKeysFor(progressMarkKey(producerPartition), partitions);
  }

  static async open(kafka: Kafka, producer: RecordProducer, topic: string, producerPartition = 0, producerPartitions = 1): Promise<MinuteTableWriter> {
    const partitions = (await partitionCounts(kafka, [topic])).get(topic)!;
    return new MinuteTableWriter(producer, topic, partitions, producerPartition, producerPartitions);
  }

  /** The records that write `values` and then mark the producer complete through `watermarkMs` on every partition. */
  records(values: readonly TableValue[], watermarkMs: number): OutputRecord[] {
    const mark: ProducerMark = { producerPartition: this.producerPartition, producerPartitions: this.producerPartitions, watermarkMs };
    const out: OutputRecord[] = values.map((v) => ({
      key: tableRecordKey(v.key, v.minuteMs, this.producerPartition),
      value: v.value,
      headers: { ...progressHeaders(mark), [TABLE_MINUTE_HEADER]: String(v.minuteMs) },
    }));
    for (const key of this.markKeys) out.push({ key, value: Buffer.from(String(watermarkMs)), headers: progressHeaders(mark, true) });
    return out;
  }

  async write(values: readonly TableValue[], watermarkMs: number): Promise<void> {
    await this.producer.send(this.topic, this.records(values, watermarkMs));
  }
}

/** For each partition, `base#n` with the least n that the default partitioner sends there. */
export function markKeysFor(base: string, partitions: number): string[] {
  const keys: Array<string | undefined> = new Array<string | undefined>(partitions).fill(undefined);
  let found = 0;
  for (let n = 0; found < partitions; n++) {
    const key = `${base}#${n}`;
    const p = partitionForKey(key, partitions);
    if (keys[p] === undefined) {
      keys[p] = key;
      found++;
    }
  }
  return keys as string[];
}
