/**
 * What an export reads, as the archive stores it. JSON columns are passed as
 * the archived text so the bundle carries what was archived, not a re-encoding.
 * The archive (libs/archive) implements it over ClickHouse; tests in memory.
 */

export interface ArchivedAlert {
  alertId: string;
  roomId: string;
  eventTimeMs: number;
  modelVersion: string;
  policyVersion: string;
  evidenceEventIds: readonly string[];
  /** proto3 JSON of the Alert, as archived. */
  alertJson: string;
}

/** The Kafka record an input event came in, where the archive kept it. */
export interface ArchivedRecord {
  topic: string;
  partition: number;
  /** Kafka offsets are 64-bit: a decimal string. */
  offset: string;
  timestampMs: number;
  keyBase64: string | null;
  valueBase64: string;
  headers: Readonly<Record<string, string>>;
}

export interface ArchivedEvent {
  eventId: string;
  eventTimeMs: number;
  /** proto3 JSON of the LiveEvent, as archived. */
  eventJson: string;
  /** Absent when the archive did not keep the record (classes without it, or rows archived before it did). */
  record?: ArchivedRecord;
}

/** One delivery of an action as the dispatcher reported it (issue 20). */
export interface ArchivedOutcome {
  /** The `DeliveryResult` name: `DELIVERY_RESULT_APPLIED`, `_DUPLICATE`, `_REJECTED` or `_FAILED`. */
  result: string;
  attempts: number;
  firstAttemptAtMs: number;
  finishedAtMs: number;
  /** proto3 JSON of the ActionOutcome, as archived. */
  outcomeJson: string;
}

export interface ArchivedAction {
  actionId: string;
  alertId: string;
  policyVersion: string;
  /** A candidate policy's action: never sent to the platform. */
  shadow?: boolean;
  /** proto3 JSON of the ControlAction, as archived. */
  actionJson: string;
  /** Its deliveries, by first attempt; none when the archive holds none (not delivered yet, or archived before outcomes were). */
  outcomes?: readonly ArchivedOutcome[];
  /** proto3 JSON of the ACTION_UNDELIVERED alert the dispatcher raised for it, if any. */
  undeliveredAlertJson?: string;
}

export interface ArchivedReview {
  alertId: string;
  inspectorId: string;
  verdict: string;
  note: string;
  reviewedAtMs: number;
}

export interface TimeRange {
  fromMs: number;
  /** Exclusive. */
  toMs: number;
}

/**
 * Every method streams: a room over a day is never held whole. Alerts and events come in event
 * time (the archive orders a room's events by the second, then by id), actions and reviews by time.
 */
export interface EvidenceSource {
  findAlert(alertId: string): Promise<ArchivedAlert | undefined>;
  alertsInRoom(roomId: string, range: TimeRange): AsyncIterable<ArchivedAlert>;
  eventsByIds(roomId: string, eventIds: readonly string[]): AsyncIterable<ArchivedEvent>;
  eventsInRoom(roomId: string, range: TimeRange): AsyncIterable<ArchivedEvent>;
  actionsForAlerts(roomId: string, alertIds: readonly string[]): AsyncIterable<ArchivedAction>;
  reviewsForAlerts(roomId: string, alertIds: readonly string[]): AsyncIterable<ArchivedReview>;
}
