import type { ArchiveBatch, SourceRecord } from "@redline/archive";
import { decodeMessage, encodingOf, CONTENT_TYPE_HEADER, type ValidationLimits } from "@redline/events";
import { liveEventDecoder, type DecodedRecord, type InputRecord } from "@redline/kafka";
import { ActionOutcome, Alert, ControlAction, Feedback, type LiveEvent } from "@redline/proto";
import { InvalidEventError } from "@redline/events";

export type ArchiveRecord =
  | { kind: "alert"; value: Alert }
  | { kind: "action"; value: ControlAction }
  | { kind: "outcome"; value: ActionOutcome }
  | { kind: "feedback"; value: Feedback }
  | { kind: "event"; value: LiveEvent }
  /** Invalid input event (the risk engine's verdict, same decoder and limits): it dead-letters it, the archiver only counts it. */
  | { kind: "skipped"; reason: string };

export interface OutputTopics {
  alertsTopic: string;
  actionsTopic: string;
  feedbackTopic: string;
  outcomesTopic: string;
}

/**
 * Decodes a record by the topic it came from. A bad output record throws
 * (the consumer dead-letters it); a bad input event is skipped because the
 * risk engine already dead-letters it and one DLQ record per bad event is
 * enough. Input events go through the engine's own decoder with the same
 * limits, so what the engine refuses is never archived (issue 17); the skew
 * is measured from the record's publication time, so an archiver reading
 * late reaches the engine's verdict.
 */
export function archiveDecoder(topics: OutputTopics & { limits: ValidationLimits }, now: () => number = Date.now) {
  const decodeInput = liveEventDecoder(topics.limits, now);
  return (record: InputRecord): ArchiveRecord => {
    const encoding = encodingOf(record.headers[CONTENT_TYPE_HEADER]);
    const decodeOutput = <T>(codec: Parameters<typeof decodeMessage<T>>[0]): T => {
      try {
        return decodeMessage(codec, record.value, encoding);
      } catch (err) {
        throw new InvalidEventError("UNDECODABLE", `not a ${encoding} message for ${record.topic}`, { cause: err });
      }
    };
    switch (record.topic) {
      case topics.alertsTopic:
        return { kind: "alert", value: decodeOutput(Alert) };
      case topics.actionsTopic:
        return { kind: "action", value: decodeOutput(ControlAction) };
      case topics.feedbackTopic:
        return { kind: "feedback", value: decodeOutput(Feedback) };
      case topics.outcomesTopic:
        return { kind: "outcome", value: decodeOutcome(decodeOutput(ActionOutcome)) };
      default:
        try {
          return { kind: "event", value: decodeInput(record) };
        } catch (err) {
          if (err instanceof InvalidEventError) return { kind: "skipped", reason: err.reason };
          throw err;
        }
    }
  };
}

/** An outcome the archive cannot file under its action is refused (dead-lettered) rather than kept unfindable. */
function decodeOutcome(outcome: ActionOutcome): ActionOutcome {
  if (outcome.actionId === "") throw new InvalidEventError("MISSING_FIELD", "ActionOutcome.actionId is required");
  if (outcome.roomId === "") throw new InvalidEventError("MISSING_FIELD", "ActionOutcome.roomId is required");
  return outcome;
}

/** Groups a consumed batch by kind; each input event keeps the record it came in, for evidence bundles (issue 20). */
export function toArchiveBatch(records: ReadonlyArray<DecodedRecord<ArchiveRecord>>): ArchiveBatch & { skipped: number } {
  const batch = {
    alerts: [] as Alert[],
    actions: [] as ControlAction[],
    feedback: [] as Feedback[],
    outcomes: [] as ActionOutcome[],
    events: [] as LiveEvent[],
    eventRecords: [] as SourceRecord[],
    skipped: 0,
  };
  for (const { record, value: r } of records) {
    if (r.kind === "alert") batch.alerts.push(r.value);
    else if (r.kind === "action") batch.actions.push(r.value);
    else if (r.kind === "feedback") batch.feedback.push(r.value);
    else if (r.kind === "outcome") batch.outcomes.push(r.value);
    else if (r.kind === "event") {
      batch.events.push(r.value);
      batch.eventRecords.push(sourceRecordOf(r.value, record));
    } else batch.skipped++;
  }
  return batch;
}

function sourceRecordOf(event: LiveEvent, record: InputRecord): SourceRecord {
  return {
    eventId: event.eventId,
    roomId: event.roomId,
    eventTimeMs: event.eventTimeMs,
    topic: record.topic,
    partition: record.partition,
    offset: record.offset.toString(),
    timestampMs: record.timestampMs,
    key: record.key,
    value: record.value,
    headers: record.headers,
  };
}
