/**
 * What the risk engine reports (its metrics port). The telemetry lib adapts
 * it to instruments; without telemetry the service reports nowhere.
 */
export interface RiskEngineMetrics {
  alertRaised(category: string, subcategory: string, severity: string): void;
  lateEvent(topic: string, count: number): void;
  /** Repeats of an input record (an at-least-once producer's retry), dropped by the engine. */
  duplicateEvents(count: number): void;
  idleAdvanced(count: number): void;
  /** State dropped before its room ended: detections in those rooms start over. */
  roomsEvicted(count: number): void;
  /** Wall time to score one released event, averaged over a release. */
  scoringLatencyMs(ms: number): void;
  setConsumerLag(topic: string, partition: number, lag: number): void;
  /** Broker-side lag of the group, for every partition whether or not this member owns it. */
  setGroupLag(group: string, topic: string, partition: number, lag: number): void;
  setOldestUnappliedAgeMs(partition: number, ms: number): void;
  setStateBytes(partition: number, bytes: number): void;
  stateRestoredMs(ms: number): void;
  /** Stops reporting gauges of a partition this member no longer owns. */
  forgetPartition(partition: number): void;
}

export const noopRiskEngineMetrics: RiskEngineMetrics = {
  alertRaised: () => undefined,
  lateEvent: () => undefined,
  duplicateEvents: () => undefined,
  idleAdvanced: () => undefined,
  roomsEvicted: () => undefined,
  scoringLatencyMs: () => undefined,
  setConsumerLag: () => undefined,
  setGroupLag: () => undefined,
  setOldestUnappliedAgeMs: () => undefined,
  setStateBytes: () => undefined,
  stateRestoredMs: () => undefined,
  forgetPartition: () => undefined,
};
