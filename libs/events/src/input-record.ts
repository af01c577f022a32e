import type { LiveEvent } from "@redline/proto";
import { decodeLiveEvent } from "./decode";
import type { ValidationLimits } from "./limits";

/** An input-topic record as its consumers see it: the bytes, their content type and when it was published. */
export interface InputEventRecord {
  value: Uint8Array;
  contentType: string | undefined;
  /** The record's Kafka timestamp (producer's create time or the broker's append time); not a number or ≤ 0 when absent. */
  publishedAtMs: number;
}

/**
 * The one decision on whether an input record is a valid `LiveEvent`, for
 * every consumer of the input topics: the risk engine dead-letters what it
 * refuses and the archiver does not archive it (issue 17: events dated a year
 * ahead were dead-lettered by the engine and written to ClickHouse by the
 * archiver, which checked no skew). Event-time skew is measured from the
 * record's publication time, not the reader's clock, so the verdict is the
 * same whoever reads the record and whenever — the archiver catching up
 * after an outage, the engine re-reading a backlog after a restart. Only a
 * record without a timestamp is measured from `nowMs`.
 */
export function decodeInputEvent(record: InputEventRecord, limits: ValidationLimits, nowMs: number): LiveEvent {
  return decodeLiveEvent(record.value, record.contentType, limits, skewReferenceMs(record.publishedAtMs, nowMs));
}

/** The time an input event's time is checked against: its publication time when the record carries one. */
export function skewReferenceMs(publishedAtMs: number, nowMs: number): number {
  return Number.isSafeInteger(publishedAtMs) && publishedAtMs > 0 ? publishedAtMs : nowMs;
}
