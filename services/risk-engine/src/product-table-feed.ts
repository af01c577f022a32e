/**
 * Keeps the engine's product table (issue 22) in step with the compacted
 * `live.products` topic: every engine instance reads the whole topic, from
 * the start, outside the consumer group (the table is keyed by SKU, not
 * co-partitioned with rooms). Start-up waits until the topic is read to the
 * end it had when the engine started, so the first transcripts are checked
 * against the table as complete as the topic; versions apply from their own
 * time, so a version read late still answers for the segments of its time.
 * A record that is not valid facts is dead-lettered with its reason.
 */
import type { Logger } from "@redline/common";
import { ProductTable } from "@redline/claims";
import { decodeProductFacts, InvalidEventError, type ValidationLimits } from "@redline/events";
import type { RiskEngineConfig } from "./config";
import { CompactedTableReader, MissingTopicsError, refusalOf, requireTopics, type createKafkaClient, type DeadLetterWriter, type InputRecord, type Refusal } from "@redline/kafka";

type Kafka = ReturnType<typeof createKafkaClient>;

/** Applies one `live.products` record to the table; returns its refusal when it is not valid facts. */
export function applyProductRecord(table: ProductTable, record: InputRecord, limits: ValidationLimits): Refusal | undefined {
  try {
    const update = decodeProductFacts({ key: record.key?.toString("utf8"), value: record.value, contentType: record.headers["content-type"] }, limits);
    if (update.facts === null) table.remove(update.skuId);
    else table.upsert(update.facts);
    return undefined;
  } catch (err) {
    if (err instanceof InvalidEventError) return refusalOf(record, err, "INVALID_FIELD");
    throw err;
  }
}

export interface ProductTableFeedOptions {
  kafka: Kafka;
  topic: string;
  limits: ValidationLimits;
  deadLetters: DeadLetterWriter;
  logger: Logger;
  onFatal?: (err: Error) => void;
  maxCatchUpWaitMs?: number;
}

export class ProductTableFeed {
  private constructor(
    readonly table: ProductTable,
    private readonly reader: CompactedTableReader,
  ) {}

  /** Opens the feed and resolves once the topic is read up to where it ended at the call. */
  static async open(opts: ProductTableFeedOptions): Promise<ProductTableFeed> {
    const table = new ProductTable();
    const reader = await CompactedTableReader.open({ ...opts, groupIdPrefix: "redline-products-table", apply: (r) => applyProductRecord(table, r, opts.limits) });
    if (reader.caughtUp) opts.logger.info("product table loaded", { topic: opts.topic, skus: table.size });
    else opts.logger.warn("product table not read to its end in time; starting with what was read, the rest follows", { topic: opts.topic, skus: table.size });
    return new ProductTableFeed(table, reader);
  }

  /**
   * The feed the engine's configuration asks for: none when turned off; a named table
   * (checked with the other required topics at start-up) always; the default one when
   * it exists, otherwise none, with a warning.
   */
  static async openConfigured(
    config: Pick<RiskEngineConfig, "productsTopic" | "productsTopicRequired" | "limits">,
    deps: Pick<ProductTableFeedOptions, "kafka" | "deadLetters" | "logger">,
  ): Promise<ProductTableFeed | undefined> {
    if (config.productsTopic === "") return undefined;
    if (!config.productsTopicRequired) {
      try {
        await requireTopics(deps.kafka, [{ topic: config.productsTopic, use: "product facts table" }]);
      } catch (err) {
        if (!(err instanceof MissingTopicsError)) throw err;
        deps.logger.warn("no product facts table: transcript claims stay unverifiable until it exists (npx redline topics ensure)", { topic: config.productsTopic });
        return undefined;
      }
    }
    return ProductTableFeed.open({
      ...deps,
      topic: config.productsTopic,
      limits: config.limits,
      onFatal: (err) => deps.logger.error("product table feed stopped; claims are checked against the facts read so far", { err }),
    });
  }

  stop(): Promise<void> {
    return this.reader.stop();
  }
}
