import { CONTENT_TYPE_HEADER, decodeInputEvent, type ValidationLimits } from "@redline/events";
import type { LiveEvent } from "@redline/proto";
import type { RecordDecoder } from "./consumer-options";

/**
 * Decoder for input topics: `decodeInputEvent`, the one validation every
 * reader of the input topics applies, with the record's timestamp as the
 * reference for the skew check (`now` only for a record without one).
 */
export function liveEventDecoder(limits: ValidationLimits, now: () => number = Date.now): RecordDecoder<LiveEvent> {
  return (record) =>
    decodeInputEvent({ value: record.value, contentType: record.headers[CONTENT_TYPE_HEADER], publishedAtMs: record.timestampMs }, limits, now());
}
