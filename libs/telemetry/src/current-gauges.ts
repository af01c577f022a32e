import { PrometheusExporter } from "@opentelemetry/exporter-prometheus";
import { AggregationTemporality, InstrumentType } from "@opentelemetry/sdk-metrics";

/**
 * Observable gauges report only the series their callback observed this
 * time. Under cumulative temporality OTel JS keeps exporting every series a
 * gauge ever exported, with its last value (open-telemetry/opentelemetry-js
 * #4096, against the spec), so a partition this member lost went on showing
 * its lag and state bytes after `forget`. A gauge's delta is its last value,
 * so delta temporality changes nothing else about a gauge.
 */
export function currentGaugesTemporality(type: InstrumentType, otherwise: AggregationTemporality): AggregationTemporality {
  return type === InstrumentType.OBSERVABLE_GAUGE ? AggregationTemporality.DELTA : otherwise;
}

/** The Prometheus reader with `currentGaugesTemporality`; counters and histograms stay cumulative, as Prometheus needs. */
export class CurrentGaugesPrometheusExporter extends PrometheusExporter {
  override selectAggregationTemporality(type: InstrumentType): AggregationTemporality {
    return currentGaugesTemporality(type, super.selectAggregationTemporality(type));
  }
}
