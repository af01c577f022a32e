import { METRIC_NAMES, type MetricInstruments } from "@redline/telemetry";

/** What the dispatcher counts (its metrics port); `dispatcherMetricsOn` binds it to telemetry's instruments. */
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

/** The dispatcher's counts under the names dashboards and alert rules use. */
export function dispatcherMetricsOn(instruments: MetricInstruments): DispatcherMetrics {
  const actions = instruments.counter(METRIC_NAMES.actions, "Actions handled by the dispatcher, by kind and delivery outcome");
  const applyRetries = instruments.counter(METRIC_NAMES.applyRetries, "Retried ControlPlane.Apply calls");
  const shadowActions = instruments.counter(METRIC_NAMES.shadowActions, "Actions not delivered because the policy runs in shadow mode");
  return {
    actionDelivered: (kind, outcome) => actions.add(1, { kind, outcome }),
    applyRetried: () => applyRetries.add(1),
    shadowSkipped: () => shadowActions.add(1),
  };
}
