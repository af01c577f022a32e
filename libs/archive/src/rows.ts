import {
  actionKindToJSON,
  ActionOutcome,
  Alert,
  applyStatusToJSON,
  ControlAction,
  deliveryResultToJSON,
  riskCategoryToJSON,
  severityToJSON,
  verdictToJSON,
  LiveEvent,
  type Feedback,
} from "@redline/proto";
import type { RetentionClass } from "./retention";

/** Unix seconds, the form both 18.16 and current ClickHouse read for DateTime in JSONEachRow. */
const seconds = (ms: number): number => Math.floor(ms / 1000);

export function alertRow(alert: Alert, retentionClass: RetentionClass, nowMs: number): Record<string, unknown> {
  return {
    alert_id: alert.alertId,
    room_id: alert.roomId,
    subject_user_id: alert.subjectUserId,
    category: riskCategoryToJSON(alert.category),
    subcategory: alert.subcategory,
    severity: severityToJSON(alert.severity),
    score: alert.score,
    event_time: seconds(alert.eventTimeMs),
    event_time_ms: alert.eventTimeMs,
    summary: alert.explanation?.summary ?? "",
    evidence_event_ids: alert.evidenceEventIds,
    model_version: alert.modelVersion,
    policy_version: alert.policyVersion,
    alert_json: JSON.stringify(Alert.toJSON(alert)),
    retention_class: retentionClass,
    ingested_at: seconds(nowMs),
  };
}

export function actionRow(action: ControlAction, retentionClass: RetentionClass, nowMs: number): Record<string, unknown> {
  return {
    action_id: action.actionId,
    alert_id: action.alertId,
    room_id: action.roomId,
    target_user_id: action.targetUserId,
    kind: actionKindToJSON(action.kind),
    category: riskCategoryToJSON(action.category),
    subcategory: action.subcategory,
    issued_at: seconds(action.issuedAtMs),
    issued_at_ms: action.issuedAtMs,
    expires_at_ms: action.expiresAtMs,
    policy_version: action.policyVersion,
    shadow: action.shadow ? 1 : 0,
    action_json: JSON.stringify(ControlAction.toJSON(action)),
    retention_class: retentionClass,
    ingested_at: seconds(nowMs),
  };
}

/** One delivery of an action (issue 20), filed under the action's issue day so the two expire together. */
export function outcomeRow(outcome: ActionOutcome, retentionClass: RetentionClass, nowMs: number): Record<string, unknown> {
  return {
    action_id: outcome.actionId,
    alert_id: outcome.alertId,
    room_id: outcome.roomId,
    kind: actionKindToJSON(outcome.kind),
    result: deliveryResultToJSON(outcome.result),
    attempts: outcome.attempts,
    first_attempt_at_ms: outcome.firstAttemptAtMs,
    finished_at_ms: outcome.finishedAtMs,
    ack_status: outcome.ack === undefined ? "" : applyStatusToJSON(outcome.ack.status),
    ack_message: outcome.ack?.message ?? "",
    failure_reason: outcome.failureReason,
    failure_detail: outcome.failureDetail,
    issued_at: seconds(outcome.issuedAtMs),
    issued_at_ms: outcome.issuedAtMs,
    policy_version: outcome.policyVersion,
    outcome_json: JSON.stringify(ActionOutcome.toJSON(outcome)),
    retention_class: retentionClass,
    ingested_at: seconds(nowMs),
  };
}

export function feedbackRow(feedback: Feedback, retentionClass: RetentionClass, nowMs: number): Record<string, unknown> {
  return {
    alert_id: feedback.alertId,
    room_id: feedback.roomId,
    inspector_id: feedback.inspectorId,
    verdict: verdictToJSON(feedback.verdict),
    note: feedback.note,
    reviewed_at: seconds(feedback.reviewedAtMs),
    reviewed_at_ms: feedback.reviewedAtMs,
    retention_class: retentionClass,
    ingested_at: seconds(nowMs),
  };
}

export function eventRow(event: LiveEvent, retentionClass: RetentionClass, nowMs: number): Record<string, unknown> {
  return {
    event_id: event.eventId,
    room_id: event.roomId,
    platform: event.platform,
    body_case: event.body?.$case ?? "",
    event_time: seconds(event.eventTimeMs),
    event_time_ms: event.eventTimeMs,
    event_json: JSON.stringify(LiveEvent.toJSON(event)),
    retention_class: retentionClass,
    ingested_at: seconds(nowMs),
  };
}

/** The Kafka record an input event was read from, as the archive keeps it (issue 20). */
export interface SourceRecord {
  eventId: string;
  roomId: string;
  eventTimeMs: number;
  topic: string;
  partition: number;
  /** Kafka's 64-bit offset, as a decimal string. */
  offset: string;
  timestampMs: number;
  key: Buffer | null;
  value: Buffer;
  headers: Readonly<Record<string, string>>;
}

export function eventRecordRow(record: SourceRecord, retentionClass: RetentionClass, nowMs: number): Record<string, unknown> {
  return {
    event_id: record.eventId,
    room_id: record.roomId,
    event_time: seconds(record.eventTimeMs),
    kafka_topic: record.topic,
    kafka_partition: record.partition,
    // A string: JSON numbers lose precision past 2^53, and ClickHouse reads a quoted Int64.
    kafka_offset: record.offset,
    kafka_timestamp_ms: record.timestampMs,
    key_base64: record.key?.toString("base64") ?? "",
    has_key: record.key === null ? 0 : 1,
    value_base64: record.value.toString("base64"),
    headers_json: JSON.stringify(record.headers),
    retention_class: retentionClass,
    ingested_at: seconds(nowMs),
  };
}
