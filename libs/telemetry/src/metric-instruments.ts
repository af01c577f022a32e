import type { Attributes, Counter, Histogram, Meter, ObservableResult } from "@opentelemetry/api";

/** Label values by label name; low-cardinality by rule (topics, partitions, enums), never ids. */
export type MetricLabels = Readonly<Record<string, string>>;

export interface CounterInstrument {
  add(value: number, labels?: MetricLabels): void;
}

export interface HistogramInstrument {
  record(value: number, labels?: MetricLabels): void;
}

/** A gauge whose owner sets a value per label set; read at scrape time, so what no longer exists is forgotten. */
export interface GaugeInstrument {
  set(value: number, labels: MetricLabels): void;
  /** Stops reporting every label set `matches` picks (a partition this member lost). */
  forget(matches: (labels: MetricLabels) => boolean): void;
}

const keyOf = (labels: MetricLabels): string => JSON.stringify(Object.entries(labels).sort(([a], [b]) => (a < b ? -1 : 1)));

/**
 * Instruments by name on one meter, made on first use and shared after, so
 * every port adapter that names a metric (`METRIC_NAMES`) reports to the
 * same series. Knows no domain: the packages declare what they count (their
 * metrics ports) and bind it to names here.
 */
export class MetricInstruments {
  private readonly counters = new Map<string, CounterInstrument>();
  private readonly histograms = new Map<string, HistogramInstrument>();
  private readonly gauges = new Map<string, GaugeInstrument>();

  constructor(private readonly meter: Meter) {}

  counter(name: string, description: string, unit = "1"): CounterInstrument {
    return remember(this.counters, name, () => {
      const counter: Counter = this.meter.createCounter(name, { description, unit });
      return { add: (value, labels) => counter.add(value, labels as Attributes | undefined) };
    });
  }

  histogram(name: string, description: string, unit: string, buckets: readonly number[]): HistogramInstrument {
    return remember(this.histograms, name, () => {
      const histogram: Histogram = this.meter.createHistogram(name, { description, unit, advice: { explicitBucketBoundaries: [...buckets] } });
      return { record: (value, labels) => histogram.record(value, labels as Attributes | undefined) };
    });
  }

  gauge(name: string, description: string, unit = "1"): GaugeInstrument {
    return remember(this.gauges, name, () => {
      const values = new Map<string, { labels: MetricLabels; value: number }>();
      this.meter.createObservableGauge(name, { description, unit }).addCallback((result: ObservableResult) => {
        for (const { labels, value } of values.values()) result.observe(value, labels as Attributes);
      });
      return {
        set: (value, labels) => {
          const key = keyOf(labels);
          // The first naming of a label set is kept, so a series keeps one label order in the exposition.
          values.set(key, { labels: values.get(key)?.labels ?? labels, value });
        },
        forget: (matches) => {
          for (const [key, entry] of values) if (matches(entry.labels)) values.delete(key);
        },
      };
    });
  }
}

function remember<T>(made: Map<string, T>, name: string, make: () => T): T {
  let instrument = made.get(name);
  if (instrument === undefined) {
    instrument = make();
    made.set(name, instrument);
  }
  return instrument;
}
