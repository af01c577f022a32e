/** What the dispatcher counts; a telemetry package implements it with real instruments. */
export interface DispatcherMetrics {
  actionDelivered(kind: string, outcome: string): void;
  applyRetried(): void;
  shadowSkipped(): void;
}

export class CountingDispatcherMetrics implements DispatcherMetrics {
  readonly outcomes = new Map<string, number>();
  retries = 0;
  shadow = 0;

  actionDelivered(kind: string, outcome: string): void {
    const key = `${kind}|${outcome}`;
    this.outcomes.set(key, (this.outcomes.get(key) ?? 0) + 1);
  }

  applyRetried(): void {
    this.retries++;
  }

  shadowSkipped(): void {
    this.shadow++;
  }

  total(outcome: string): number {
    let n = 0;
    for (const [k, v] of this.outcomes) if (k.endsWith(`|${outcome}`)) n += v;
    return n;
  }
}
