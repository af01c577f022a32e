import { CONTENT_TYPE_HEADER, decodeLiveEvent, type ValidationLimits } from "@redline/events";
import type { LiveEvent } from "@redline/proto";
import type { RecordDecoder } from "./consumer";

/** Decoder for input topics: contract validation with the wall clock for the skew check. */
export function liveEventDecoder(limits: ValidationLimits, now: () => number = Date.now): RecordDecoder<LiveEvent> {
  return (record) => decodeLiveEvent(record.value, record.headers[CONTENT_TYPE_HEADER], limits, now());
}
