/**
 * What the consumer and the dead-letter writer report: this package's metrics
 * port. @redline/telemetry binds it to real instruments (`consumerMetricsOn`);
 * `CountingMetrics` keeps plain numbers for tests and status pages.
 */
export interface ConsumerMetrics {
  recordsConsumed(topic: string, count: number): void;
  /** A record written to `<topic>.dlq`, whatever the reason. */
  recordDeadLettered(topic: string, reason: string): void;
  /** A dead-lettered record refused for what it holds (`Refusal.undecodable`), not a valid one a handler or delivery refused. */
  recordUndecodable(topic: string, reason: string): void;
  handlerRetried(topic: string): void;
}

export const noopConsumerMetrics: ConsumerMetrics = {
  recordsConsumed: () => undefined,
  recordDeadLettered: () => undefined,
  recordUndecodable: () => undefined,
  handlerRetried: () => undefined,
};

export class CountingMetrics implements ConsumerMetrics {
  readonly consumed = new Map<string, number>();
  readonly deadLettered = new Map<string, number>();
  readonly undecodable = new Map<string, number>();
  readonly retries = new Map<string, number>();

  recordsConsumed(topic: string, count: number): void {
    this.consumed.set(topic, (this.consumed.get(topic) ?? 0) + count);
  }

  recordDeadLettered(topic: string, reason: string): void {
    const key = `${topic}|${reason}`;
    this.deadLettered.set(key, (this.deadLettered.get(key) ?? 0) + 1);
  }

  recordUndecodable(topic: string, reason: string): void {
    const key = `${topic}|${reason}`;
    this.undecodable.set(key, (this.undecodable.get(key) ?? 0) + 1);
  }

  handlerRetried(topic: string): void {
    this.retries.set(topic, (this.retries.get(topic) ?? 0) + 1);
  }

  deadLetteredTotal(): number {
    let n = 0;
    for (const v of this.deadLettered.values()) n += v;
    return n;
  }
}
