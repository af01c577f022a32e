import type { CatchUpOpener, FeedRecord } from "@redline/alert-feed";
import type { Logger } from "@redline/common";
import { CatchUpFailedError } from "./errors";
import { decodeMessage, encodingOf, CONTENT_TYPE_HEADER } from "@redline/events";
import { TopicReader, type createKafkaClient, type InputRecord } from "@redline/kafka";
import { Alert } from "@redline/proto";

type Kafka = ReturnType<typeof createKafkaClient>;

/** How often a catch-up reader waiting on a slow client tells the broker it is alive. */
const HEARTBEAT_WHILE_WAITING_MS = 3000;

/** Decodes alert records; an undecodable one is logged (coordinates only) and skipped, never fatal. */
export function alertRecords(records: readonly InputRecord[], logger: Logger): FeedRecord[] {
  const out: FeedRecord[] = [];
  for (const r of records) {
    try {
      const alert = decodeMessage(Alert, r.value, encodingOf(r.headers[CONTENT_TYPE_HEADER]));
      out.push({ partition: r.partition, offset: r.offset, alert });
    } catch (err) {
      logger.warn("skipping undecodable alert record", { err, topic: r.topic, partition: r.partition, offset: r.offset });
    }
  }
  return out;
}

/** Catch-up reads for clients whose cursor is older than the ring: one throw-away reader each. */
export function kafkaCatchUpOpener(kafka: Kafka, topic: string, logger: Logger): CatchUpOpener {
  return async (from, sink, onError) =>
    TopicReader.open({
      kafka,
      topic,
      from,
      logger,
      groupIdPrefix: "redline-gateway-catch-up",
      onFatal: (err) => {
        logger.error("catch-up reader stopped", { err, topic });
        onError(new CatchUpFailedError(topic, err));
      },
      onRecords: async (records, heartbeat) => {
        const timer = setInterval(() => void heartbeat().catch(() => undefined), HEARTBEAT_WHILE_WAITING_MS);
        try {
          await sink(alertRecords(records, logger));
        } finally {
          clearInterval(timer);
        }
      },
    });
}
