import type { AbandonReason } from "@redline/archive";
import { METRIC_NAMES, type MetricInstruments } from "@redline/telemetry";

/** What the archiver reports of its evidence look-up (its metrics port); `archiverMetricsOn` binds it. */
export interface ArchiverEvidenceMetrics {
  /** Cited events not archived yet, which the archiver still looks for. */
  evidencePending(events: number): void;
  /** Cited events given up on: past the transient retention, or pushed out by the bound on pending alerts. */
  evidenceAbandoned(events: number, reason: AbandonReason): void;
}

/** The archiver's evidence look-up under the names dashboards and alert rules use. */
export function archiverMetricsOn(instruments: MetricInstruments): ArchiverEvidenceMetrics {
  const pending = instruments.gauge(METRIC_NAMES.evidencePending, "Events cited by archived alerts that the archive has not received yet");
  const abandoned = instruments.counter(METRIC_NAMES.evidenceAbandoned, "Cited events the archiver stopped looking for, by reason (retention, capacity)");
  return {
    evidencePending: (events) => pending.set(events, {}),
    evidenceAbandoned: (events, reason) => abandoned.add(events, { reason }),
  };
}
