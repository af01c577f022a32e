import { QuantileSketch, type EncodedSketch } from "@redline/baselines";
import type { Logger } from "@redline/common";
import { markKeysFor, MinuteTableFeed, partitionCounts, type createKafkaClient, type DeadLetterWriter } from "@redline/kafka";
import { progressHeaders, progressMarkKey, tableRecordKey, TABLE_MINUTE_HEADER } from "@redline/minute-table";
import { peerBaselineLookup, type PipelineSpec, type ReadyTable } from "@redline/pipeline";
import type { EngineOutput } from "./account-activity-outputs";
import { BaselineOutputs, isBaselineMark, isBaselinePartial } from "./baseline-outputs";
import type { RiskEngineConfig } from "./config";
import { routeFor, type OutputRoute } from "./output-publisher";

/** A withdrawn key travels as an empty value: a Kafka tombstone would be compacted away, and the version before it back in force. */
const WITHDRAWN = Buffer.alloc(0);

/** A `risk.baselines` value: a sketch as JSON, or empty for a withdrawn key. Throws `SketchFormatError` on anything else. */
export function decodeBaselineValue(value: Buffer): EncodedSketch | null {
  if (value.length === 0) return null;
  // Decoding validates the shape; what goes into the table is the plain form again.
  return QuantileSketch.decode(JSON.parse(value.toString("utf8")) as EncodedSketch).encode();
}

/**
 * The risk engine's side of the peer baselines (issue 12), as configured:
 * each partition publishes its partials and marks to the baselines topic
 * (`BaselineOutputs`), and every partition reads the whole topic back as a
 * minute table, held on until it is ready for an event's minute.
 */
export class BaselinesWiring {
  private constructor(
    private readonly topic: string,
    private readonly inputPartitions: number,
    private readonly topicPartitions: number,
    private readonly feed: MinuteTableFeed<EncodedSketch | null> | undefined,
  ) {}

  static async open(
    config: Pick<RiskEngineConfig, "baselinesTopic">,
    inputPartitions: number,
    io: { kafka: ReturnType<typeof createKafkaClient>; deadLetters: DeadLetterWriter; logger: Logger; onFatal?: (err: Error) => void },
  ): Promise<BaselinesWiring> {
    const topic = config.baselinesTopic;
    if (topic === "") return new BaselinesWiring(topic, inputPartitions, 0, undefined);
    const topicPartitions = (await partitionCounts(io.kafka, [topic])).get(topic)!;
    const feed = await MinuteTableFeed.open<EncodedSketch | null>({ ...io, topic, decode: (value) => decodeBaselineValue(value) });
    return new BaselinesWiring(topic, inputPartitions, topicPartitions, feed);
  }

  get enabled(): boolean {
    return this.feed !== undefined;
  }

  /** The table the pipeline's hold waits on, by name; none when off. */
  tables(): Record<string, ReadyTable> {
    return this.feed === undefined ? {} : { baselines: this.feed.table };
  }

  /** What the pipeline spec needs to read the table (the hold is the service's, over every table). */
  spec(): Pick<PipelineSpec, "peerBaselineAt"> {
    return this.feed === undefined ? {} : { peerBaselineAt: peerBaselineLookup(this.feed.table) };
  }

  routes(): Array<OutputRoute<EngineOutput>> {
    if (!this.enabled) return [];
    return [
      routeFor(this.topic, isBaselinePartial, ({ baselinePartial: p, progress }) => ({
        key: tableRecordKey(p.key, p.minuteMs, progress.producerPartition),
        value: p.sketch === null ? WITHDRAWN : Buffer.from(JSON.stringify(p.sketch)),
        contentType: "application/json",
        headers: { ...progressHeaders(progress), [TABLE_MINUTE_HEADER]: String(p.minuteMs) },
      })),
      routeFor(this.topic, isBaselineMark, ({ baselineMark, key }) => ({ key, value: Buffer.from("mark"), contentType: "text/plain", headers: progressHeaders(baselineMark, true) })),
    ];
  }

  /** Input partition `partition`'s partials and marks; undefined when off. */
  outputsOf(partition: number): BaselineOutputs | undefined {
    if (!this.enabled) return undefined;
    return new BaselineOutputs(partition, this.inputPartitions, markKeysFor(progressMarkKey(partition), this.topicPartitions));
  }

  stop(): Promise<void> {
    return this.feed?.stop() ?? Promise.resolve();
  }
}
