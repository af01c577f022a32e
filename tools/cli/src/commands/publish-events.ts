import { createJsonLogger } from "@redline/common";
import { DEFAULT_INPUT_TOPICS, encodeMessage, EventTimePacer } from "@redline/events";
import { createKafkaClient, loadKafkaConfig, RecordProducer, type OutputRecord } from "@redline/kafka";
import { LiveEvent } from "@redline/proto";
import { DEFAULT_BROKER_WAIT_MS } from "../broker-wait";
import type { CommandContext } from "../command";

export interface PublishOptions {
  /** At most this many events per second; 0 = as fast as the broker takes them. */
  rate: number;
  json: boolean;
  /**
   * Move times (and account ages with them) so the first event happens now and none lies ahead of the
   * wall clock when it is handed over (`EventTimePacer`): a recording replayed faster than it was made
   * is pulled back rather than published minutes into the future.
   */
  retime: boolean;
  topicPrefix: string;
  /** Prefix of progress lines on stderr, e.g. "produce". */
  label: string;
  /** How long a batch keeps being sent again while the broker cannot be reached (a restart); default `DEFAULT_BROKER_WAIT_MS`. */
  brokerWaitMs?: number;
}

export interface PublishResult {
  sent: number;
  elapsedMs: number;
  /** How far `retime` moved event times back in all to keep them at or behind the wall clock. */
  pulledBackMs: number;
}

const BATCH = 500;

/**
 * Publishes events to the input topic of each one's body type, keyed by
 * room, in batches, at most `rate` per second, with progress on stderr.
 * Shared by `redline produce` and `redline simulate --to-kafka`.
 */
export async function publishEvents(events: AsyncIterable<LiveEvent> | Iterable<LiveEvent>, opts: PublishOptions, ctx: CommandContext): Promise<PublishResult> {
  const logger = createJsonLogger({ level: "warn", write: (l) => ctx.stderr.write(l) });
  const producer = await RecordProducer.connect(createKafkaClient(loadKafkaConfig(ctx.env, "redline-cli"), logger), logger, {
    maxUnavailableMs: opts.brokerWaitMs ?? DEFAULT_BROKER_WAIT_MS,
  });
  const startedAt = Date.now();
  const batchLimit = opts.rate > 0 ? Math.max(1, Math.min(BATCH, Math.ceil(opts.rate / 10))) : BATCH;
  const pacer = opts.retime ? new EventTimePacer() : undefined;
  let sent = 0;
  let lastProgress = startedAt;
  let batch = new Map<string, OutputRecord[]>();
  let batchSize = 0;

  const flush = async (): Promise<void> => {
    if (batchSize === 0) return;
    await producer.sendMany([...batch].map(([topic, records]) => ({ topic, records })));
    sent += batchSize;
    batch = new Map();
    batchSize = 0;
    if (opts.rate > 0) {
      const waitMs = startedAt + (sent / opts.rate) * 1000 - Date.now();
      if (waitMs > 0) await new Promise((r) => setTimeout(r, waitMs));
    }
    if (Date.now() - lastProgress > 5000) {
      lastProgress = Date.now();
      ctx.stderr.write(`${opts.label}: ${sent} events sent\n`);
    }
  };

  try {
    for await (const event of events) {
      pacer?.retime(event, Date.now());
      const topic = opts.topicPrefix + DEFAULT_INPUT_TOPICS[event.body!.$case];
      const enc = encodeMessage(LiveEvent, event, opts.json ? "json" : "protobuf");
      const list = batch.get(topic) ?? [];
      list.push({ key: event.roomId, value: enc.value, headers: { "content-type": enc.contentType } });
      batch.set(topic, list);
      batchSize++;
      if (batchSize >= batchLimit) await flush();
    }
    await flush();
  } finally {
    await producer.disconnect();
  }
  return { sent, elapsedMs: Date.now() - startedAt, pulledBackMs: pacer?.pulledBackMs ?? 0 };
}
