import type { Logger } from "@redline/common";
import type { Admin, Kafka } from "kafkajs";

export interface PartitionLag {
  topic: string;
  partition: number;
  /** Records between the group's committed offset and the high-water mark. */
  lag: number;
}

/**
 * A consumer group's lag as the broker sees it: committed offsets against
 * high-water marks, for every partition of the topics. Unlike the lag a
 * member reports from its own fetches, this is known while no member owns a
 * partition (after a crash, during a rebalance), which is when it matters.
 * A partition with no committed offset counts from its low-water mark.
 */
export async function fetchGroupLag(admin: Admin, groupId: string, topics: readonly string[]): Promise<PartitionLag[]> {
  const [committed, ends] = await Promise.all([
    admin.fetchOffsets({ groupId, topics: [...topics] }),
    Promise.all(topics.map(async (topic) => [topic, await admin.fetchTopicOffsets(topic)] as const)),
  ]);
  const committedAt = new Map<string, bigint>();
  for (const t of committed) for (const p of t.partitions) committedAt.set(`${t.topic}|${p.partition}`, BigInt(p.offset));
  const out: PartitionLag[] = [];
  for (const [topic, parts] of ends) {
    for (const p of parts) {
      const high = BigInt(p.high);
      const at = committedAt.get(`${topic}|${p.partition}`) ?? -1n;
      const from = at >= 0n ? at : BigInt(p.low);
      out.push({ topic, partition: p.partition, lag: Number(high > from ? high - from : 0n) });
    }
  }
  return out;
}

export interface GroupLagMonitorOptions {
  kafka: Kafka;
  groupId: string;
  topics: readonly string[];
  intervalMs: number;
  onLag: (lags: readonly PartitionLag[]) => void;
  logger: Logger;
}

/** Polls `fetchGroupLag` on an interval; a failed poll is logged and the next one retries. */
export class GroupLagMonitor {
  private readonly admin: Admin;
  private timer: NodeJS.Timeout | undefined;
  private polling: Promise<void> | undefined;

  constructor(private readonly options: GroupLagMonitorOptions) {
    this.admin = options.kafka.admin();
  }

  async start(): Promise<void> {
    await this.admin.connect();
    this.timer = setInterval(() => void this.poll(), this.options.intervalMs);
    this.timer.unref();
    await this.poll();
  }

  /** One poll now; resolves when its result has been reported. */
  poll(): Promise<void> {
    this.polling ??= fetchGroupLag(this.admin, this.options.groupId, this.options.topics)
      .then((lags) => this.options.onLag(lags))
      .catch((err: unknown) => this.options.logger.warn("group lag poll failed; the next one retries", { err, groupId: this.options.groupId }))
      .finally(() => {
        this.polling = undefined;
      });
    return this.polling;
  }

  async stop(): Promise<void> {
    clearInterval(this.timer);
    await this.polling;
    await this.admin.disconnect();
  }
}
