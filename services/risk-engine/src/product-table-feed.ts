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
import { earliestOffsets, latestOffsets, MissingTopicsError, refusalOf, requireTopics, TopicReader, type createKafkaClient, type DeadLetterWriter, type InputRecord, type Refusal } from "@redline/kafka";

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

/** How long start-up waits for the table to be read to its end. */
const CATCH_UP_WAIT_MS = 60_000;

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
  readonly table = new ProductTable();
  private reader: TopicReader | undefined;


  /** Opens the feed and resolves once the topic is read up to where it ended at the call. */
  static async open(opts: ProductTableFeedOptions): Promise<ProductTableFeed> {
    const feed = new ProductTableFeed();
    const [from, until] = await Promise.all([earliestOffsets(opts.kafka, opts.topic), latestOffsets(opts.kafka, opts.topic)]);
    const pending = new Set([...until].filter(([p, end]) => end > (from.get(p) ?? 0)).map(([p]) => p));
    let caughtUp!: () => void;
    const ready = new Promise<void>((resolve) => (caughtUp = resolve));
    if (pending.size === 0) caughtUp();
    feed.reader = await TopicReader.open({
      kafka: opts.kafka,
      topic: opts.topic,
      from,
      groupIdPrefix: "redline-products-table",
      logger: opts.logger,
      onFatal: opts.onFatal,
      onRecords: async (records) => {
        const refusals = records.map((r) => applyProductRecord(feed.table, r, opts.limits)).filter((r): r is Refusal => r !== undefined);
        await opts.deadLetters.write(refusals);
        const last = records[records.length - 1]!;
        if (pending.has(last.partition) && Number(last.offset) + 1 >= (until.get(last.partition) ?? 0)) {
          pending.delete(last.partition);
          if (pending.size === 0) caughtUp();
        }
      },
    });
    // Offsets a consumer never receives (a transaction marker at the end) would hold start-up forever.
    let timer: NodeJS.Timeout | undefined;
    const gaveUp = await Promise.race([
      ready.then(() => false),
      new Promise<boolean>((resolve) => (timer = setTimeout(() => resolve(true), opts.maxCatchUpWaitMs ?? CATCH_UP_WAIT_MS))),
    ]);
    clearTimeout(timer);
    if (gaveUp) opts.logger.warn("product table not read to its end in time; starting with what was read, the rest follows", { topic: opts.topic, skus: feed.table.size });
    else opts.logger.info("product table loaded", { topic: opts.topic, skus: feed.table.size });
    return feed;
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

  async stop(): Promise<void> {
    await this.reader?.stop();
  }
}
