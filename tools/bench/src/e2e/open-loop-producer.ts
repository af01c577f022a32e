import { partitionForKey } from "@redline/kafka";
import type { LiveEvent } from "@redline/proto";
import type { Kafka, Message, Producer } from "kafkajs";
import { toMessage } from "./topic-fill";

const MAX_MESSAGES_PER_SEND = 2000;

interface Stamped {
  message: Message;
  partition: number;
  eventTimeMs: number;
}

export interface OpenLoopRun {
  offeredPerSecond: number;
  produced: number;
  startedAtMs: number;
  endedAtMs: number;
  /** Sends that failed (the load is counted as produced only when acknowledged). */
  failedSends: number;
}

/**
 * Produces at a fixed rate whatever the consumers do (open loop: a slow
 * engine sees a growing backlog, not a slower producer). Every tick it sends
 * the events due since the start, stamped with the tick's wall time as event
 * and record time. Per partition it remembers when the broker acknowledged
 * each tick's records: latencies are measured from that produce time, so a
 * load generator that falls behind on a busy machine does not count its own
 * queue as Redline's latency (the gap is reported as the generator's lag).
 */
export class OpenLoopProducer {
  private producer: Producer | undefined;
  /** Acknowledgements not yet taken by `drainAcks`: partition, event time, acknowledged at, repeated. */
  private acks: number[] = [];

  constructor(
    private readonly kafka: Kafka,
    private readonly topic: string,
    private readonly partitions: number,
  ) {}

  async connect(): Promise<void> {
    this.producer = this.kafka.producer({ allowAutoTopicCreation: false });
    await this.producer.connect();
  }

  async disconnect(): Promise<void> {
    await this.producer?.disconnect();
  }

  /** Sends events now (triggers, warm-up), stamped with the current time unless they carry their own. */
  async sendNow(events: readonly LiveEvent[]): Promise<void> {
    await this.send(events.map((e) => this.stamp(e, e.eventTimeMs)));
  }

  /**
   * `perSecond` events from `source` for `seconds`; `extras(nowMs)` adds
   * events (triggers) at a tick. Resolves when every send is acknowledged.
   */
  async run(perSecond: number, seconds: number, source: Iterator<LiveEvent>, extras: (nowMs: number) => LiveEvent[] = () => []): Promise<OpenLoopRun> {
    const startedAtMs = Date.now();
    const endAtMs = startedAtMs + seconds * 1000;
    let produced = 0;
    let failedSends = 0;
    const inFlight = new Set<Promise<void>>();
    for (;;) {
      const now = Date.now();
      const due = Math.min(Math.floor(((now - startedAtMs) / 1000) * perSecond), Math.floor(seconds * perSecond));
      const messages: Stamped[] = [];
      for (; produced < due; produced++) {
        const next = source.next();
        if (next.done === true) throw new RangeError("the open-loop event source ended");
        messages.push(this.stamp(next.value, now));
      }
      for (const e of extras(now)) messages.push(this.stamp(e, e.eventTimeMs));
      // A tick that ran late owes many events: split so no request passes the broker's 1 MiB message limit.
      for (let i = 0; i < messages.length; i += MAX_MESSAGES_PER_SEND) {
        const p: Promise<void> = this.send(messages.slice(i, i + MAX_MESSAGES_PER_SEND)).catch(() => void failedSends++);
        const tracked = p.finally(() => inFlight.delete(tracked));
        inFlight.add(tracked);
      }
      if (now >= endAtMs) break;
      await new Promise((r) => setTimeout(r, 5));
    }
    await Promise.all(inFlight);
    return { offeredPerSecond: perSecond, produced, startedAtMs, endedAtMs: Date.now(), failedSends };
  }

  /** The acknowledgements since the last call (for an AckLog), flat: partition, event time, acknowledged at. */
  drainAcks(): number[] {
    const out = this.acks;
    this.acks = [];
    return out;
  }

  private async send(messages: readonly Stamped[]): Promise<void> {
    await this.producer!.send({ topic: this.topic, messages: messages.map((m) => m.message), acks: -1 });
    const ackedAtMs = Date.now();
    const seen = new Set<string>();
    for (const m of messages) {
      const key = `${m.partition}:${m.eventTimeMs}`;
      if (seen.has(key)) continue;
      seen.add(key);
      this.acks.push(m.partition, m.eventTimeMs, ackedAtMs);
    }
  }

  private stamp(e: LiveEvent, timeMs: number): Stamped {
    const event = e.eventTimeMs === timeMs ? e : { ...e, eventTimeMs: timeMs };
    return { message: toMessage(event, this.partitions), partition: partitionForKey(event.roomId, this.partitions), eventTimeMs: timeMs };
  }
}
