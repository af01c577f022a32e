import { partitionForKey } from "@redline/events";
import type { LiveEvent } from "@redline/proto";
import type { Kafka, Message, Producer } from "kafkajs";
import { toMessage } from "./topic-fill";

const MAX_MESSAGES_PER_SEND = 2000;

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
 * and record time; per partition it remembers those times, so a latency can
 * be measured from the first record at or after a given event time.
 */
export class OpenLoopProducer {
  private producer: Producer | undefined;
  /** Per partition: the event times of the ticks that wrote to it, ascending. */
  private readonly ticks: number[][];

  constructor(
    private readonly kafka: Kafka,
    private readonly topic: string,
    private readonly partitions: number,
  ) {
    this.ticks = Array.from({ length: partitions }, () => []);
  }

  async connect(): Promise<void> {
    this.producer = this.kafka.producer({ allowAutoTopicCreation: false });
    await this.producer.connect();
  }

  async disconnect(): Promise<void> {
    await this.producer?.disconnect();
  }

  /** Sends events now (triggers, warm-up), stamped with the current time unless they carry their own. */
  async sendNow(events: readonly LiveEvent[]): Promise<void> {
    const messages = events.map((e) => this.stamp(e, e.eventTimeMs));
    await this.producer!.send({ topic: this.topic, messages, acks: -1 });
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
      const messages: Message[] = [];
      for (; produced < due; produced++) {
        const next = source.next();
        if (next.done === true) throw new RangeError("the open-loop event source ended");
        messages.push(this.stamp(next.value, now));
      }
      for (const e of extras(now)) messages.push(this.stamp(e, e.eventTimeMs));
      // A tick that ran late owes many events: split so no request passes the broker's 1 MiB message limit.
      for (let i = 0; i < messages.length; i += MAX_MESSAGES_PER_SEND) {
        const p: Promise<void> = this.producer!.send({ topic: this.topic, messages: messages.slice(i, i + MAX_MESSAGES_PER_SEND), acks: -1 }).then(
          () => undefined,
          () => void failedSends++,
        );
        const tracked = p.finally(() => inFlight.delete(tracked));
        inFlight.add(tracked);
      }
      if (now >= endAtMs) break;
      await new Promise((r) => setTimeout(r, 5));
    }
    await Promise.all(inFlight);
    return { offeredPerSecond: perSecond, produced, startedAtMs, endedAtMs: Date.now(), failedSends };
  }

  /** The event time of the first record written to `partition` at or after `eventTimeMs`; undefined when none was. */
  firstRecordAtOrAfter(partition: number, eventTimeMs: number): number | undefined {
    const list = this.ticks[partition]!;
    let lo = 0;
    let hi = list.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (list[mid]! < eventTimeMs) lo = mid + 1;
      else hi = mid;
    }
    return list[lo];
  }

  private stamp(e: LiveEvent, timeMs: number): Message {
    const event = e.eventTimeMs === timeMs ? e : { ...e, eventTimeMs: timeMs };
    const partition = partitionForKey(event.roomId, this.partitions);
    const list = this.ticks[partition]!;
    if (list.length === 0 || list[list.length - 1]! < timeMs) list.push(timeMs);
    return toMessage(event, this.partitions);
  }
}
